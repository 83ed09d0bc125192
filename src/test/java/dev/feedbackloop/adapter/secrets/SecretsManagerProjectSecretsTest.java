package dev.feedbackloop.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Project secrets read by the real SDK client from a local server speaking Secrets Manager's JSON protocol
 * ({@code GetSecretValue}), counting the calls it gets.
 */
class SecretsManagerProjectSecretsTest {

    private static final String SECRET_ID = "arn:aws:secretsmanager:us-east-1:123456789012:secret:project-secrets";

    private HttpServer server;
    private SecretsManagerClient client;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String secretString = "{\"web-shop\": \"s3cr3t\"}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::getSecretValue);
        server.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(LocalClients.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void aProjectsSecret_isReadFromTheJsonMap_andCachedForItsTimeToLive() {
        ProjectSecrets secrets = new SecretsManagerProjectSecrets(client, SECRET_ID, Duration.ofMinutes(5), clock);

        assertThat(secrets.secretOf("web-shop")).hasValueSatisfying(s ->
                assertThat(new String(s, StandardCharsets.UTF_8)).isEqualTo("s3cr3t"));
        clock.advance(Duration.ofMinutes(4));
        secrets.secretOf("web-shop");
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofMinutes(2));
        secrets.secretOf("web-shop");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anUnknownProject_reloadsAtMostEvery30Seconds_soANewProjectWorksSoon() {
        ProjectSecrets secrets = new SecretsManagerProjectSecrets(client, SECRET_ID, Duration.ofMinutes(5), clock);
        assertThat(secrets.secretOf("mobile-api")).isEmpty();
        secretString = "{\"web-shop\": \"s3cr3t\", \"mobile-api\": \"other\"}";

        clock.advance(Duration.ofSeconds(10));
        assertThat(secrets.secretOf("mobile-api")).isEmpty();
        clock.advance(Duration.ofSeconds(25));
        assertThat(secrets.secretOf("mobile-api")).isPresent();
        assertThat(calls).hasValue(2);
    }

    @Test
    void aMalformedSecret_isUnavailable_withoutQuotingItsValue() {
        secretString = "{\"web-shop\": 42, \"other\": \"hunter2\"}";
        ProjectSecrets secrets = new SecretsManagerProjectSecrets(client, SECRET_ID, Duration.ofMinutes(5), clock);

        assertThatThrownBy(() -> secrets.secretOf("web-shop"))
                .isInstanceOf(ProjectSecrets.SecretsUnavailableException.class)
                .hasMessageContaining("'web-shop'").hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachableSecretsManager_isUnavailable_notAnUnknownProject() {
        server.stop(0);
        ProjectSecrets secrets = new SecretsManagerProjectSecrets(client, SECRET_ID, Duration.ofMinutes(5), clock);

        assertThatThrownBy(() -> secrets.secretOf("web-shop"))
                .isInstanceOf(ProjectSecrets.SecretsUnavailableException.class)
                .hasMessageContaining(SECRET_ID);
    }

    private void getSecretValue(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] request = exchange.getRequestBody().readAllBytes();
        boolean ok = "secretsmanager.GetSecretValue".equals(target)
                && new ObjectMapper().readTree(request).path("SecretId").asText().equals(SECRET_ID);
        byte[] body = new ObjectMapper().writeValueAsBytes(ok
                ? Map.of("ARN", SECRET_ID, "Name", "project-secrets", "SecretString", secretString,
                "VersionId", "v1", "CreatedDate", 1.7723664E9)
                : Map.of("__type", "ResourceNotFoundException", "message", "no such secret"));
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
