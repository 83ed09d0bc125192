package dev.feedbackloop.classify;

import java.util.List;
import java.util.regex.Matcher;

/**
 * The expected and actual values of a failed comparison, in whichever framework's words the text states them, so
 * rules can look at what was compared: two URLs make a URL mismatch, two HTTP statuses an API assertion, a login
 * page where a dashboard was expected an expired session.
 *
 * @param expected the expected value as written (quotes kept), or empty
 * @param actual   the actual (received) value as written, or empty
 */
record ComparedValues(String expected, String actual) {

    private static final ComparedValues NONE = new ComparedValues("", "");
    private static final int MAX_VALUE = 300;

    private static final GatedPatterns<ComparedValues> ONE_LINE = new GatedPatterns<ComparedValues>()
            // JUnit 4/5, Kotlin: expected:<1> but was:<2> | expected: <true> but was: <false>
            .add(List.of("but was:"), "expected:? ?<(.{0,300}?)> ?but was:? ?<(.{0,300}?)>", m -> of(m, 1, 2))
            // TestNG: expected [1.2.1] but found [1.2.0]
            .add(List.of("but found ["), "expected \\[(.{0,300}?)\\] but found \\[(.{0,300}?)\\]", m -> of(m, 1, 2))
            // MSTest: Expected:<3>. Actual:<2>.
            .add(List.of("actual:<"), "Expected:<(.{0,300}?)>\\.? ?Actual:<(.{0,300}?)>", m -> of(m, 1, 2))
            // rest-assured: Expected status code <201> but was <500>.
            .add(List.of("expected status code"), "Expected status code <?(\\d{3})>? but was <?(\\d{3})",
                    m -> of(m, 1, 2))
            // supertest: expected 200 "OK", got 500 "Internal Server Error"
            .add(List.of("\", got "), "expected (\\d{3}) \"[^\"\\n]{0,40}\", got (\\d{3})", m -> of(m, 1, 2))
            // PHPUnit diff: --- Expected / +++ Actual / @@ @@ / -'a' / +'b'
            .add(List.of("+++ actual"), 1, 3, "--- Expected\\s*\\n\\+\\+\\+ Actual\\s*\\n@@ @@\\s*\\n-(.{0,300})\\n\\+(.{0,300})",
                    m -> of(m, 1, 2))
            // pytest: E   assert 4 == -1 | FAILED x - assert 4 == -1 (left is actual by convention)
            .add(List.of("assert "), "(?:^(?:E\\s+)?|\\s-\\s|AssertionError: )assert (.{1,200}?) == (.{1,200})$", m -> of(m, 2, 1))
            // unittest: AssertionError: 4 != 5 (first is actual)
            .add(List.of("assertionerror:"), "AssertionError: (.{1,200}?) != (.{1,200})$", m -> of(m, 2, 1))
            .build();

    private static final GatedPatterns<ComparedValues> CHAI = new GatedPatterns<ComparedValues>()
            // chai / Cypress / Jasmine: expected 'http://a/login' to equal 'http://a/home'
            .add(List.of("expected "), "expected (.{1,200}?) to (?:not )?(?:equal|eql|deep equal|deeply equal|include"
                    + "|contain|match|be|have (?:text|value|length|property|string))\\s+(.{1,200}?)(?:, but|,|\\.?$)",
                    m -> of(m, 2, 1))
            .build();

    /** jest / Playwright / xUnit / NUnit / Hamcrest lines: Expected string: "x" | Expected: <1>. */
    private static final GatedPatterns<String> EXPECTED_LINE = new GatedPatterns<String>()
            .add(List.of("expected"), "^[ \\t]*Expected(?: [a-z]+){0,2}:[ \\t]*(\\S.*)$", m -> m.group(1))
            .build();
    /** Received string: "y" | Actual: 2 | But was: False | but: was <true>. */
    private static final GatedPatterns<String> ACTUAL_LINE = new GatedPatterns<String>()
            .add(List.of("received", "actual", "but was", "but:"),
                    "^[ \\t]*(?:Received(?: [a-z]+){0,2}:|Actual:|But was:|but: was|but:)[ \\t]*(\\S.*)$",
                    m -> m.group(1))
            .build();

    /** The compared values stated in {@code text}; both empty when it states none. */
    static ComparedValues find(String text) {
        var oneLine = ONE_LINE.first(text);
        if (oneLine.isPresent()) {
            return oneLine.get();
        }
        String expected = EXPECTED_LINE.first(text).map(ComparedValues::clip).orElse("");
        String actual = ACTUAL_LINE.first(text).map(ComparedValues::clip).orElse("");
        if (!expected.isEmpty() || !actual.isEmpty()) {
            return new ComparedValues(expected, actual);
        }
        return CHAI.first(text).orElse(NONE);
    }

    private static ComparedValues of(Matcher m, int expectedGroup, int actualGroup) {
        return new ComparedValues(clip(m.group(expectedGroup)), clip(m.group(actualGroup)));
    }

    private static String clip(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE);
    }
}
