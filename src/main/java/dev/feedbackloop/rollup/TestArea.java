package dev.feedbackloop.rollup;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of the product a test covers, guessed from where it lives, so that insights can say "in checkout":
 * the innermost folder of its file that is not a generic test folder, else the last package of its class, else the
 * first part of its describe path, else its file name without extensions.
 */
public final class TestArea {

    private static final Set<String> GENERIC = Set.of("", ".", "src", "test", "tests", "spec", "specs", "e2e",
            "__tests__", "cypress", "playwright", "integration", "it", "unit", "java", "kotlin", "main", "js", "ts",
            "com", "org", "net", "io", "dev", "app", "lib", "acceptance", "functional", "ui", "api");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");
    private static final Pattern DESCRIBE = Pattern.compile("\\s+(?:>|›|»|::)\\s+");
    private static final Pattern EXTENSIONS = Pattern.compile("(\\.(?:spec|test|cy|e2e|it))?\\.[A-Za-z]{1,5}$");

    private TestArea() {
    }

    /** The area of a test with this suite and file; empty when nothing specific is found. */
    public static Optional<String> of(String suite, Optional<String> file) {
        Optional<String> fromFile = file.flatMap(TestArea::fromPath);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        String s = suite == null ? "" : suite.strip();
        if (s.contains("/") || s.contains("\\")) {
            return fromPath(s);
        }
        if (DESCRIBE.matcher(s).find()) {
            return specific(DESCRIBE.split(s)[0]);
        }
        String[] parts = s.split("\\.");
        if (parts.length >= 2) {
            for (int i = parts.length - 2; i >= 0; i--) {
                if (!GENERIC.contains(parts[i].toLowerCase(Locale.ROOT))) {
                    return specific(parts[i]);
                }
            }
        }
        return specific(s);
    }

    private static Optional<String> fromPath(String path) {
        String[] parts = SEPARATORS.split(path.strip());
        for (int i = parts.length - 2; i >= 0; i--) {
            if (!GENERIC.contains(parts[i].toLowerCase(Locale.ROOT))) {
                return specific(parts[i]);
            }
        }
        return parts.length == 0 ? Optional.empty() : specific(EXTENSIONS.matcher(parts[parts.length - 1])
                .replaceFirst(""));
    }

    private static Optional<String> specific(String name) {
        String n = name.strip();
        return n.isEmpty() || GENERIC.contains(n.toLowerCase(Locale.ROOT)) ? Optional.empty() : Optional.of(n);
    }
}
