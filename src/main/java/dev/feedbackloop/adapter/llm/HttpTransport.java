package dev.feedbackloop.adapter.llm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP POST and its whole response, as the provider adapters need it: exact request bytes (so that a signature
 * covers what is sent), any status back as a response, and only the two transport failures they tell apart.
 * Implementations never log headers or bodies.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Posts {@code body} to {@code uri}.
     *
     * @param headers request headers; {@code content-type} among them. {@code host} is derived from the URI.
     * @return the response, whatever its status
     * @throws TransportException when no response arrived: timed out, or the server could not be reached
     */
    Response post(URI uri, Map<String, String> headers, byte[] body);

    @Override
    void close();

    /**
     * An HTTP response.
     *
     * @param status  the status code
     * @param headers header values by name, names compared without case
     * @param body    the body, empty when there was none
     * @param latency from sending the request to reading the whole body
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, Duration latency) {

        public Response {
            TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Objects.requireNonNull(headers, "headers").forEach((name, values) -> byName.put(name, List.copyOf(values)));
            headers = byName;
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(latency, "latency");
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** No response arrived. The message names the host, never the request. */
    final class TransportException extends RuntimeException {

        private final boolean timedOut;

        public TransportException(boolean timedOut, String message, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /** True when the request timed out; false when the server could not be reached or dropped the connection. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
