package dev.feedbackloop.ingest;

import java.util.Objects;

/**
 * The ingest endpoint's answer.
 *
 * @param status HTTP status code
 * @param body   a JSON object: the acceptance or upload grant, or {@code {"error": <code>, "message": <text>}}
 */
public record IngestResponse(int status, String body) {

    public IngestResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100..599, was " + status);
        }
        Objects.requireNonNull(body, "body");
    }

    /** The content type of every body. */
    public static final String CONTENT_TYPE = "application/json";
}
