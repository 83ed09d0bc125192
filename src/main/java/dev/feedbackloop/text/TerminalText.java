package dev.feedbackloop.text;

/**
 * Text from reports, made safe to print for people. Test names, failure messages and file names come from whoever
 * wrote the report; printed raw, an escape sequence in them can move the cursor, recolour or retitle the terminal or
 * hide the lines before it, and a bidirectional override ({@code U+202E}) can make a line read as something it is not
 * (the "Trojan Source" trick). Every printer of human output passes such text through {@link #escape} once, just
 * before printing.
 *
 * <p>Escaped, each as a visible sequence:
 * <ul>
 *   <li>line breaks and tabs as {@code \n}, {@code \r}, {@code \t} (a field prints on its one line);</li>
 *   <li>the other C0 controls, DEL and the C1 controls as {@code \x1B} (ESC and the 8-bit CSI {@code \x9B} start
 *       terminal sequences);</li>
 *   <li>invisible format characters (Unicode category Cf: the bidi embeddings, overrides and isolates
 *       {@code U+202A-U+202E}, {@code U+2066-U+2069}, the marks {@code U+200E}, {@code U+200F}, {@code U+061C}, zero
 *       width spaces, the byte order mark, tag characters), line and paragraph separators {@code U+2028},
 *       {@code U+2029}, and unpaired surrogates, as {@code \u202E} ({@code \U000E0041} above the BMP).</li>
 * </ul>
 * Kept: everything printable in any script, and the zero-width (non-)joiners {@code U+200C}, {@code U+200D}, which
 * Persian, Indic scripts and emoji sequences need and which reorder nothing. A backslash is not doubled: the goal is
 * a line that shows what it holds, not a reversible encoding (JSON output is that).
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * {@code text} with every character that could control a terminal or reorder what is shown replaced by a visible
     * escape; the same instance when there is none.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isUnsafe(c)) {
                appendEscape(out, c);
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c); // an unpaired surrogate is a code point of one char
        }
        return out.toString();
    }

    /**
     * Whether {@code codePoint} is escaped by {@link #escape}: a control character, an invisible format character
     * (bidi controls among them) other than the zero-width joiners, a line or paragraph separator, or a surrogate
     * (which reaches here only unpaired).
     */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint >= 0x20 && codePoint < 0x7F) {
            return false; // printable ASCII: the fast path
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            case Character.FORMAT -> codePoint != 0x200C && codePoint != 0x200D;
            default -> false;
        };
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint) - 1;
        }
        return -1;
    }

    private static void appendEscape(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x100) {
                    out.append("\\x").append(hex(c, 2));
                } else if (c <= 0xFFFF) {
                    out.append("\\u").append(hex(c, 4));
                } else {
                    out.append("\\U").append(hex(c, 8));
                }
            }
        }
    }

    private static String hex(int value, int digits) {
        String hex = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
