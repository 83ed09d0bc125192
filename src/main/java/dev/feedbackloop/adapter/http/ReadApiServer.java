package dev.feedbackloop.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadRequest;
import dev.feedbackloop.view.ReadResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read API on the JDK's HTTP server, bound to the loopback interface only: the thin adapter behind
 * {@code feedback serve}. Each exchange is handed to {@link ReadApi} as sent; an unexpected failure answers 500
 * with a problem body and is logged to standard error, never echoed with its stack to the client.
 */
public final class ReadApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private ReadApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code api} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static ReadApiServer start(ReadApi api, int port) {
        Objects.requireNonNull(api, "api");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.createContext("/", exchange -> handle(api, exchange));
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
