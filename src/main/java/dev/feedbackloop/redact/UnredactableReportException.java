package dev.feedbackloop.redact;

/**
 * A report that cannot be redacted: not XML or JSON, or not well-formed. It must not be kept or sent anywhere as it
 * is; the message says what was wrong and where (line and column when known).
 */
public class UnredactableReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnredactableReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
