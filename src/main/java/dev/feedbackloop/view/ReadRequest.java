package dev.feedbackloop.view;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A read as it arrives over HTTP, before any of it is trusted.
 *
 * @param method   the HTTP method
 * @param rawPath  the path as sent, percent-encoded
 * @param rawQuery the query string as sent, percent-encoded; empty when none
 * @param headers  the request's headers, names in lower case (HTTP names are case-insensitive; a server hands
 *                 them over in whatever case it received them)
 */
public record ReadRequest(String method, String rawPath, String rawQuery, Map<String, String> headers) {

    public ReadRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, String> lower = new TreeMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            if (name != null && value != null) {
                lower.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        headers = Map.copyOf(lower);
    }

    /** A read carrying at most an Authorization header. */
    public ReadRequest(String method, String rawPath, String rawQuery, Optional<String> authorization) {
        this(method, rawPath, rawQuery, authorization.map(a -> Map.of("authorization", a)).orElse(Map.of()));
    }

    /** The Authorization header, if sent. */
    public Optional<String> authorization() {
        return header("authorization");
    }

    /** A header's value, if sent (by name in any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The path and query as the client sent them, the part of the URL a signed read signs. */
    public String target() {
        return rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery;
    }
}
