package dev.feedbackloop.model;

import dev.feedbackloop.text.Sha256;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stable identity of a test within a project: the same test keeps its id across runs, machines and report formats.
 *
 * <p>The id is the first 16 hex digits (64 bits) of SHA-256 over {@code project, qualifier, name}, where
 * <ul>
 *   <li>{@code qualifier} is the suite or class, normalised: path separators become dots, a source-file extension
 *       ({@code .java .kt .py .ts .js ...}) and a leading {@code ./} are dropped, so {@code tests/login.spec.ts},
 *       {@code tests.login.spec.ts} and {@code tests\login.spec.ts} agree; when a report names no suite, the test's
 *       file takes its place, normalised the same way after any absolute CI workspace prefix is cut off at the
 *       first well-known source folder ({@code src test tests spec e2e ...});</li>
 *   <li>{@code name} is the test name with runs of whitespace collapsed.</li>
 * </ul>
 * Line numbers, durations and the report format never enter the id: they change while the test stays the same.
 *
 * @param value 16 lower-case hex digits
 */
public record TestId(String value) {

    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");
    private static final Pattern SOURCE_EXTENSION = Pattern.compile(
            "\\.(java|kt|kts|groovy|scala|py|ts|tsx|mts|cts|js|jsx|mjs|cjs|go|rb|php|cs|fs|vb|rs|swift|dart|feature)$",
            Pattern.CASE_INSENSITIVE);
    // An absolute workspace prefix ends where a well-known source folder begins:
    // /home/runner/work/app/app/tests/test_login.py -> tests/test_login.py
    private static final Pattern WORKSPACE_PREFIX = Pattern.compile(
            "^(?:[A-Za-z]:)?/.*?/(?=(?:src|test|tests|spec|specs|e2e|__tests__|cypress|playwright)/)");

    public TestId {
        Objects.requireNonNull(value, "value");
        if (!HEX16.matcher(value).matches()) {
            throw new IllegalArgumentException("test id must be 16 lower-case hex digits, was '" + value + "'");
        }
    }

    /**
     * Derives the id of a test.
     *
     * @param project the project the test belongs to; must not be blank
     * @param suite   suite or class name as reported; may be blank
     * @param name    test name; must not be blank
     * @param file    source file, used only when {@code suite} is blank
     */
    public static TestId derive(String project, String suite, String name, Optional<String> file) {
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("project must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("test name must not be blank (suite '" + suite + "')");
        }
        String qualifier = normaliseQualifier(suite);
        if (qualifier.isEmpty()) {
            qualifier = file.map(TestId::normaliseFile).map(TestId::normaliseQualifier).orElse("");
        }
        return new TestId(sha256Hex16(project.trim() + '\u0000' + qualifier + '\u0000' + collapse(name)));
    }

    /** Suite or class name in the form the id uses: dotted, no source extension, no leading {@code ./}. */
    static String normaliseQualifier(String suite) {
        if (suite == null) {
            return "";
        }
        String s = collapse(suite);
        s = SOURCE_EXTENSION.matcher(s).replaceFirst("");
        s = SEPARATORS.matcher(s).replaceAll(".");
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s;
    }

    /** A file path with the absolute CI workspace prefix cut off, forward slashes only. */
    static String normaliseFile(String file) {
        String path = file.trim().replace('\\', '/');
        if (path.startsWith("./")) {
            path = path.substring(2);
        }
        var prefix = WORKSPACE_PREFIX.matcher(path);
        if (prefix.find()) {
            return path.substring(prefix.end());
        }
        if (path.startsWith("/") || (path.length() > 1 && path.charAt(1) == ':')) {
            return path.substring(path.lastIndexOf('/') + 1); // absolute path with no known root: keep the file name
        }
        return path;
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    private static String sha256Hex16(String key) {
        return Sha256.hexPrefix(key, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
