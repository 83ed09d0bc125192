package dev.feedbackloop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain core depends on nothing outside the JDK and Jackson: adapters depend on it, never the reverse. Inside
 * the core, dependencies point inward, from the stages of the loop to the domain they share (see
 * docs/ARCHITECTURE.md, "Packages"), and storage ports live in {@code store}.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/feedbackloop");
    private static final List<String> ADAPTER_PACKAGES = List.of("adapter", "cli");
    /**
     * Every core package by ring, innermost 0: a package imports only packages of lower rings, so that siblings of
     * one ring (the stages in ring 6) never depend on each other and no cycle can form. A new package fails
     * {@link #everyCorePackageHasARing()} until it is placed here.
     */
    private static final Map<String, Integer> RINGS = Map.ofEntries(
            Map.entry("text", 0),
            Map.entry("model", 1),
            Map.entry("report", 2), Map.entry("fingerprint", 2),
            // redact copies whole reports with the parsers' safe XML and JSON readers
            Map.entry("redact", 3), Map.entry("rootcause", 3),
            Map.entry("scenario", 4), Map.entry("health", 4), Map.entry("guard", 4),
            Map.entry("store", 5),
            // the stages of the loop
            Map.entry("ingest", 6), Map.entry("classify", 6), Map.entry("regenerate", 6), Map.entry("rollup", 6),
            Map.entry("history", 6), Map.entry("recommend", 6),
            // what people read (over history and the stages' records); the client side of ingest, run in CI
            Map.entry("view", 7), Map.entry("upload", 7),
            // the nightly job joins two stages (recommend and rollup) that do not know each other
            Map.entry("nightly", 7),
            // files the stages' scenarios in an issue tracker
            Map.entry("tracker", 7),
            // people's decisions over the API: ingest's signing, recommend's decisions
            Map.entry("triage", 7),
            // after the nightly figures: each project's report and digest, where people look
            Map.entry("publish", 8));
    /** The ring of the loop's stages. */
    private static final int STAGES = 6;
    private static final Pattern CORE_IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?dev\\.feedbackloop\\.([a-z]+)\\.", Pattern.MULTILINE);
    /** Adapters that implement storage ports. */
    private static final Pattern STORAGE_ADAPTER = Pattern.compile(".*/adapter/(dynamodb|s3|sqs)/[^/]+\\.java");
    private static final Pattern IMPLEMENTED_CORE_TYPE = Pattern.compile(
            "^import\\s+dev\\.feedbackloop\\.([a-z]+)\\.([A-Z]\\w*);", Pattern.MULTILINE);
    private static final Pattern FORBIDDEN_IN_CORE = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.quarkus|jakarta\\.|javax\\.inject|javax\\.enterprise|software\\.amazon"
                    + "|com\\.amazonaws|org\\.eclipse\\.microprofile|io\\.smallrye|org\\.jboss|picocli"
                    + "|io\\.modelcontextprotocol"
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
    void everyCorePackageHasARing() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !ADAPTER_PACKAGES.contains(name)).forEach(packages::add);
        }
        assertThat(packages).as("core packages").isNotEmpty();
        assertThat(RINGS.keySet()).as("packages placed in RINGS").containsAll(packages);
    }

    @Test
    void coreDependenciesPointInward() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).filter(ArchitectureTest::isCore)
                    .toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() == 1) {
                    continue;
                }
                String own = relative.getName(0).toString();
                Matcher imported = CORE_IMPORT.matcher(read(file));
                while (imported.find()) {
                    String target = imported.group(1);
                    if (!target.equals(own) && RINGS.getOrDefault(target, Integer.MAX_VALUE)
                            >= RINGS.getOrDefault(own, -1)) {
                        violations.add(file + " (" + own + ", ring " + RINGS.get(own) + ") imports " + target
                                + " (ring " + RINGS.get(target) + ")");
                    }
                }
            }
        }
        assertThat(violations).as("core imports that do not point inward").isEmpty();
    }

    /**
     * One rule for ports: a storage port lives with the records it stores. The history several stages share (runs,
     * results, scenarios, health, metrics, raw reports, queues) is in {@code store}; a stage's own working records
     * (the regenerate stage's fix analyses, the recommend stage's recommendations and triage) stay with that stage,
     * because {@code store} may not import a stage. So storage adapters implement interfaces of {@code store} or of
     * a stage, never of an inner package.
     */
    @Test
    void storageAdaptersImplementOnlyStorePorts() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> STORAGE_ADAPTER.matcher(f.toString()).matches()).toList()) {
                String source = read(file);
                Matcher imported = IMPLEMENTED_CORE_TYPE.matcher(source);
                while (imported.find()) {
                    boolean allowed = imported.group(1).equals("store")
                            || RINGS.getOrDefault(imported.group(1), -1) == STAGES;
                    if (!allowed && Pattern.compile(
                            "\\bimplements\\b[^{]*\\b" + imported.group(2) + "\\b").matcher(source).find()) {
                        violations.add(file + " implements " + imported.group(1) + "." + imported.group(2));
                    }
                }
            }
        }
        assertThat(violations).as("storage ports outside store and the stages").isEmpty();
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
