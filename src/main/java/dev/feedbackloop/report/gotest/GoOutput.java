package dev.feedbackloop.report.gotest;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code go test} prints, sorted: the testing package's own lines, a test's log, a panic and its stacks. */
final class GoOutput {

    /** Failure type of a test whose binary panicked while it ran. */
    static final String PANIC = "panic";
    /** Failure type of a test that was running when the {@code -timeout} alarm went off. */
    static final String TIMEOUT = "timeout";
    /** Failure type of a test that never reported a result before its package ended. */
    static final String UNFINISHED = "unfinished";

    // Lines the testing package writes about a test, not what the test wrote. Subtests indent them.
    private static final Pattern TEST_MARKER = Pattern.compile(
            "^[ \\t]*+(?:=== (?:RUN|PAUSE|CONT|NAME)\\s"          // === RUN   TestX
                    + "|--- (?:PASS|FAIL|SKIP|BENCH): )");  // --- FAIL: TestX (0.00s)
    // Lines `go test` writes about a package, not what its tests wrote.
    private static final Pattern PACKAGE_MARKER = Pattern.compile(
            "^(?:PASS|FAIL|ok\\s.*|FAIL\\t.*|\\?\\s+\\t.*"   // ok  	example.com/x	0.01s    ?   	x	[no test files]
                    + "|exit status \\d+|coverage: .*"          // exit status 1    coverage: 80.0% of statements
                    + "|testing: warning: no tests to run)\\s*$");
    // The first line of a panic's goroutine dump: what comes after it is the stack.
    private static final Pattern GOROUTINE = Pattern.compile("^goroutine \\d+ \\[", Pattern.MULTILINE);
    private static final Pattern PANIC_LINE = Pattern.compile("^[ \\t]*+panic: ", Pattern.MULTILINE);
    private static final Pattern TIMED_OUT = Pattern.compile("^[ \\t]*+panic: test timed out", Pattern.MULTILINE);
    // The indentation `go test` puts before a t.Log/t.Error line, which names the file and line it came from.
    private static final Pattern INDENTED_LOG_LINE = Pattern.compile(
            "^[ \\t]++(?=[\\w.-]{1,200}?\\.go:\\d{1,9}: )", Pattern.MULTILINE); // "    calc_test.go:13: expected 3, got 2"

    private GoOutput() {
    }

    /** Whether {@code line} is the testing package's line about a test ({@code === RUN}, {@code --- FAIL: ...}). */
    static boolean isTestMarker(String line) {
        return TEST_MARKER.matcher(line).find();
    }

    /** Whether {@code line} is {@code go test}'s line about a package ({@code FAIL}, {@code ok pkg 0.1s}). */
    static boolean isPackageMarker(String line) {
        return PACKAGE_MARKER.matcher(line.stripTrailing()).matches();
    }

    /**
     * The failure of a failed test from what it wrote: the log lines, and, when the test binary panicked, the panic
     * message; the goroutine dump that follows a panic is the stack trace.
     *
     * @param unfinished whether the test never reported a result (its package ended first)
     */
    static Failure failure(String output, boolean unfinished) {
        String text = dedent(ErrorMessages.stripAnsi(output)).strip();
        var goroutines = GOROUTINE.matcher(text);
        String message = text;
        String stack = null;
        if (goroutines.find()) {
            message = text.substring(0, goroutines.start()).strip();
            stack = text.substring(goroutines.start());
        }
        Optional<String> type = TIMED_OUT.matcher(text).find() ? Optional.of(TIMEOUT)
                : PANIC_LINE.matcher(text).find() ? Optional.of(PANIC)
                : unfinished ? Optional.of(UNFINISHED) : Optional.empty();
        if (message.isEmpty() && unfinished) {
            message = "the test did not report a result before its package ended";
        }
        return new Failure(TextLimits.cap(message, TextLimits.MESSAGE), type,
                Optional.ofNullable(stack).map(s -> TextLimits.cap(s, TextLimits.STACK_TRACE)));
    }

    /** Whether a failure is the binary going down (a panic, a timeout, no result) rather than a failed check. */
    static boolean isError(Failure failure) {
        return failure.type().isPresent();
    }

    /** What a passing or skipped test wrote, without the indentation {@code go test} adds to log lines. */
    static String log(String output) {
        return TextLimits.cap(dedent(ErrorMessages.stripAnsi(output)).strip(), TextLimits.OUTPUT);
    }

    /**
     * {@code text} without the indentation {@code go test} adds: before each {@code file.go:N:} log line, and what is
     * common to all non-blank lines (a log message's continuation lines).
     */
    static String dedent(String text) {
        return dedentCommon(INDENTED_LOG_LINE.matcher(text).replaceAll(""));
    }

    private static String dedentCommon(String text) {
        int common = Integer.MAX_VALUE;
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                common = Math.min(common, indentation(line));
            }
        }
        if (common == 0 || common == Integer.MAX_VALUE) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.isBlank() ? "" : line.substring(common));
        }
        return out.toString();
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
