package dev.feedbackloop.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadRequest;
import dev.feedbackloop.view.ReadResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read API on the JDK's HTTP server, bound to the loopback interface only: the thin adapter behind
 * {@code feedback serve}. Each exchange is handed to {@link ReadApi} as sent; an unexpected failure answers 500
 * with a problem body and is logged to standard error, never echoed with its stack to the client. With an ingest
 * endpoint, every request other than GET and HEAD goes to it instead (the deployed ingest function's routes,
 * {@code POST /} and {@code POST /uploads}, answered by the same handler), so {@code feedback upload --url} can
 * point at this server.
 */
public final class ReadApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private ReadApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Where signed reports go: the ingest handler, the largest body it takes, and the clock its signatures are
     * checked against.
     */
    public record IngestEndpoint(Function<IngestRequest, IngestResponse> handler, long maxBodyBytes, Clock clock) {
        public IngestEndpoint {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(clock, "clock");
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
            }
        }
    }

    /** Starts serving {@code api} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static ReadApiServer start(ReadApi api, int port) {
        return start(api, Optional.empty(), port);
    }

    /** Starts serving {@code api}, and {@code ingest} when given, on 127.0.0.1:{@code port}. */
    public static ReadApiServer start(ReadApi api, Optional<IngestEndpoint> ingest, int port) {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(ingest, "ingest");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                String method = exchange.getRequestMethod();
                if (ingest.isPresent() && !method.equals("GET") && !method.equals("HEAD")) {
                    ingest(ingest.get(), exchange);
                } else {
                    handle(api, exchange);
                }
            });
            server.start();
            return new ReadApiServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void handle(ReadApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            ReadResponse response;
            try {
                URI uri = exchange.getRequestURI();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                response = api.handle(new ReadRequest(exchange.getRequestMethod(), uri.getRawPath(),
                        uri.getRawQuery(), headers));
            } catch (RuntimeException e) {
                System.err.println("feedback serve: " + exchange.getRequestURI().getRawPath() + " failed: " + e);
                response = ReadResponse.internalError();
            }
            send(exchange, response);
        }
    }

    private static void ingest(IngestEndpoint ingest, HttpExchange exchange) throws IOException {
        try (exchange) {
            IngestResponse response;
            try {
                // One byte more than allowed is enough for the handler to refuse it as too large (413).
                byte[] body = exchange.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                        ingest.maxBodyBytes() + 1));
                URI uri = exchange.getRequestURI();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                response = ingest.handler().apply(new IngestRequest(exchange.getRequestMethod(), uri.getRawPath(),
                        headers, query(uri.getRawQuery()), body, ingest.clock().instant()));
            } catch (RuntimeException e) {
                System.err.println("feedback serve: ingest " + exchange.getRequestURI().getRawPath() + " failed: "
                        + e);
                response = new IngestResponse(500, "{\"error\":\"internal_error\",\"message\":\"the report could"
                        + " not be taken; see the server's log\"}");
            }
            send(exchange, new ReadResponse(response.status(), IngestResponse.CONTENT_TYPE, response.body()));
        }
    }

    /** Query parameters URL-decoded, one value each (the first), as a Function URL event gives them. */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, ReadResponse response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (response.status() == 401) {
            headers.set("WWW-Authenticate", "Bearer realm=\"feedback\"");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
