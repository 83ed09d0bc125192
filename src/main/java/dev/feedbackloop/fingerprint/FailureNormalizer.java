package dev.feedbackloop.fingerprint;

import dev.feedbackloop.model.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reduces a failure to the text that identifies its root cause and fingerprints it, so the same cause seen in
 * another run or on another machine gets the same {@link Fingerprint}, and a different cause a different one.
 *
 * <p>What is kept, in order: the error type; the first {@link #MAX_MESSAGE_LINES} message lines that say something
 * (plus up to {@link #MAX_CAUSE_LINES} {@code Caused by:} lines); the first {@link #MAX_FRAMES} stack frames that are
 * not generated plumbing. Each line is normalised by {@code LineNormalizer} (numbers, ids, addresses, timestamps,
 * temporary and machine-specific paths, query strings become placeholders; HTTP statuses, quoted selectors and
 * values stay), repeated lines are kept once, and the whole is cut in the middle to {@link #MAX_LENGTH}.
 *
 * <p>What goes: blank lines, Playwright code frames ({@code > 6 | await ...}), separators, Selenium's build,
 * system, driver and session info (they differ per machine), test titles (the same cause fails in many tests),
 * native back traces after {@code Backtrace:}, {@code ... 23 more}, and generated frames (reflection, dynamic
 * proxies, lambdas, {@code <anonymous>} eval code, Node's async plumbing).
 *
 * <p>Why these budgets: failure messages put the cause first (the error line, then for Playwright the call log
 * with the locator on the next two or three lines); six lines hold that for every kind in the development corpus,
 * and later lines are retries, hints and links. Three frames reach the first frame of test code in Java and
 * JavaScript traces, which says where it failed; more frames only add framework internals that differ between
 * versions. On the 92 corpus messages the normalised text is 151 characters at the median, 340 at the 90th
 * percentile and 523 at most, so the 720-character cap only bites on pathological input (a minified bundle, a
 * whole HTML page), which it cuts in the middle.
 *
 * <p>Pure and thread-safe. Expects text already redacted of secrets.
 */
public final class FailureNormalizer {

    /** Message lines kept (not counting {@code Caused by:} lines). */
    public static final int MAX_MESSAGE_LINES = 6;
    /** {@code Caused by:} lines kept besides the message lines: the root exception of a Java chain. */
    public static final int MAX_CAUSE_LINES = 2;
    /** Stack frames kept. */
    public static final int MAX_FRAMES = 3;
    /** Longest single line kept, in characters; longer lines are cut in the middle. */
    public static final int MAX_LINE = 240;
    /** Longest normalised text, in characters; longer text is cut in the middle. */
    public static final int MAX_LENGTH = 720;
    /** Lines read before giving up looking for frames: bounds the work on huge texts. */
    static final int MAX_SCANNED_LINES = 400;

    private static final FailureNormalizer STANDARD = new FailureNormalizer();
    private static final String ELISION = " ... ";
    /** Reports that HTML-ise failure text (Jenkins) write line breaks as {@code <br/>}. */
    private static final Pattern HTML_BREAK = Pattern.compile("<br ?/?>");

    private FailureNormalizer() {
    }

    /** The standard normaliser. */
    public static FailureNormalizer standard() {
        return STANDARD;
    }

    /**
     * The normalised text and fingerprint of {@code failure}.
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public NormalizedFailure normalize(Failure failure) {
        Objects.requireNonNull(failure, "failure");
        Collector collector = new Collector();
        failure.type().filter(type -> !statedInMessage(type, failure.message())).ifPresent(collector::type);
        collector.read(failure.message(), true);
        failure.stackTrace().ifPresent(stack -> collector.read(stack, collector.messageLines == 0));
        String head = String.join("\n", collector.head);
        String text = collector.frames.isEmpty() ? head
                : (head.isEmpty() ? "" : head + "\n") + String.join("\n", collector.frames);
        text = cut(text, MAX_LENGTH);
        return new NormalizedFailure(text, cut(head, MAX_LENGTH), Fingerprints.of("failure", text));
    }

    /**
     * Whether the message already opens with the error type ({@code TimeoutError: ...},
     * {@code java.lang.AssertionError: ...} or its simple name). Some formats report the type apart and some leave it
     * in the message only; reading it once either way gives the same failure the same fingerprint in every format.
     */
    static boolean statedInMessage(String type, String message) {
        String opening = message.stripLeading();
        String simple = type.substring(type.lastIndexOf('.') + 1).strip();
        return opensWith(opening, type.strip()) || (!simple.isEmpty() && opensWith(opening, simple));
    }

    private static boolean opensWith(String text, String word) {
        return text.startsWith(word) && (text.length() == word.length() || text.charAt(word.length()) == ':');
    }

    /** Normalises one line of failure text; see {@code LineNormalizer} for what becomes a placeholder. */
    public static String normalizeLine(String line) {
        return LineNormalizer.normalize(Objects.requireNonNull(line, "line"));
    }

    /** {@code text} cut in the middle to at most {@code max} characters. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int head = (max - ELISION.length()) * 2 / 3;
        int tail = max - ELISION.length() - head;
        return text.substring(0, head) + ELISION + text.substring(text.length() - tail);
    }

    /** Gathers the kept lines of one failure. */
    private static final class Collector {
        final List<String> head = new ArrayList<>(8);
        final List<String> frames = new ArrayList<>(MAX_FRAMES);
        /** Kept lines, to keep each once; a list, since there are at most a dozen. */
        final List<String> seen = new ArrayList<>(12);
        int messageLines;
        int causeLines;

        void type(String type) {
            add(head, LineNormalizer.normalize(type.strip()));
        }

        void read(String text, boolean takeMessage) {
            String body = text.contains("<br") ? HTML_BREAK.matcher(text).replaceAll("\n") : text;
            boolean inMessage = takeMessage;
            int scanned = 0;
            int start = 0;
            while (start <= body.length() && scanned++ < MAX_SCANNED_LINES && frames.size() < MAX_FRAMES) {
                int end = body.indexOf('\n', start);
                if (end < 0) {
                    end = body.length();
                }
                int from = start;
                start = end + 1;
                if ((!inMessage || messageLines >= MAX_MESSAGE_LINES) && !mayBeFrameOrCause(body, from, end)) {
                    continue; // only frames and causes are still wanted: skip the line without copying it
                }
                String line = Lines.clean(body, from, end);
                switch (Lines.kindOf(line)) {
                    case FRAME -> {
                        if (!Lines.isGenerated(line)) {
                            add(frames, LineNormalizer.normalize(line));
                        }
                    }
                    case CAUSE -> {
                        if (causeLines < MAX_CAUSE_LINES && add(head, LineNormalizer.normalize(line))) {
                            causeLines++;
                        }
                    }
                    case STOP -> inMessage = false;
                    case MESSAGE -> {
                        if (inMessage && messageLines < MAX_MESSAGE_LINES && add(head, LineNormalizer.normalize(line))) {
                            messageLines++;
                        }
                    }
                    case NOISE -> { }
                }
            }
        }

        /** Whether {@code text[from, end)}, indentation aside, starts like a stack frame or a {@code Caused by:}. */
        private static boolean mayBeFrameOrCause(String text, int from, int end) {
            int i = from;
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return text.startsWith("at ", i) || text.startsWith("File \"", i) || text.startsWith("Caused by:", i);
        }

        private boolean add(List<String> lines, String normalized) {
            if (normalized.isEmpty() || seen.contains(normalized)) {
                return false;
            }
            seen.add(normalized);
            lines.add(cut(normalized, MAX_LINE));
            return true;
        }
    }
}
