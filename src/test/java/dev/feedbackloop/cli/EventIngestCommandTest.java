package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.RunMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feedback event ingest}: a Function URL event the ingest function accepts, signed now. */
class EventIngestCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String REPORT = "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTextReport_travelsAsIs_signedWithTheProjectsSecret_metadataIncluded() throws Exception {
        Path report = Files.writeString(dir.resolve("junit.xml"), REPORT);

        JsonNode event = run(report, "--run", "42", "--branch", "feat/ünïcode", "--time", "2026-02-28T10:00:00Z");

        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("body").asText()).isEqualTo(REPORT);
        assertThat(event.path("rawPath").asText()).isEqualTo("/");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-feedback-project").asText()).isEqualTo("web-shop");
        assertThat(headers.path("x-feedback-run-id").asText()).isEqualTo("42");
        assertThat(headers.path("x-feedback-branch").asText()).isEqualTo("feat/%C3%BCn%C3%AFcode");
        assertThat(headers.path("x-feedback-time").asText()).isEqualTo("2026-02-28T10:00:00Z");
        verify(event, REPORT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGzipReport_travelsBase64Encoded_andTheSignatureCoversTheDecodedBytes() throws Exception {
        Path report = dir.resolve("junit.xml.gz");
        try (GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(report))) {
            gzip.write(REPORT.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode event = run(report);

        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        byte[] body = Base64.getDecoder().decode(event.path("body").asText());
        assertThat(body).isEqualTo(Files.readAllBytes(report));
        verify(event, body);
    }

    /** events/README.md says how the sample was made; making it again must give the same file. */
    @Test
    void theSampleIngestEvent_isWhatTheCommandPrints() throws Exception {
        Path sample = Path.of("events", "ingest-function-url.json");
        JsonNode stored = JSON.readTree(Files.readString(sample));
        Path report = Files.writeString(dir.resolve("report.xml"), stored.path("body").asText());

        JsonNode made = run(report, "--secret", "web-shop-secret", "--run", "9876543210", "--attempt", "1",
                "--commit", "4f2c1d0b9a8e7f6a5b4c3d2e1f0a9b8c7d6e5f40", "--branch", "main",
                "--build-url", "https://github.com/example/web-shop/actions/runs/9876543210", "--ci", "github-actions",
                "--signed-at", "2026-03-01T12:00:00Z");

        assertThat(made).isEqualTo(stored);
        verify(stored, stored.path("body").asText().getBytes(StandardCharsets.UTF_8), "web-shop-secret");
    }

    private static void verify(JsonNode event, byte[] body) {
        verify(event, body, "s3cr3t");
    }

    private static void verify(JsonNode event, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        RequestSignature.verify(secret.getBytes(StandardCharsets.UTF_8), RequestSignature.Signed.of("POST",
                event.path("rawPath").asText(), Long.parseLong(headers.get("x-feedback-timestamp")), body,
                RunMetadata.fieldsOf(headers, Map.of())), headers.get("x-feedback-signature"), NOW);
    }

    private static JsonNode run(Path report, String... extra) throws Exception {
        EventIngestCommand command = new EventIngestCommand();
        String secret = "s3cr3t";
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--project", "web-shop",
                "--secret-env", "FEEDBACK_SECRET"));
        for (int i = 0; i < extra.length; i++) {
            if (extra[i].equals("--secret")) {
                secret = extra[++i];
            } else {
                args.add(extra[i]);
            }
        }
        command.environment = Map.of("FEEDBACK_SECRET", secret);
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        args.add(report.toString());
        assertThat(commandLine.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }
}
