package dev.feedbackloop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain core depends on nothing outside the JDK and Jackson: adapters depend on it, never the reverse. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/feedbackloop");
    private static final List<String> ADAPTER_PACKAGES = List.of("adapter", "cli");
    private static final Pattern FORBIDDEN_IN_CORE = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.quarkus|jakarta\\.|javax\\.inject|javax\\.enterprise|software\\.amazon"
                    + "|com\\.amazonaws|org\\.eclipse\\.microprofile|io\\.smallrye|org\\.jboss|picocli"
                    + "|dev\\.feedbackloop\\.(adapter|cli))\\b",
            Pattern.MULTILINE);

    @Test
    void coreImportsNoFrameworkAndNoAdapter() throws IOException {
        List<String> violations;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            violations = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(ArchitectureTest::isCore)
                    .flatMap(ArchitectureTest::forbiddenImports)
                    .toList();
        }
        assertThat(violations).as("core sources importing frameworks or adapters").isEmpty();
    }

    /** The Lambda artifact's wiring never reaches the embedded engines, which it does not ship. */
    @Test
    void onlyTheCommandLineAndLocalRunsUseTheLocalEngines() throws IOException {
        assertThat(importers("dev.feedbackloop.adapter.local")).as("importers of adapter.local")
                .allSatisfy(file -> assertThat(file).matches(".*/(cli|adapter/local)/[^/]+\\.java"));
    }

    /** The client side of ingest (what runs in CI) is no part of the stages the functions run. */
    @Test
    void onlyTheCommandLineAndLocalRunsUseTheUploadClient() throws IOException {
        assertThat(importers("dev.feedbackloop.upload")).as("importers of upload")
                .isNotEmpty()
                .allSatisfy(file -> assertThat(file).matches(".*/(cli|adapter/local)/[^/]+\\.java"));
    }

    @Test
    void theCoreIsNotEmpty() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(ArchitectureTest::isCore).count())
                    .as("core source files checked").isGreaterThan(5);
        }
    }

    /** Main source files outside {@code pkg} that import from it. */
    private static List<String> importers(String pkg) throws IOException {
        Pattern imports = Pattern.compile("^import\\s+" + Pattern.quote(pkg) + "\\.", Pattern.MULTILINE);
        String own = pkg.replace('.', '/');
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().toString().endsWith(own))
                    .filter(f -> imports.matcher(read(f)).find())
                    .map(Path::toString)
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isCore(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 || !ADAPTER_PACKAGES.contains(relative.getName(0).toString());
    }

    private static Stream<String> forbiddenImports(Path file) {
        return FORBIDDEN_IN_CORE.matcher(read(file)).results().map(m -> file + ": " + m.group());
    }
}
