package dev.feedbackloop.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared evaluation corpus ({@code ../shared/corpus} beside the checkout), read in place, never copied.
 *
 * <p>On a fresh clone without it, tests that need it are skipped; under CI ({@code CI=true}) a missing corpus is a
 * failure, so a broken checkout cannot pass by skipping. Override the location with {@code -Dfeedback.corpus=DIR}
 * or {@code FEEDBACK_CORPUS}.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus root; skips the calling test when absent outside CI, fails it when absent under CI. */
    public static Path root() {
        Path root = location();
        if (!Files.isDirectory(root)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but the shared corpus is missing at " + root.toAbsolutePath()
                        + " (expected ../shared/corpus beside the checkout)");
            }
            assumeTrue(false, "shared corpus not found at " + root.toAbsolutePath() + "; skipping");
        }
        return root;
    }

    /** A path inside the corpus, with the same skip/fail rule as {@link #root()}. */
    public static Path resolve(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            fail("corpus file missing: " + path.toAbsolutePath());
        }
        return path;
    }

    /** Whether the corpus is present, for building parameter lists without failing. */
    public static boolean isPresent() {
        return Files.isDirectory(location());
    }

    private static Path location() {
        String configured = System.getProperty("feedback.corpus", System.getenv("FEEDBACK_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of("..", "shared", "corpus");
    }
}
