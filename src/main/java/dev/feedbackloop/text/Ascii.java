package dev.feedbackloop.text;

/** ASCII-only case folding, which keeps every offset of the text (unlike {@code toLowerCase(Locale.ROOT)}). */
public final class Ascii {

    private Ascii() {
    }

    /**
     * {@code text} with the letters A-Z lower-cased and every other character kept, so a position in the result is
     * the same position in {@code text}; the same instance when there is nothing to change.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public static String lowerCase(String text) {
        int first = 0;
        while (first < text.length() && !isUpper(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            if (isUpper(chars[i])) {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
