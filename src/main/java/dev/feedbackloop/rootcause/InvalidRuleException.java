package dev.feedbackloop.rootcause;

/** A classification rule that cannot be used: bad regular expression, unknown category or field, no pattern. */
public final class InvalidRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidRuleException(String message) {
        super(message);
    }

    public InvalidRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
