package dev.feedbackloop.redact;

import java.io.IOException;
import java.util.List;

/**
 * Redacts text too long to hold at once (a system-out of hundreds of megabytes) window by window, with the result
 * {@link Redactor#redact(String)} would give on the whole: each window is searched together with the
 * {@value #CONTEXT} characters before it (a key or header name before its value) and is written only up to a cut
 * with at least {@value #LOOKAHEAD} characters after it, moved so that no secret straddles it; a secret still open
 * at the end of a window (a key block whose END line has not come) starts the next one. A key block longer than a
 * whole window is followed to its END line across windows. Memory: about {@code window + CONTEXT} characters.
 * Not thread-safe.
 */
final class LongText {

    /** Characters before a window searched with it: far more than a key, a header name and blanks take. */
    static final int CONTEXT = 4 * 1024;
    /** Characters after a cut that are searched before it is made: longer than any secret but a key block. */
    static final int LOOKAHEAD = 16 * 1024;

    /** Receives redacted text. */
    interface Sink {
        void write(CharSequence text) throws IOException;
    }

    private final Redactions redactions;
    private final Sink sink;
    private final int window;
    private final StringBuilder buffer = new StringBuilder();
    /** Characters at the start of {@link #buffer} written already, kept as context. */
    private int written;
    /** Inside a key block whose BEGIN line was redacted in an earlier window: all is dropped up to its END line. */
    private boolean inKeyBlock;

    /** @param window characters written per step; at least {@code 2 * LOOKAHEAD} */
    LongText(Redactions redactions, Sink sink, int window) {
        if (window < 2 * LOOKAHEAD) {
            throw new IllegalArgumentException("window must be at least " + 2 * LOOKAHEAD + " characters, was "
                    + window);
        }
        this.redactions = redactions;
        this.sink = sink;
        this.window = window;
    }

    void append(CharSequence text) throws IOException {
        buffer.append(text);
        while (buffer.length() - written >= window + LOOKAHEAD) {
            step(false);
        }
    }

    void append(char[] chars, int offset, int length) throws IOException {
        buffer.append(chars, offset, length);
        while (buffer.length() - written >= window + LOOKAHEAD) {
            step(false);
        }
    }

    /** Writes what is left; the text ends here. */
    void finish() throws IOException {
        step(true);
        buffer.setLength(0);
        written = 0;
    }

    private void step(boolean last) throws IOException {
        String text = buffer.toString();
        int from = written;
        if (inKeyBlock) {
            int end = TokenRule.keyBlockEnd(text, from);
            if (end < 0) {
                keep(text, last ? text.length() : text.length() - CONTEXT);
                return; // the block goes on: nothing of it is written
            }
            inKeyBlock = false;
            from = end;
        }
        List<Redactor.Span> spans = redactions.redactor().find(text);
        int cut = last ? text.length() : cut(text, from, spans);
        StringBuilder out = new StringBuilder(cut - from + 64);
        int done = continuation(text, from, spans, out);
        done = Redactor.render(text, spans, done, cut, out);
        redactions.countSpans(spans, from, cut);
        sink.write(out);
        keep(text, Math.max(cut, done));
    }

    /**
     * Where this window's writing ends: {@code LOOKAHEAD} before the buffer's end, moved past a secret that
     * straddles it, or back to the start of one still open at the buffer's end (it is written with the next
     * window, whole). A secret open from the very start of the window is written to the end now; if it is a key
     * block, the rest of it is dropped from the next windows.
     */
    private int cut(String text, int from, List<Redactor.Span> spans) {
        int cut = text.length() - LOOKAHEAD;
        for (Redactor.Span span : spans) {
            if (span.start() < from || span.start() >= cut) {
                continue;
            }
            if (span.end() <= cut) {
                continue;
            }
            if (span.end() < text.length()) {
                cut = span.end();
            } else if (span.start() > from) {
                return span.start();
            } else {
                inKeyBlock = "private-key".equals(span.kind());
                return text.length();
            }
        }
        return cut;
    }

    /**
     * A secret that began before this window (in its context) and runs on into it was cut short by the window
     * before: what of it lies in this window is replaced too.
     */
    private static int continuation(String text, int from, List<Redactor.Span> spans, StringBuilder out) {
        for (Redactor.Span span : spans) {
            if (span.start() < from && span.end() > from) {
                out.append(Redactor.marker(span.kind()));
                return span.end();
            }
        }
        return from;
    }

    /** Drops what is written, but the {@value #CONTEXT} characters before {@code upTo}. */
    private void keep(String text, int upTo) {
        int keepFrom = Math.max(0, upTo - CONTEXT);
        buffer.setLength(0);
        buffer.append(text, keepFrom, text.length());
        written = upTo - keepFrom;
    }
}
