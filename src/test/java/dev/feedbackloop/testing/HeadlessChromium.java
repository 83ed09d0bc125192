package dev.feedbackloop.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium for tests of what a person looks at: the DOM after the page rendered, the console
 * messages it logged, a screenshot. Tests are skipped with a message where Chromium is absent, and fail when
 * {@code CI=true} ({@code .ci/run} installs it).
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or the test skipped (failed under CI) when there is none. */
    public static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("headless Chromium is required when CI=true: apt-get install -y"
                    + " chromium");
        }
        assumeTrue(found.isPresent(), "headless Chromium is not installed (apt-get install -y chromium); browser"
                + " checks skipped");
        return new HeadlessChromium(found.get());
    }

    private static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        return Stream.of(path.split(":")).flatMap(dir -> NAMES.stream().map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    /** What the browser made of a page. */
    public record Rendered(String dom, List<String> console) {
    }

    /** Opens {@code page}, returns the DOM after load and every console message it logged. */
    public Rendered render(Path page) {
        Result result = run(page, "--enable-logging=stderr", "--v=0", "--dump-dom");
        List<String> console = result.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Rendered(result.stdout, console);
    }

    /** Opens {@code page} at a laptop's window size and saves a screenshot as PNG. */
    public void screenshot(Path page, Path png) {
        run(page, "--window-size=1400,1000", "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
    }

    private record Result(String stdout, String stderr) {
    }

    private Result run(Path page, String... options) {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            Path stdout = profile.resolve("stdout.txt");
            Path stderr = profile.resolve("stderr.txt");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile));
            command.addAll(List.of(options));
            command.add(page.toAbsolutePath().toUri().toString());
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + err);
            }
            return new Result(Files.readString(stdout, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chromium ran", e);
        }
    }
}
