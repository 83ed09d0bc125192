package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the failure message says that the guard can use: the expected and received values of a failed comparison,
 * whether it was a strict-mode violation, and the lines of the test file it points at.
 */
final class FailureText {

    private static final Pattern EXPECTED = Pattern.compile(
            "(?m)^\\s*Expected(?: string| pattern| value| substring)?:\\s*(.+)$"); // Expected string: "Order #1"
    private static final Pattern RECEIVED = Pattern.compile(
            "(?m)^\\s*Received(?: string| value)?:\\s*(.+)$"); // Received string: "Order #2"
    private static final Pattern CHAI = Pattern.compile(
            "expected .{1,200}? to (?:have text|equal|contain|include|have value) '([^']*)', but the text was '([^']*)'");
    private static final Pattern JUNIT = Pattern.compile(
            "expected: <([^>]*)> but was: <([^>]*)>"); // expected: <Approved> but was: <Pending>
    private static final Pattern PYTHON_EXPECTED = Pattern.compile(
            "expected (?:not )?to (?:have text|have value|be|have count|have URL|have title|contain text) "
                    + "['\"](.*)['\"]\\s*$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE); // expected to have Text 'Paid'
    private static final Pattern PYTHON_ACTUAL = Pattern.compile(
            "(?m)Actual value: (.*)$"); // Actual value: Processing
    private static final Pattern SUPERTEST = Pattern.compile(
            "expected (\\d{3}) \"[^\"]*\", got (\\d{3})"); // expected 200 "OK", got 401 "Unauthorized"
    private static final Pattern CHAI_EQUAL = Pattern.compile(
            "expected '([^']*)' to (?:equal|eq|include|contain|deep equal) '([^']*)'"); // expected 'a' to equal 'b'

    /**
     * WebdriverIO's and Jest's line diff of one value: a "- Expected  - 1" / "+ Received  + 1" header, then the
     * expected line after "- " and the received one after "+ " (each line may carry a runner prefix such as
     * "[chrome 124 linux #0-0]").
     */
    private static final Pattern LINE_DIFF = Pattern.compile(
            "(?m)^(?:\\[[^\\]\\n]*\\]\\s*)?- Expected\\s+- 1\\s*$\\n(?:\\[[^\\]\\n]*\\]\\s*)?\\+ Received\\s+\\+ 1\\s*$"
                    + "(?:\\n(?:\\[[^\\]\\n]*\\]\\s*)?)*?\\n(?:\\[[^\\]\\n]*\\]\\s*)?- (.+)$"
                    + "\\n(?:\\[[^\\]\\n]*\\]\\s*)?\\+ (.+)$");

    private final String text;
    private final Optional<String> expected;
    private final Optional<String> received;

    /** A runner's prefix on each line of its output: WebdriverIO's "[chrome 131 linux #0-0] ", "[0-0] ". */
    private static final Pattern LINE_PREFIX = Pattern.compile("(?m)^(?:\\[[^\\]\\n]*\\] ?)+");

    FailureText(String text) {
        this.text = text == null ? "" : text;
        String plain = LINE_PREFIX.matcher(this.text).replaceAll("");
        Optional<String> e = first(EXPECTED, plain);
        Optional<String> r = first(RECEIVED, plain);
        Matcher chai = CHAI.matcher(plain);
        Matcher junit = JUNIT.matcher(plain);
        Matcher python = PYTHON_EXPECTED.matcher(plain);
        Matcher supertest = SUPERTEST.matcher(plain);
        Matcher chaiEqual = CHAI_EQUAL.matcher(plain);
        if (e.isEmpty() && chai.find()) {
            e = Optional.of(chai.group(1));
            r = Optional.of(chai.group(2));
        } else if (e.isEmpty() && junit.find()) {
            e = Optional.of(junit.group(1));
            r = Optional.of(junit.group(2));
        } else if (e.isEmpty() && python.find()) {
            e = Optional.of(python.group(1));
            r = first(PYTHON_ACTUAL, plain);
        } else if (e.isEmpty() && supertest.find()) {
            e = Optional.of(supertest.group(1));
            r = Optional.of(supertest.group(2));
        } else if (e.isEmpty() && chaiEqual.find()) {
            e = Optional.of(chaiEqual.group(2));
            r = Optional.of(chaiEqual.group(1));
        } else if (e.isEmpty()) {
            Matcher diff = LINE_DIFF.matcher(this.text);
            if (diff.find()) {
                e = Optional.of(diff.group(1).strip());
                r = Optional.of(diff.group(2).strip());
            }
        }
        this.expected = e.map(FailureText::unquote);
        this.received = r.map(FailureText::unquote);
    }

    private static final Pattern OPERATION_LINE = Pattern.compile(
            "(?i)\\b(GET|POST|PUT|PATCH|DELETE|xhr|fetch|request|response|responded|took|after|elapsed|completed"
                    + "|finished|duration|rendered|processed)\\b");
    private static final Pattern NOT_AN_OPERATION = Pattern.compile(
            "(?i)passing|failing|pending|time elapsed|timeout|timed out|exceeded|waiting for|retrying|\\d+ tests?\\b"
                    + "|still not"); // WebdriverIO: element (...) still not displayed after 10000ms: the limit it waited
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s?(ms|s|sec|secs|seconds)\\b");

    /**
     * The longest time the failure's log shows one operation taking (a request answered "(4.6s)", a job "took
     * 8.2 s"), in milliseconds: the evidence that a step is slow. A runner's own figures (a suite's run time, the
     * timeout it waited) are not an operation's.
     */
    java.util.OptionalLong longestOperation() {
        long longest = -1;
        for (String line : LINE_PREFIX.matcher(text).replaceAll("").split("\\R")) {
            if (!OPERATION_LINE.matcher(line).find() || NOT_AN_OPERATION.matcher(line).find()) {
                continue;
            }
            Matcher m = DURATION.matcher(line);
            while (m.find()) {
                double value = Double.parseDouble(m.group(1));
                long millis = Math.round(m.group(2).equalsIgnoreCase("ms") ? value : value * 1000);
                longest = Math.max(longest, millis);
            }
        }
        return longest < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(longest);
    }

    String text() {
        return text;
    }

    Optional<String> expected() {
        return expected;
    }

    Optional<String> received() {
        return received;
    }

    private static final List<Pattern> LOCATORS = List.of(
            Pattern.compile("(?m)^\\s*Locator:\\s*(.+)$"), // Locator: getByText('Saved')
            Pattern.compile("strict mode violation: (.+?) resolved to"), // strict mode violation: getByRole(...) resolved
            Pattern.compile("waiting for ((?:getBy|get_by_|locator\\(|frameLocator).+)$", Pattern.MULTILINE),
            Pattern.compile("Expected to find (?:element|content)[^`]*`([^`]+)`")); // Cypress: Expected to find element: `x`

    /** Whether the message names the locator {@code target} (normalised text, as in a statement). */
    boolean namesLocator(String target) {
        String wanted = compact(target);
        if (wanted.length() < 6) {
            return false;
        }
        for (Pattern p : LOCATORS) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String named = compact(m.group(1));
                if (named.length() >= 6 && (wanted.endsWith(named) || named.endsWith(wanted))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Without spaces, quotes unified, a leading {@code page.} or {@code cy.} dropped. */
    private static String compact(String locator) {
        String s = locator.replaceAll("\\s+", "").replace('\'', '"').replace('`', '"');
        return s.replaceFirst("^(page|cy|this\\.page)\\.", "");
    }

    boolean strictModeViolation() {
        return text.toLowerCase(Locale.ROOT).contains("strict mode violation");
    }

    /** The line numbers the message gives for {@code file} ({@code file.spec.ts:12:7}, {@code (File.java:44)}). */
    List<Integer> linesIn(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        List<Integer> lines = new ArrayList<>();
        if (base.isEmpty()) {
            return lines;
        }
        Matcher m = Pattern.compile(Pattern.quote(base) + ":(\\d+)").matcher(text);
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        return lines;
    }

    /**
     * Signs that the test was not logged in (any more): a 401, a token or session reported expired, a redirect to a
     * login page. A 403 is left out: a missing permission is not fixed by logging in again.
     */
    private static final Pattern SIGNED_OUT = Pattern.compile("(?i)\\b401\\b|unauthori[sz]ed|unauthenticated"
            + "|not (?:logged|signed) in|(?:token|session|cookie|credentials?|jwt)[_ ](?:has |is |was )?expired"
            + "|expired[_ ](?:token|session|cookie|credentials?|jwt)|(?:token|session)_expired|login required"
            + "|/(?:login|signin|sign-in|auth/login)\\?(?:next|returnTo|redirect|expired)"
            + "|Received(?: string)?:\\s*\"[^\"\\n]{0,40}\\b(?:log ?in|sign ?in)\\b[^\"\\n]{0,40}\"");

    /** Whether the failure says the test's login is gone: the shared login steps are then what a fix must change. */
    boolean signedOut() {
        return SIGNED_OUT.matcher(text).find();
    }

    /** The element the runner says took the click or covered the target, as it prints it. */
    private static final Pattern COVERING = Pattern.compile("(?i)(?:is being covered by another element:\\s*`([^`]+)`"
            + "|Other element would receive the click:\\s*(<[^>]+>)|(<[^>]+>)[^\\n]{0,80}intercepts pointer events)");

    /**
     * The words (five letters or more) naming the element that covered the one the test acted on ({@code
     * <div class="consent-banner" aria-label="Privacy choices">}: consent, banner, privacy, choices): what a setup
     * step must dismiss or wait for.
     */
    Set<String> coveringWords() {
        Set<String> words = new java.util.TreeSet<>();
        Matcher m = COVERING.matcher(text);
        while (m.find()) {
            String element = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            for (String word : element.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (word.length() >= 5 && !MARKUP_WORDS.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static final Set<String> MARKUP_WORDS = Set.of("class", "label", "hidden", "button", "style", "title",
            "block", "fixed", "absolute", "index", "false");

    /** Marks a runner puts on the line of a test that failed. */
    private static final Pattern FAILED_MARK = Pattern.compile("✕|✗|×|●|\\bFAIL(?:ED|URE)?\\b|Error in \"|^\\s*\\d+\\) ");

    /**
     * Whether the report shows the test titled {@code title} failing too (a line naming it with a failure mark:
     * Jest's ✕ or ●, Mocha's numbered list, WebdriverIO's "Error in", pytest's FAILED, Surefire's FAILURE).
     */
    boolean showsFailing(String title) {
        if (title.length() < 8) {
            return false;
        }
        for (String line : text.split("\n")) {
            if (line.contains(title) && FAILED_MARK.matcher(line).find() && !line.contains("✓")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message contains {@code word} (five letters or more), ignoring case. */
    boolean mentions(String word) {
        return word.length() >= 5 && text.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether a word of at least four letters from {@code words} appears in the message. */
    boolean mentionsAny(List<String> words) {
        String lower = text.toLowerCase(Locale.ROOT);
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> w.length() >= 4)
                .anyMatch(lower::contains);
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
