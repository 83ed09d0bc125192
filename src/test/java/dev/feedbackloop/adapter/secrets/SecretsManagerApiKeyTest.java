package dev.feedbackloop.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The API key read by the real SDK client from a local server speaking Secrets Manager's JSON protocol. */
class SecretsManagerApiKeyTest {

    private static final String SECRET_ID = "arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-api-key";

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger clientsMade = new AtomicInteger();
    private volatile String secretString = "  sk-ant-api03-from-secrets-manager\n";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private SecretsManagerClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::getSecretValue);
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.stop(0);
    }

    @Test
    void theKeyIsReadAtTheFirstCall_trimmed_andCachedForItsTimeToLive() {
        SecretsManagerApiKey key = new SecretsManagerApiKey(clients(), SECRET_ID, Duration.ofMinutes(5), clock);
        assertThat(clientsMade).hasValue(0);

        assertThat(key.key()).contains("sk-ant-api03-from-secrets-manager");
        clock.advance(Duration.ofMinutes(4));
        key.key();
        assertThat(calls).hasValue(1);
        secretString = "sk-ant-api03-rotated";
        clock.advance(Duration.ofMinutes(2));
        assertThat(key.key()).contains("sk-ant-api03-rotated");
        assertThat(calls).hasValue(2);
        assertThat(clientsMade).hasValue(1);
        assertThat(key.toString()).doesNotContain("sk-ant");
    }

    @Test
    void anUnreadableSecret_namesTheSecret() {
        server.stop(0);
        SecretsManagerApiKey key = new SecretsManagerApiKey(clients(), SECRET_ID, Duration.ofMinutes(5), clock);

        assertThatThrownBy(key::key).isInstanceOf(SecretsManagerApiKey.SecretsUnavailable.class)
                .hasMessageContaining(SECRET_ID);
    }

    private Supplier<SecretsManagerClient> clients() {
        return () -> {
            clientsMade.incrementAndGet();
            client = SecretsManagerClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .region(LocalClients.REGION)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(
                            software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                    .build();
            return client;
        };
    }

    private void getSecretValue(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        boolean ok = "secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                && new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()).path("SecretId").asText()
                .equals(SECRET_ID);
        byte[] body = new ObjectMapper().writeValueAsBytes(ok
                ? Map.of("ARN", SECRET_ID, "Name", "llm-api-key", "SecretString", secretString, "VersionId", "v1")
                : Map.of("__type", "ResourceNotFoundException", "message", "no such secret"));
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
