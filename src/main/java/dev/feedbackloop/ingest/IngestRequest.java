package dev.feedbackloop.ingest;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP call to the ingest endpoint, as the function received it (a Lambda Function URL event, already
 * base64-decoded).
 *
 * @param method     HTTP method, upper case ({@code POST})
 * @param path       the request path ({@code /} or {@code /uploads}); never null, may be empty
 * @param headers    request headers; names compare case-insensitively
 * @param query      query parameters, one value each, URL-decoded (a Function URL event's
 *                   {@code queryStringParameters})
 * @param body       the body bytes exactly as received (the signature covers them); never null, may be empty
 * @param receivedAt when the call arrived, against which the signature timestamp is checked
 */
public record IngestRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                            byte[] body, Instant receivedAt) {

    public IngestRequest {
        Objects.requireNonNull(method, "method");
        path = path == null ? "" : path;
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> {
            if (k != null && v != null) {
                caseless.put(k, v);
            }
        });
        headers = Collections.unmodifiableMap(caseless);
        Map<String, String> params = new LinkedHashMap<>();
        Objects.requireNonNull(query, "query").forEach((k, v) -> {
            if (k != null && v != null) {
                params.put(k, v);
            }
        });
        query = Collections.unmodifiableMap(params);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A header's value, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(v -> !v.isBlank());
    }
}
