package dev.feedbackloop.adapter.llm;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpTransport} on the Quarkus REST client ({@code quarkus-rest-client}), through its JAX-RS client API
 * rather than a typed {@code @RegisterRestClient} interface: the typed client can only be built inside a running
 * Quarkus application ("needs to be built within the context of a Quarkus application with a valid ArC (CDI)
 * context running"), while this API works there (the Lambda functions, native image included) and on a plain JVM
 * (the command line) alike, on the same Vert.x HTTP client. Bodies go out and come back as bytes; the adapters do
 * their own JSON with Jackson's tree model, which needs no reflection in a native image. Thread-safe.
 */
public final class RestClientTransport implements HttpTransport {

    /** Extra time, past the read timeout, before the whole exchange is abandoned. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final String USER_AGENT = "feedback-loop";

    private final Client client;
    private final Duration requestTimeout;

    /**
     * @param connectTimeout most time to open a connection
     * @param requestTimeout most time for the whole exchange (the provider's thinking included)
     */
    public RestClientTransport(Duration connectTimeout, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    @Override
    public Response post(URI uri, Map<String, String> headers, byte[] body) {
        String contentType = MediaType.APPLICATION_JSON;
        Invocation.Builder request = client.target(uri).request().header("user-agent", USER_AGENT);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                contentType = header.getValue();
            } else if (!header.getKey().equalsIgnoreCase("host")) {
                request.header(header.getKey(), header.getValue());
            }
        }
        long start = System.nanoTime();
        Future<jakarta.ws.rs.core.Response> pending = request.async().post(Entity.entity(body, contentType));
        try (jakarta.ws.rs.core.Response response = pending.get(requestTimeout.plus(GRACE).toMillis(),
                TimeUnit.MILLISECONDS)) {
            byte[] bytes = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>(response.getStringHeaders());
            return new Response(response.getStatus(), responseHeaders, bytes,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(uri, e);
        } catch (ExecutionException e) {
            throw failed(uri, e.getCause());
        } catch (ProcessingException e) {
            throw failed(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new TransportException(false, "interrupted while waiting for " + uri.getHost(), e);
        }
    }

    private TransportException failed(URI uri, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return timedOut(uri, failure);
            }
        }
        return new TransportException(false, "could not reach " + uri.getHost() + ": " + rootMessage(failure),
                failure);
    }

    private TransportException timedOut(URI uri, Throwable cause) {
        return new TransportException(true, "no answer from " + uri.getHost() + " within "
                + requestTimeout.toMillis() + " ms", cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    @Override
    public void close() {
        client.close();
    }
}
