package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.Ascii;
import dev.feedbackloop.text.CodeFrames;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Names the assertion method that failed, from the shape of the message or the assertion frame: what the team
 * wrote ({@code toHaveURL}, {@code assertEquals}, {@code should('have.text')}), so analytics can say which
 * assertions break most. Empty when the text names none.
 */
final class AssertionMethods {

    static final GatedPatterns<String> METHODS = new GatedPatterns<String>()
            // expect(received).toHaveText(expected) | Timed out 5000ms waiting for expect(locator).toHaveURL(expected);
            // not on a code frame's context line ("  38 |   await expect(...)"): only the "> 37 |" line failed
            // (the look-behind follows the literal, so the search keeps its "expect(" prefilter)
            .add(List.of("expect("), "expect\\((?<!^" + CodeFrames.CONTEXT_GUTTER_PATTERN + "[^\\n]{0,200}expect\\()"
                    + "(?:[^()\\n]|\\([^()\\n]{0,80}\\)){0,160}\\)(?:\\.(?:not|resolves|rejects))*"
                    + "\\.((?-i:to[A-Z]\\w{1,40}))\\(", m -> m.group(1))
            // Playwright call log: - expect.toBeVisible with timeout 5000ms
            .add(List.of("expect.to"), "\\bexpect\\.((?-i:to[A-Z]\\w{1,40})) with timeout", m -> m.group(1))
            // at org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1141) | at org.testng.Assert.fail(
            .add(List.of("org.junit", "junit.framework", "org.testng"), "\\bat (?:org\\.junit\\.jupiter\\.api\\."
                    + "(?:Assertions|Assert\\w+)|org\\.junit\\.Assert|junit\\.framework\\.(?:Assert|TestCase)"
                    + "|org\\.testng\\.Assert)\\.(assert\\w+|fail)\\(", m -> m.group(1))
            // at org.hamcrest.MatcherAssert.assertThat(MatcherAssert.java:20)
            .add(List.of("org.hamcrest"), "\\bat org\\.hamcrest\\.MatcherAssert\\.(assertThat)\\(", m -> m.group(1))
            // AssertJ: "Expecting actual:" | at org.assertj.core.api.AbstractAssert...
            .add(List.of("org.assertj", "expecting"), "\\bat org\\.assertj\\.core\\.api\\.|^\\s*Expecting\\b",
                    m -> "assertThat")
            // Hamcrest: "Expected: <false>\n     but: was <true>"
            .add(List.of("but: "), 1, 0, "^\\s*Expected: .{0,300}\\n\\s*but: ", m -> "assertThat")
            // JUnit: expected:<1> but was:<2> | expected: <true> but was: <false>
            .add(List.of("but was:"), "expected: ?<(.{0,300}?)> ?but was: ?<", AssertionMethods::junitMethod)
            // JUnit 5 on two lines: expected: "..."\n but was: "..."
            .add(List.of("but was:"), 1, 0, "^\\s*expected: .{0,4000}\\n\\s*but was: ", m -> "assertEquals")
            // TestNG: expected [1.2.1] but found [1.2.0]
            .add(List.of("but found ["), "expected \\[.{0,300}?\\] but found \\[", m -> "assertEquals")
            // xUnit / MSTest: Assert.Equal() Failure | Assert.AreEqual failed.
            .add(List.of("assert."), "\\b((?-i:Assert\\.[A-Z]\\w+))(?:\\(\\))? (?:Failure|failed)", m -> m.group(1))
            // NUnit frame: at NUnit.Framework.Assert.That(...)
            .add(List.of("nunit.framework"), "\\bat NUnit\\.Framework\\.(Assert\\.\\w+)", m -> m.group(1))
            // PHPUnit: Failed asserting that two strings are equal. | ... is identical to | false is true
            .add(List.of("failed asserting that"), "Failed asserting that (?:(two (?:strings|arrays|objects|values) "
                    + "are equal|.{1,200}? matches expected)|(.{1,200}? is identical to)|(?:false|true) is (true|false))",
                    AssertionMethods::phpunitMethod)
            // rest-assured: Expected status code <201> but was <500>. | JSON path x doesn't match.
            .add(List.of("expected status code"), "Expected status code <?\\d{3}>? but was", m -> "statusCode")
            .add(List.of("json path"), "JSON path .{1,200}? doesn't match", m -> "body")
            // supertest: expected 200 "OK", got 500 "Internal Server Error"
            .add(List.of("\", got "), "expected \\d{3} \"[^\"\\n]{0,40}\", got \\d{3}", m -> "expect(status)")
            // node:assert: Expected values to be strictly deep-equal:
            .add(List.of("expected values to be"), "Expected values to be (strictly|loosely) (deep-)?equal",
                    AssertionMethods::nodeAssertMethod)
            // Cypress implicit assertion of cy.get / cy.contains
            .add(List.of("expected to find element"), "Expected to find element", m -> "should('exist')")
            .add(List.of("expected to find content"), "Expected to find content", m -> "contains")
            // chai / Cypress: expected '<h1>' to have text 'x' | expected 3 to equal 4 | expected '<div>' to be 'visible'
            .add(List.of("expected "), "expected (.{1,200}?) to ((?:not )?(?:have|be|contain|include|equal|eql|deep"
                    + "|match|exist|satisfy|throw)(?: (?:a|an|length|lengthOf|text|value|attr|attribute|class|css|prop"
                    + "|property|id|html|focus|visible|hidden|checked|disabled|enabled|selected|empty|equal|members|keys"
                    + "|string|above|below|least|most|ok|true|false|null|undefined|'visible'|'hidden'|'checked'"
                    + "|'disabled'|'enabled'|'empty'))*)(?!\\w)", AssertionMethods::chaiMethod)
            // pytest: E   assert 4 == -1 | FAILED test_x.py::test_y - assert 4 == -1
            .add(List.of("assert "), "(?:^(?:E\\s+)?|\\s-\\s|AssertionError: )assert\\s+\\S", m -> "assert")
            // unittest: AssertionError: 4 != 5 | False is not true
            .add(List.of("assertionerror:"), "AssertionError: (?:(.{1,200}? != .{1,200})|False is not true"
                    + "|(True is not false))", m -> m.group(1) != null ? "assertEqual" : m.group(2) != null
                    ? "assertFalse" : "assertTrue")
            // Go testify: Error: Not equal: | Error: Should be true
            .add(List.of("not equal:", "should be true", "should be false"),
                    "Error:\\s+(Not equal|Should be true|Should be false)", AssertionMethods::testifyMethod)
            // Rust: assertion `left == right` failed
            .add(List.of("left == right"), "assertion (?:`left == right` failed|failed: `\\(left == right\\)`)",
                    m -> "assert_eq!")
            .build();

    private AssertionMethods() {
    }

    /** The failed assertion method named in {@code text}, or empty. */
    static String find(String text) {
        return find(text, Ascii.lowerCase(text), METHODS.scan(text));
    }

    /**
     * As {@link #find(String)}, given {@code text} lower-cased ({@link Ascii#lowerCase}) and a
     * {@link GatedPatterns#scan} of it made for {@link #METHODS}.
     */
    static String find(String text, String lower, int[][] scan) {
        return METHODS.first(text, lower, scan, 0, METHODS.size()).orElse("");
    }

    private static String junitMethod(Matcher m) {
        return switch (m.group(1)) {
            case "true" -> "assertTrue";
            case "false" -> "assertFalse";
            default -> "assertEquals";
        };
    }

    private static String phpunitMethod(Matcher m) {
        if (m.group(1) != null) {
            return "assertEquals";
        }
        if (m.group(2) != null) {
            return "assertSame";
        }
        return m.group(3) != null ? "assert" + capitalize(m.group(3)) : null;
    }

    private static String nodeAssertMethod(Matcher m) {
        boolean strict = m.group(1).equalsIgnoreCase("strictly");
        boolean deep = m.group(2) != null;
        return "assert." + (deep ? (strict ? "deepStrictEqual" : "deepEqual") : (strict ? "strictEqual" : "equal"));
    }

    private static String testifyMethod(Matcher m) {
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "not equal" -> "assert.Equal";
            case "should be true" -> "assert.True";
            default -> "assert.False";
        };
    }

    /** {@code should('have.text')} for a Cypress element subject, {@code to.deep.equal} for chai values. */
    private static String chaiMethod(Matcher m) {
        String subject = m.group(1).strip();
        String words = m.group(2).replace("'", "").strip().replace(' ', '.');
        if (subject.endsWith(" not")) { // chai words a negation "expected X not to be 'visible'"
            subject = subject.substring(0, subject.length() - 4).strip();
            words = "not." + words;
        }
        boolean element = subject.startsWith("'<") || subject.startsWith("<") || subject.startsWith("[ <")
                || subject.startsWith("[<");
        return element ? "should('" + words + "')" : "to." + words;
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
