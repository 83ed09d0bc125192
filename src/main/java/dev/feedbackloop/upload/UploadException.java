package dev.feedbackloop.upload;

/** An upload failed for good: refused, or still failing after its retries. The message names the URL and why. */
public final class UploadException extends RuntimeException {

    public UploadException(String message) {
        super(message);
    }
}
