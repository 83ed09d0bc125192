package dev.feedbackloop.regenerate;

/** Text cut to a size a prompt can afford: the start and the end kept, the middle replaced by a marker. */
final class Bounded {

    private Bounded() {
    }

    /**
     * {@code text} if it has at most {@code maxChars} characters, else its first and last parts joined by a marker
     * saying how much was left out (a failure's message starts with what failed and a stack ends with where).
     */
    static String middle(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int keep = Math.max(0, maxChars - 60); // the marker takes at most 42
        int head = keep / 2;
        int tail = keep - head;
        int omitted = text.length() - head - tail;
        return text.substring(0, head) + "\n[... " + omitted + " characters left out ...]\n"
                + text.substring(text.length() - tail);
    }
}
