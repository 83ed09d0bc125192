package dev.feedbackloop.view;

import dev.feedbackloop.text.TerminalText;

/** Text from reports and the store made safe to put into HTML. */
final class Html {

    private Html() {
    }

    /**
     * {@code text} as HTML text or an attribute value: controls, bidi overrides and other invisible format characters
     * made visible ({@link TerminalText}: an entity would still reorder what follows), then the five markup
     * characters escaped.
     */
    static String text(String text) {
        String visible = TerminalText.escape(text);
        StringBuilder out = new StringBuilder(visible.length() + 16);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The first line of {@code text}, cut to {@code max} characters with "…", escaped. */
    static String firstLine(String text, int max) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return text(first.length() > max ? first.substring(0, max - 1) + "…" : first);
    }
}
