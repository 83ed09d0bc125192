package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * Secrets Manager's {@code GetSecretValue} (JSON 1.1 protocol) for one secret: the project secrets map, so that the
 * ingest function reads its signing secrets the way it does on Lambda ({@code FEEDBACK_SECRETS_PROJECT_SECRETS_ID}).
 */
final class SecretsManagerStandIn implements AutoCloseable {

    static final String SECRET_ID = "feedback-project-secrets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secretString;

    private SecretsManagerStandIn(HttpServer server, Map<String, String> projectSecrets) throws IOException {
        this.server = server;
        this.secretString = JSON.writeValueAsString(projectSecrets);
    }

    /** Serves {@code projectSecrets} (project name to HMAC secret) on a free loopback port. */
    static SecretsManagerStandIn start(Map<String, String> projectSecrets) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            SecretsManagerStandIn standIn = new SecretsManagerStandIn(server, projectSecrets);
            server.createContext("/", standIn::getSecretValue);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Secrets Manager stand-in", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void getSecretValue(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] request = exchange.getRequestBody().readAllBytes();
            boolean ok = "secretsmanager.GetSecretValue".equals(target)
                    && JSON.readTree(request).path("SecretId").asText().equals(SECRET_ID);
            byte[] body = JSON.writeValueAsBytes(ok
                    ? Map.of("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + SECRET_ID,
                    "Name", SECRET_ID, "SecretString", secretString, "VersionId", "v1")
                    : Map.of("__type", "ResourceNotFoundException", "message", "no such secret or action"));
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
