package dev.feedbackloop.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Clean-up of failure text as test tools write it, shared by the parsers. Null-safe; never throws. */
public final class ErrorMessages {

    // Terminal escape sequences that colour or move the cursor; a stored message must be plain text.
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]"            // CSI: ESC[31m, ESC[2K, ESC[?25l
                    + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)" // OSC: ESC]8;;http://x ESC\ (hyperlinks)
                    + "|\u001B[@-Z\\\\-_]");           // two-character escapes: ESC M
    // A (possibly qualified) identifier followed by a colon, at the start of a line: the error class, if its name
    // ends like one. TimeoutError: ...   System.IO.IOException : ...   AssertionError
    private static final Pattern LEADING_NAME = Pattern.compile(
            "^\\s*((?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*)(?:\\s?:|\\s*$)");

    private ErrorMessages() {
    }

    /** {@code text} without ANSI colour and cursor codes; null becomes empty. */
    public static String stripAnsi(String text) {
        if (text == null) {
            return "";
        }
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }

    /**
     * The error type named at the start of a message or stack trace: {@code TimeoutError} in
     * {@code "TimeoutError: locator.click: Timeout 30000ms exceeded."}, {@code System.DivideByZeroException} in
     * {@code "System.DivideByZeroException : Attempted to divide by zero."}. Plain {@code Error} counts too.
     */
    public static Optional<String> leadingType(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int newline = text.indexOf('\n');
        String firstLine = newline < 0 ? text : text.substring(0, newline);
        Matcher matcher = LEADING_NAME.matcher(firstLine);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
        return name.endsWith("Error") || name.endsWith("Exception") ? Optional.of(name) : Optional.empty();
    }
}
