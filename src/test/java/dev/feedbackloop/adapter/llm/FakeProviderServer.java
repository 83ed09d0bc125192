package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server standing in for a provider: it records every request exactly as received (method, raw path
 * and query, headers, body bytes) and answers from a script of responses, one per request, in order. A scripted
 * response may hold its answer until {@link #release()}, to play a provider slower than the client's timeout without
 * the test sleeping.
 */
public final class FakeProviderServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, each response then waits for the
        // client's delayed ACK (about 40 ms), which would be counted as the client's latency. Read once, when the
        // JDK's server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as the server received it. */
    public record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted response. */
    public record Scripted(int status, Map<String, String> headers, String body, boolean holds) {

        public static Scripted json(int status, String body) {
            return new Scripted(status, Map.of("content-type", "application/json"), body, false);
        }

        public Scripted withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Scripted(status, more, body, holds);
        }

        /** Answered only after {@link FakeProviderServer#release()}. */
        public Scripted held() {
            return new Scripted(status, headers, body, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile java.util.function.Function<Received, Scripted> responder =
            r -> Scripted.json(500, "{\"error\":\"no scripted response left\"}");

    public FakeProviderServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized FakeProviderServer then(Scripted response) {
        script.add(response);
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public Received last() {
        List<Received> all = received();
        return all.get(all.size() - 1);
    }

    /** Answers every request the script does not cover with {@code responder}'s response to it. */
    public FakeProviderServer answering(java.util.function.Function<Received, Scripted> responder) {
        this.responder = responder;
        return this;
    }

    /** Forgets the requests received so far (a benchmark keeps only its figures). */
    public void forget() {
        received.clear();
    }

    /** Lets held responses go (to a client that has long given up). */
    public void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Headers requestHeaders = exchange.getRequestHeaders();
        requestHeaders.forEach((name, values) -> headers.put(name, List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        Received request = new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                body);
        received.add(request);
        Scripted response;
        synchronized (this) {
            response = script.isEmpty() ? null : script.removeFirst();
        }
        if (response == null) {
            response = responder.apply(request);
        }
        if (response.holds()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        try {
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: expected for held responses
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
