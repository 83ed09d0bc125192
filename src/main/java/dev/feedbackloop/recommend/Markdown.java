package dev.feedbackloop.recommend;

/**
 * Writing untrusted text (failure messages, test names, reasons) into GitHub-flavoured Markdown so that it reads as
 * the text it is: no formatting, links, HTML, mentions or fence breaks from it.
 */
public final class Markdown {

    private static final String SPECIAL = "\\`*_{}[]()#+-.!|~>";

    private Markdown() {
    }

    /** Inline text: Markdown punctuation backslash-escaped, '<' '&' as entities, '@' kept from mentioning. */
    public static String text(String untrusted) {
        StringBuilder out = new StringBuilder(untrusted.length() + 16);
        untrusted.codePoints().forEach(c -> {
            if (c == '<') {
                out.append("&lt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else if (c == '@') {
                out.append("@\u200B"); // a zero-width space keeps GitHub from notifying a user or team
            } else if (c == '\r' || c == '\n') {
                out.append(' ');
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A fenced code block that the content cannot close: the fence is longer than any backtick run inside. */
    public static String codeBlock(String language, String untrusted) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < untrusted.length(); i++) {
            run = untrusted.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String body = untrusted.endsWith("\n") ? untrusted : untrusted + "\n";
        return fence + language + "\n" + body + fence + "\n";
    }
}
