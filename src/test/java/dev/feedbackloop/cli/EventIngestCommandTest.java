package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.ingest.RequestSignature;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feedback event ingest}: a Function URL event the ingest function accepts, signed now. */
class EventIngestCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String REPORT = "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>";

    @TempDir
    Path dir;

    @Test
    void aTextReport_travelsAsIs_signedWithTheProjectsSecret() throws Exception {
        Path report = Files.writeString(dir.resolve("junit.xml"), REPORT);

        JsonNode event = run(report, "--run", "42");

        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("body").asText()).isEqualTo(REPORT);
        assertThat(event.path("rawPath").asText()).isEqualTo("/");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-feedback-project").asText()).isEqualTo("web-shop");
        assertThat(headers.path("x-feedback-run-id").asText()).isEqualTo("42");
        RequestSignature.verify("s3cr3t".getBytes(), headers.path("x-feedback-timestamp").asText(),
                headers.path("x-feedback-signature").asText(), REPORT.getBytes(StandardCharsets.UTF_8), NOW);
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
        RequestSignature.verify("s3cr3t".getBytes(), event.path("headers").path("x-feedback-timestamp").asText(),
                event.path("headers").path("x-feedback-signature").asText(), body, NOW);
    }

    private static JsonNode run(Path report, String... extra) throws Exception {
        EventIngestCommand command = new EventIngestCommand();
        command.environment = Map.of("FEEDBACK_SECRET", "s3cr3t");
        command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        String[] args = new String[extra.length + 5];
        args[0] = "--project";
        args[1] = "web-shop";
        args[2] = "--secret-env";
        args[3] = "FEEDBACK_SECRET";
        System.arraycopy(extra, 0, args, 4, extra.length);
        args[args.length - 1] = report.toString();
        assertThat(commandLine.execute(args)).isZero();
        return new ObjectMapper().readTree(out.toString());
    }
}
