package dev.feedbackloop.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the Lambda Runtime API (2018-06-01) that one function process at a time polls: {@code GET
 * invocation/next} hands out the queued events with Lambda's headers, {@code POST invocation/{id}/response} and
 * {@code .../error} complete them, {@code POST init/error} fails every pending invocation. Each {@link #session()}
 * belongs to one process: a poll left over from a killed process never takes the next process's event.
 *
 * <p>The JDK server sends headers and body in separate writes; with Nagle's algorithm on, each response would wait
 * for the client's delayed ACK (about 40 ms on Linux), so {@code sun.net.httpserver.nodelay} must be set before the
 * server class loads: {@link #create} sets it, which is too late when another JDK server started earlier.
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";
    private static final Duration INVOCATION_DEADLINE = Duration.ofMinutes(1);

    /** What the function answered, and when (nanoTime) the event was handed out and the answer arrived. */
    record Outcome(boolean success, String body, long handedOutNanos, long answeredNanos) {

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - handedOutNanos);
        }
    }

    /** One queued event, completed by the function's answer. */
    static final class Invocation {
        private final String id = UUID.randomUUID().toString();
        private final byte[] event;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private volatile long handedOutNanos;

        private Invocation(byte[] event) {
            this.event = event;
        }

        CompletableFuture<Outcome> outcome() {
            return outcome;
        }
    }

    /** The invocations of one function process. */
    final class Session {
        private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
        private final Map<String, Invocation> handedOut = new ConcurrentHashMap<>();

        Invocation enqueue(byte[] event) {
            Invocation invocation = new Invocation(event);
            queue.add(invocation);
            return invocation;
        }

        private void failAll(String why) {
            queue.forEach(i -> i.outcome.completeExceptionally(new IllegalStateException(why)));
            handedOut.values().forEach(i -> i.outcome.completeExceptionally(new IllegalStateException(why)));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile Session current;
    private volatile boolean closed;

    private LambdaRuntimeApi(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts the API on a free loopback port. */
    static LambdaRuntimeApi create() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            // /next blocks until an event is queued, so each connection needs its own thread.
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "runtime-api");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            LambdaRuntimeApi api = new LambdaRuntimeApi(server, threads);
            server.createContext(BASE, api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Runtime API stand-in", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new session for the next function process; the previous one's polls get nothing more. */
    Session session() {
        Session session = new Session();
        current = session;
        return session;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                current.failAll("the function failed to initialise: " + body);
                send(exchange, 202, "{}");
            } else if (method.equals("POST") && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                answer(exchange, path);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such Runtime API path: " + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Session session = current;
        Invocation invocation = null;
        try {
            while (invocation == null && !closed && session == current) {
                invocation = session.queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            send(exchange, 410, "{\"errorMessage\":\"this runtime session is over\"}");
            return;
        }
        session.handedOut.put(invocation.id, invocation);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id);
        headers.add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + INVOCATION_DEADLINE.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:feedback-cold-start");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + invocation.id.replace("-", "").substring(0, 24) + ";Sampled=0");
        invocation.handedOutNanos = System.nanoTime();
        exchange.sendResponseHeaders(200, invocation.event.length);
        exchange.getResponseBody().write(invocation.event);
    }

    private void answer(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        long answered = System.nanoTime();
        Invocation invocation = parts.length == 3 ? current.handedOut.remove(parts[1]) : null;
        if (invocation == null) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id in " + path + "\"}");
            return;
        }
        invocation.outcome.complete(new Outcome(parts[2].equals("response"), body, invocation.handedOutNanos,
                answered));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
