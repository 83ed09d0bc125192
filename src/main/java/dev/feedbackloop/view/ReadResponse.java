package dev.feedbackloop.view;

import java.util.Objects;

/**
 * What the read API answers.
 *
 * @param status      the HTTP status
 * @param contentType the media type of {@code body}
 * @param body        the body, UTF-8 when sent
 */
public record ReadResponse(int status, String contentType, String body) {

    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String MARKDOWN = "text/markdown; charset=utf-8";

    /** What a server answers when the store failed under a read: a problem that says where to look, no stack. */
    public static ReadResponse internalError() {
        return new ReadResponse(500, PROBLEM, "{\"type\":\"urn:feedbackloop:problem:internal-error\",\"title\":"
                + "\"Internal error\",\"status\":500,\"detail\":\"the store could not answer; see the server's"
                + " log\"}");
    }

    public ReadResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100..599, was " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
