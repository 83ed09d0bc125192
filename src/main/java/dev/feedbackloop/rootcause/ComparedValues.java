package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.Ascii;
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
public record ComparedValues(String expected, String actual) {

    private static final ComparedValues NONE = new ComparedValues("", "");
    private static final int MAX_VALUE = 300;

    /**
     * Every pattern, searched after one keyword pass: the one-line forms first (entries before {@link #LINES}),
     * then the expected and the actual line, then chai's sentence.
     */
    static final GatedPatterns<ComparedValues> PATTERNS = new GatedPatterns<ComparedValues>()
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
            // AssertJ: Expecting actual:\n  "a"\nto be equal to:\n  "b" (any verb: to contain, to start with, ...)
            .add(List.of("expecting"), 0, 3, "Expecting(?: actual)?:[ \\t]*\\n[ \\t]*(\\S.{0,300})\\n"
                    + "[ \\t]*to [^:\\n]{1,80}:[ \\t]*\\n[ \\t]*(\\S.{0,300})$", m -> of(m, 2, 1))
            // FluentAssertions: Expected response.StatusCode to be HttpStatusCode.OK {value: 200}, but found ...
            .add(List.of(", but found "), "Expected [\\w.()\\[\\]]{1,120} to (?:be|equal) (.{1,200}?), but found "
                    + "(.{1,200}?)\\.?$", m -> of(m, 1, 2))
            // Selenium: waiting for url to contain "/home". Current url: "https://a.test/login?next=%2Fhome"
            .add(List.of("current url:"), "waiting for url to (?:be|contain|match the regex|match) \"([^\"\\n]{0,300})\""
                    + "\\.? Current url: \"([^\"\\n]{0,300})\"", m -> of(m, 1, 2))
            // Go: got 1999, want 2499 | Total() = 1999; want 2499 | want "a", got "b"
            .add(List.of(", want", "; want"), "(?:\\bgot:?|\\) =) (.{1,200}?)[,;] want:? (.{1,200})$", m -> of(m, 2, 1))
            .add(List.of(", got", "; got"), "\\bwant:? (.{1,200}?)[,;] got:? (.{1,200})$", m -> of(m, 1, 2))
            // jest / Playwright / xUnit / NUnit / Hamcrest lines: Expected string: "x" | Expected: <1>
            .add(List.of("expected"), "^[ \\t]*Expected(?: [a-z]+){0,2}:[ \\t]*(\\S.*)$",
                    m -> new ComparedValues(clip(m.group(1)), ""))
            // Received string: "y" | Actual: 2 | actual  : 2 (testify) | But was: False | but: was <true> | got: 2 (RSpec)
            .add(List.of("received", "actual", "but was", "but:", "got:"),
                    "^[ \\t]*(?:Received(?: [a-z]+){0,2}:|Actual[ \\t]{0,4}:|But was:|but: was|but:|got:)[ \\t]*(\\S.*)$",
                    m -> new ComparedValues("", clip(m.group(1))))
            // chai / Cypress / Jasmine: expected 'http://a/login' to equal 'http://a/home'
            .add(List.of("expected "), "expected (.{1,200}?) to (?:not )?(?:equal|eql|deep equal|deeply equal|include"
                    + "|contain|match|be|have (?:text|value|length|property|string))\\s+(.{1,200}?)(?:, but|,|\\.?$)",
                    m -> of(m, 2, 1))
            .build();

    /** Index of the expected-line pattern in {@link #PATTERNS}; the actual-line and chai patterns follow it. */
    private static final int LINES = PATTERNS.size() - 3;

    /** The compared values stated in {@code text}; both empty when it states none. */
    public static ComparedValues find(String text) {
        return find(text, Ascii.lowerCase(text), PATTERNS.scan(text));
    }

    /**
     * As {@link #find(String)}, given {@code text} lower-cased ({@link Ascii#lowerCase}) and a
     * {@link GatedPatterns#scan} of it made for {@link #PATTERNS}.
     */
    static ComparedValues find(String text, String lower, int[][] scan) {
        var oneLine = PATTERNS.first(text, lower, scan, 0, LINES);
        if (oneLine.isPresent()) {
            return oneLine.get();
        }
        String expected = PATTERNS.first(text, lower, scan, LINES, LINES + 1).map(ComparedValues::expected)
                .orElse("");
        String actual = PATTERNS.first(text, lower, scan, LINES + 1, LINES + 2).map(ComparedValues::actual)
                .orElse("");
        if (!expected.isEmpty() || !actual.isEmpty()) {
            return new ComparedValues(expected, actual);
        }
        return PATTERNS.first(text, lower, scan, LINES + 2, LINES + 3).orElse(NONE);
    }

    /** Whether the text stated both what was expected and what was found. */
    public boolean complete() {
        return !expected.isEmpty() && !actual.isEmpty();
    }

    private static ComparedValues of(Matcher m, int expectedGroup, int actualGroup) {
        return new ComparedValues(clip(m.group(expectedGroup)), clip(m.group(actualGroup)));
    }

    private static String clip(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE);
    }
}
