package dev.feedbackloop.text;

/**
 * Code frames: the source lines test tools print around a failure, behind a gutter of line numbers. The one place
 * that knows their shape. Babel's format, which Playwright and Jest print:
 * <pre>
 *      9 |   await page.goto('/');                 a context line
 *   > 10 |   await expect(banner).toBeVisible();   the failing line
 *        |                        ^                the caret under the failing column
 * </pre>
 * Exactly one space before the bar, and a line number of at most {@link #MAX_LINE_DIGITS} digits, tell these from a
 * table or a log line; only this format marks the failing line. Other tools write the gutter more loosely (Vitest:
 * {@code 10|   expect(x)}): {@link #gutterEnd(String)} and {@link #isFrameLine(String)} accept any spacing, for
 * dropping frames from what identifies a failure and from sentences.
 */
public final class CodeFrames {

    /** Longest line number in a Babel gutter: a million-line file. */
    public static final int MAX_LINE_DIGITS = 6;
    /**
     * A regular expression for a context line's Babel gutter at the start of a line ({@code "  38 |"}), with at
     * most 12 blanks of indentation so that it can stand in a look-behind.
     */
    public static final String CONTEXT_GUTTER_PATTERN = "[ \\t]{0,12}\\d{1," + MAX_LINE_DIGITS + "} \\|";

    /** What a line of a Babel code frame is. */
    public enum Kind {
        /** {@code > 10 | code}: the line that failed. */
        FAILING,
        /** {@code   9 | code}: a line around it. */
        CONTEXT,
        /** {@code     |   ^}: the caret under the failing column. */
        CARET,
        /** Not a code frame line. */
        OTHER
    }

    private CodeFrames() {
    }

    /** What the line {@code text[from, to)} (no line break in it) is in a Babel code frame. */
    public static Kind kindOf(String text, int from, int to) {
        int marker = skipBlanks(text, from, to);
        if (marker < to && text.charAt(marker) == '>' && isBabelGutter(text, marker + 1, to)) {
            return Kind.FAILING;
        }
        if (isBabelGutter(text, marker, to)) {
            return Kind.CONTEXT;
        }
        return marker < to && text.charAt(marker) == '|' ? Kind.CARET : Kind.OTHER;
    }

    /**
     * Where the code starts after a gutter of any spacing at the start of {@code line}: an optional {@code >}, blanks,
     * a line number, blanks and the bar; the index after the bar, or -1 when the line does not start with one.
     */
    public static int gutterEnd(String line) {
        int i = 0;
        int to = line.length();
        if (i < to && line.charAt(i) == '>') {
            i++;
        }
        i = skipBlanks(line, i, to);
        int digits = i;
        i = skipDigits(line, i, to);
        if (i == digits) {
            return -1;
        }
        i = skipBlanks(line, i, to);
        return i < to && line.charAt(i) == '|' ? i + 1 : -1;
    }

    /** Whether {@code line}, without its indentation, is a code frame line of any tool: a gutter, or a caret line. */
    public static boolean isFrameLine(String line) {
        return !line.isEmpty() && (line.charAt(0) == '|' || gutterEnd(line) >= 0);
    }

    /** Whether {@code text[from, to)} is, after blanks, a line number of 1 to 6 digits and {@code " |"}. */
    private static boolean isBabelGutter(String text, int from, int to) {
        int digits = skipBlanks(text, from, to);
        int end = skipDigits(text, digits, Math.min(to, digits + MAX_LINE_DIGITS + 1));
        return end > digits && end - digits <= MAX_LINE_DIGITS && end + 2 <= to && text.startsWith(" |", end);
    }

    private static int skipBlanks(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipDigits(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
