package dev.feedbackloop.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A read as it arrives over HTTP, before any of it is trusted.
 *
 * @param method        the HTTP method
 * @param rawPath       the path as sent, percent-encoded
 * @param rawQuery      the query string as sent, percent-encoded; empty when none
 * @param authorization the Authorization header, if sent
 */
public record ReadRequest(String method, String rawPath, String rawQuery, Optional<String> authorization) {

    public ReadRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(authorization, "authorization");
    }
}
