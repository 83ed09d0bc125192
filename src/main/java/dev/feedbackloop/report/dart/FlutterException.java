package dev.feedbackloop.report.dart;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exception a Flutter widget test printed. {@code flutter test} reports a failing widget test with the error
 * {@code Test failed. See exception logs above.} and prints the real exception in a block of its own:
 * <pre>
 * ══╡ EXCEPTION CAUGHT BY FLUTTER TEST FRAMEWORK ╞══════
 * The following TestFailure object was thrown running a test:
 *   Expected: &lt;2&gt;
 * When the exception was thrown, this was the stack:
 * #0      fail (package:test_api/src/frontend/expect.dart:155:31)
 * The test description was: ...
 * </pre>
 *
 * @param message what was thrown and its text, up to the stack
 * @param type    the thrown type ({@code TestFailure}, {@code FlutterError}) when the block names it
 * @param stack   the stack, up to the test description
 */
record FlutterException(String message, Optional<String> type, String stack) {

    /** The error text of a widget test whose exception was printed. */
    static final String SEE_LOGS = "Test failed. See exception logs above.";

    private static final String HEADER = "EXCEPTION CAUGHT BY FLUTTER TEST FRAMEWORK";
    private static final String STACK = "When the exception was thrown, this was the stack:";
    private static final String DESCRIPTION = "The test description was:";
    private static final Pattern THROWN = Pattern.compile(
            "^The following (?:assertion|(\\S{1,200}) object) was thrown"); // The following TestFailure object was thrown
    private static final String ASSERTION = "FlutterError";

    /** The first exception block in a test's printed output, if it has one. */
    static Optional<FlutterException> in(String output) {
        int header = output.indexOf(HEADER);
        if (header < 0) {
            return Optional.empty();
        }
        int start = output.indexOf('\n', header);
        if (start < 0) {
            return Optional.empty();
        }
        int stackAt = output.indexOf(STACK, start);
        int end = output.indexOf(DESCRIPTION, start);
        int messageEnd = stackAt >= 0 ? stackAt : end >= 0 ? end : output.length();
        String message = output.substring(start + 1, messageEnd).strip();
        String stack = stackAt < 0 ? "" : output.substring(stackAt + STACK.length(),
                end > stackAt ? end : output.length()).strip();
        Matcher thrown = THROWN.matcher(message);
        Optional<String> type = Optional.empty();
        if (thrown.find()) {
            type = Optional.of(thrown.group(1) != null ? thrown.group(1) : ASSERTION);
            int lineEnd = message.indexOf('\n');
            String rest = lineEnd < 0 ? "" : message.substring(lineEnd + 1).strip();
            message = rest.isEmpty() ? message : rest; // the type is kept apart; the text is what was thrown
        }
        return Optional.of(new FlutterException(message, type, stack));
    }

    /** Whether what was thrown is a failed expectation rather than an error. */
    boolean isTestFailure() {
        return type.filter("TestFailure"::equals).isPresent();
    }
}
