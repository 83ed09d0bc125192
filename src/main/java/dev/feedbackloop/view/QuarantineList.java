package dev.feedbackloop.view;

import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.text.TerminalText;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The quarantine list as CI reads it: the tests whose quarantine is in force now (an expired one drops out by itself),
 * in the form a test runner takes. The same text whether {@code feedback quarantine} reads the embedded store or the
 * read API, which serves these forms as {@code text/plain}.
 */
public final class QuarantineList {

    /** The list's forms. */
    public enum Format {
        /** One JSON object per test ({@link ViewJson#quarantined}). */
        JSON("json"),
        /** One regular expression of the test names, for Playwright's {@code --grep-invert}. */
        PLAYWRIGHT_GREP("playwright-grep"),
        /** {@code --deselect file::Class::test} arguments for pytest. */
        PYTEST_DESELECT("pytest-deselect"),
        /** {@code Class#method} lines for Surefire's {@code -Dsurefire.excludesFile}. */
        SUREFIRE_EXCLUDES("surefire-excludes");

        private final String wireName;

        Format(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** Reads a form as written on a command line or in a query ({@code playwright-grep}). */
        public static Format parse(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(f -> f.wireName.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not one of json,"
                            + " playwright-grep, pytest-deselect, surefire-excludes"));
        }
    }

    private QuarantineList() {
    }

    /** The tests of {@code quarantined} whose quarantine is in force at {@code now}, in the order given. */
    public static List<TestEntry> inForce(List<TestEntry> quarantined, Instant now) {
        return quarantined.stream().filter(e -> e.quarantineAt(now).isPresent()).toList();
    }

    /**
     * The list in one of the runners' forms (not {@link Format#JSON}), each line ending with a line feed; empty when
     * no test is quarantined. Names are escaped for a terminal: nothing a report smuggled in reaches the runner's
     * command line as a control character.
     */
    public static String text(List<TestEntry> tests, Format format) {
        StringBuilder out = new StringBuilder();
        switch (format) {
            case JSON -> throw new IllegalArgumentException("the json form is written by ViewJson.quarantined");
            case PLAYWRIGHT_GREP -> {
                if (!tests.isEmpty()) {
                    out.append(String.join("|", tests.stream().map(t -> TerminalText.escape(
                            Pattern.quote(t.label().name()))).toList())).append('\n');
                }
            }
            case PYTEST_DESELECT -> tests.forEach(t -> out.append("--deselect ").append(TerminalText.escape(
                    t.label().file().map(f -> f + "::").orElse("") + pytestClass(t.label()) + t.label().name()))
                    .append('\n'));
            case SUREFIRE_EXCLUDES -> tests.forEach(t -> out.append(TerminalText.escape(
                    (t.label().suite().isEmpty() ? "*" : t.label().suite()) + "#" + t.label().name())).append('\n'));
        }
        return out.toString();
    }

    /** pytest names a test in a class {@code Class::test}; JUnit XML from pytest gives {@code module.Class}. */
    private static String pytestClass(TestLabel label) {
        String last = label.suite().substring(label.suite().lastIndexOf('.') + 1);
        return last.startsWith("Test") ? last + "::" : "";
    }
}
