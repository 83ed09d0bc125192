package dev.feedbackloop.report;

/**
 * Collects text that arrives in pieces (a streaming parser's chunks) while holding at most about {@code max}
 * characters, whatever the total length. The result equals {@link TextLimits#cap(String, int)} of the whole text:
 * the head is kept as it arrives, the tail in a ring buffer, and only the count of the middle is remembered.
 * Not thread-safe.
 */
public final class CappedText {

    private final int max;
    private final int headLength;
    private final StringBuilder head = new StringBuilder();
    private char[] tail;
    private long tailWritten;
    private long total;

    /** @param max the most characters {@link #toString()} returns; at least 100 */
    public CappedText(int max) {
        if (max < 100) {
            throw new IllegalArgumentException("text cap must be at least 100 characters, was " + max);
        }
        this.max = max;
        this.headLength = TextLimits.headLength(max);
    }

    /** Appends {@code length} characters of {@code chars} from {@code offset}. */
    public CappedText append(char[] chars, int offset, int length) {
        total += length;
        if (tail == null && head.length() + length <= max) {
            head.append(chars, offset, length);
            return this;
        }
        int from = offset;
        int remaining = length;
        if (tail == null) {
            int intoHead = Math.min(remaining, Math.max(0, headLength - head.length()));
            head.append(chars, from, intoHead);
            from += intoHead;
            remaining -= intoHead;
            spillBeyondHeadIntoTail();
        }
        appendToTail(chars, from, remaining);
        return this;
    }

    /** Appends a whole string. */
    public CappedText append(String text) {
        return append(text.toCharArray(), 0, text.length());
    }

    /** Characters appended so far, including those no longer held. */
    public long length() {
        return total;
    }

    /** Whether nothing but whitespace (or nothing) was appended, judged on what is held. */
    public boolean isBlank() {
        return toString().isBlank();
    }

    /** The text, or its head and tail around a marker saying how much was omitted. */
    @Override
    public String toString() {
        if (tail == null) {
            return head.toString();
        }
        int tailLength = tail.length;
        StringBuilder text = new StringBuilder(max);
        text.append(head).append(TextLimits.elision(total - headLength - tailLength));
        int start = (int) (tailWritten % tailLength);
        text.append(tail, start, tailLength - start).append(tail, 0, start);
        return text.toString();
    }

    private void spillBeyondHeadIntoTail() {
        tail = new char[TextLimits.tailLength(max)];
        char[] beyondHead = new char[head.length() - headLength];
        head.getChars(headLength, head.length(), beyondHead, 0);
        head.setLength(headLength);
        appendToTail(beyondHead, 0, beyondHead.length);
    }

    private void appendToTail(char[] chars, int offset, int length) {
        int skipped = Math.max(0, length - tail.length); // overwritten before anyone could read them
        tailWritten += skipped;
        int from = offset + skipped;
        int remaining = length - skipped;
        while (remaining > 0) {
            int at = (int) (tailWritten % tail.length);
            int run = Math.min(remaining, tail.length - at);
            System.arraycopy(chars, from, tail, at, run);
            tailWritten += run;
            from += run;
            remaining -= run;
        }
    }
}
