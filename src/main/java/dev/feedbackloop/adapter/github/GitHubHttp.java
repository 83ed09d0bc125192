package dev.feedbackloop.adapter.github;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One exchange with GitHub's REST API on the Quarkus REST client ({@code quarkus-rest-client-jackson}), through its
 * JAX-RS client API as {@code adapter.llm.RestClientTransport} does (it works on a plain JVM, for the command line,
 * and inside the functions alike). Bodies are bytes; the tracker does its JSON with Jackson's tree model (no
 * reflection in a native image). Never logs headers or bodies.
 */
final class GitHubHttp implements AutoCloseable {

    private static final String USER_AGENT = "feedback-loop";

    private final Client client;

    GitHubHttp(Duration connectTimeout, Duration readTimeout) {
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** A response: status, headers (names compared without case) and body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        Response {
            TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Objects.requireNonNull(headers, "headers").forEach((name, values) -> byName.put(name, List.copyOf(values)));
            headers = byName;
            Objects.requireNonNull(body, "body");
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends a request.
     *
     * @param body JSON to send, or empty for none
     * @throws ProcessingException when no response arrived
     */
    Response exchange(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        Invocation.Builder request = client.target(uri).request().header("User-Agent", USER_AGENT);
        headers.forEach(request::header);
        try (jakarta.ws.rs.core.Response response = body.isPresent()
                ? request.method(method, Entity.entity(body.get(), "application/json"))
                : request.method(method)) {
            byte[] bytes = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            return new Response(response.getStatus(), response.getStringHeaders(), bytes);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
