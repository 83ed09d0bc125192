package dev.feedbackloop.rootcause;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.text.Ascii;
import dev.feedbackloop.text.CodeFrames;
import java.util.Optional;

/**
 * The fields rules look at, for one (already redacted) failure. Derived fields (type names, matcher, expected and
 * actual values) are computed on first use, so a failure no rule asks about costs nothing for them. Not thread-safe:
 * one instance per classification.
 */
final class RuleInput {

    /** Longest message and stack read, in characters: the cause is at the start, and this bounds the work. */
    static final int MAX_FIELD = 16 * 1024;
    /** How much of the text the derived fields read: message head and first frames. */
    static final int DERIVED_SPAN = 8 * 1024;
    private static final int FIELDS = Field.values().length;

    private final String message;
    private final String stack;
    private final String givenType;
    private final String text;
    private final Optional<String> status;
    private String type;
    private int[][] methodScan;
    private int[][] valueScan;
    private String matcher;
    private ComparedValues values;
    /** ASCII-lower-cased fields, by {@link Field} ordinal, made on first use. */
    private final String[] lowerCase = new String[FIELDS];

    RuleInput(Failure failure, Optional<String> status) {
        this.message = withoutCodeFrameContext(head(failure.message()));
        this.stack = head(failure.stackTrace().orElse(""));
        this.givenType = failure.type().orElse("");
        this.text = combine(givenType, message, stack);
        this.status = status;
    }

    /**
     * Hands over keyword scans of {@link #text()} for the assertion-method and compared-value patterns, made by the
     * built-in rule set's keyword pass, so the derived fields need no pass of their own.
     */
    void useScans(int[][] methodScan, int[][] valueScan) {
        this.methodScan = methodScan;
        this.valueScan = valueScan;
    }

    /**
     * {@code message} without the lines of a code frame that follow its failing line ({@code "> 31 |"}): that code
     * never ran, and the calls on it (a later {@code toHaveURL} or {@code toBeVisible}) would otherwise read as
     * evidence. The lines before it ran and stay: they often say what the failing line worked on ({@code const frame
     * = page.frames()...}).
     */
    static String withoutCodeFrameContext(String message) {
        if (message.indexOf(" |") < 0) {
            return message;
        }
        StringBuilder out = null; // made at the first line dropped: most messages keep every line
        boolean afterFailingLine = false;
        int start = 0;
        while (start < message.length()) {
            int end = message.indexOf('\n', start);
            int lineEnd = end < 0 ? message.length() : end;
            int next = end < 0 ? lineEnd : end + 1;
            CodeFrames.Kind kind = CodeFrames.kindOf(message, start, lineEnd);
            if (kind == CodeFrames.Kind.CONTEXT && afterFailingLine) {
                if (out == null) {
                    out = new StringBuilder(message.length()).append(message, 0, start);
                }
            } else if (out != null) {
                out.append(message, start, next);
            }
            afterFailingLine = kind == CodeFrames.Kind.FAILING || (afterFailingLine
                    && (kind == CodeFrames.Kind.CONTEXT || kind == CodeFrames.Kind.CARET));
            start = next;
        }
        return out == null ? message : out.toString();
    }

    private static String combine(String type, String message, String stack) {
        return type.isEmpty() && stack.isEmpty() ? message : type + "\n" + message + "\n" + stack;
    }

    String get(Field field) {
        return switch (field) {
            case TEXT -> text;
            case MESSAGE -> message;
            case STACK -> stack;
            case TYPE -> type();
            case MATCHER -> matcher();
            case EXPECTED -> values().expected();
            case ACTUAL -> values().actual();
        };
    }

    String text() {
        return text;
    }

    /** {@link #get(Field)} with ASCII letters lower-cased (offsets unchanged), for literal prefilters. */
    String lowerCase(Field field) {
        String lower = lowerCase[field.ordinal()];
        if (lower == null) {
            lower = Ascii.lowerCase(get(field));
            lowerCase[field.ordinal()] = lower;
        }
        return lower;
    }

    Optional<String> status() {
        return status;
    }

    /** The failed assertion method, when the text names one. */
    Optional<String> assertionMethod() {
        String name = matcher();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private String type() {
        if (type == null) {
            String found = ErrorTypes.find(span());
            type = givenType.isEmpty() ? found : found.isEmpty() ? givenType : givenType + "\n" + found;
        }
        return type;
    }

    private String matcher() {
        if (matcher == null) {
            matcher = methodScan == null ? AssertionMethods.find(span())
                    : AssertionMethods.find(span(), lowerSpan(), methodScan);
        }
        return matcher;
    }

    private ComparedValues values() {
        if (values == null) {
            values = valueScan == null ? ComparedValues.find(span())
                    : ComparedValues.find(span(), lowerSpan(), valueScan);
        }
        return values;
    }

    private String span() {
        return text.length() <= DERIVED_SPAN ? text : text.substring(0, DERIVED_SPAN);
    }

    private String lowerSpan() {
        String lower = lowerCase(Field.TEXT);
        return lower.length() <= DERIVED_SPAN ? lower : lower.substring(0, DERIVED_SPAN);
    }

    private static String head(String value) {
        return value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }
}
