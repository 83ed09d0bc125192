package dev.feedbackloop.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Slack incoming webhook on localhost, answering as Slack does: {@code 200 ok} for a message it took,
 * {@code 400 invalid_payload} for a body that is not a message, {@code 404 no_service} for a revoked hook, and
 * {@code 429} with {@code Retry-After} when rate-limited. Scripted answers are given in order, then {@code ok}.
 * Every body posted is recorded.
 */
public final class SlackWebhookServer implements AutoCloseable {

    /** One answer: status, body, and the Retry-After seconds (negative for none). */
    public record Answer(int status, String body, int retryAfterSeconds) {
        public static final Answer OK = new Answer(200, "ok", -1);
        public static final Answer INVALID_PAYLOAD = new Answer(400, "invalid_payload", -1);
        public static final Answer NO_SERVICE = new Answer(404, "no_service", -1);

        public static Answer rateLimited(int seconds) {
            return new Answer(429, "rate_limited", seconds);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    public SlackWebhookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/services/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(body);
                Answer answer;
                synchronized (script) {
                    answer = script.isEmpty() ? Answer.OK : script.poll();
                }
                if (answer.status() == 200 && !looksLikeAMessage(exchange.getRequestMethod(), body)) {
                    answer = Answer.INVALID_PAYLOAD;
                }
                if (answer.retryAfterSeconds() >= 0) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfterSeconds()));
                }
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    /** Slack takes a POSTed JSON object with text or blocks; anything else is an invalid payload. */
    private static boolean looksLikeAMessage(String method, String body) {
        String trimmed = body.strip();
        return method.equals("POST") && trimmed.startsWith("{") && trimmed.endsWith("}")
                && (trimmed.contains("\"text\"") || trimmed.contains("\"blocks\""));
    }

    /** Answers the next posts with {@code answers}, in order. */
    public void answer(Answer... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
    }

    /** The hook's URL, shaped like Slack's. */
    public URI webhook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
    }

    /** The bodies posted so far. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
