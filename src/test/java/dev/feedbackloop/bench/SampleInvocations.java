package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.ingest.RunMetadata;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.upload.SignedIngestEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each function's sample event from {@code events/}, made valid for one more invocation (storage prepared, the
 * ingest request signed now), and what a correct answer to it must say. Every invocation does the full work: ingest
 * stores a report that is not there yet, classify analyses a run it has not seen.
 */
abstract class SampleInvocations {

    static final List<String> FUNCTIONS = List.of("ingest", "classify", "regenerate", "rollup");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String function;

    private SampleInvocations(String function) {
        this.function = function;
    }

    String function() {
        return function;
    }

    /** Prepares storage for one invocation and returns its event. */
    abstract byte[] nextEvent();

    /**
     * Checks the function's answer to the event {@link #nextEvent()} returned last.
     *
     * @return a one-line summary of the answer
     * @throws IllegalStateException when the answer is not the one the event calls for
     */
    abstract String check(JsonNode answer);

    /**
     * @param s3      a client of the S3 endpoint the functions use
     * @param bucket  the reports bucket (the one the sample S3 notification names)
     * @param secret  project {@code web-shop}'s signing secret, as the functions read it
     */
    static SampleInvocations of(String function, S3Client s3, String bucket, byte[] secret) {
        return switch (function) {
            case "ingest" -> new Ingest(s3, bucket, secret);
            case "classify" -> new Classify(s3, bucket);
            case "regenerate" -> new Regenerate();
            case "rollup" -> new Rollup();
            default -> throw new IllegalArgumentException("unknown function '" + function + "', expected one of "
                    + FUNCTIONS);
        };
    }

    static ObjectNode sample(String name) {
        Path file = Path.of("events", name);
        try {
            return (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + file.toAbsolutePath(), e);
        }
    }

    static byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static IllegalStateException wrong(String what, JsonNode answer) {
        return new IllegalStateException(what + "; the answer was " + answer);
    }

    /** The Function URL call, re-signed now (ingest refuses signatures older than 5 minutes), for a new report. */
    private static final class Ingest extends SampleInvocations {
        private final S3Client s3;
        private final String bucket;
        private final byte[] secret;
        private final ObjectNode event = sample("ingest-function-url.json");
        private final byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
        private final String key = RawReportKey.of(new RunKey(event.path("headers").path("x-feedback-project")
                .asText(), event.path("headers").path("x-feedback-run-id").asText(), 1), sha256(body), false)
                .under("reports/");

        Ingest(S3Client s3, String bucket, byte[] secret) {
            super("ingest");
            this.s3 = s3;
            this.bucket = bucket;
            this.secret = secret;
        }

        @Override
        byte[] nextEvent() {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            return bytes(SignedIngestEvents.functionUrlPost(event.path("rawPath").asText(), body,
                    RunMetadata.fieldsOf(headers, Map.of()), secret, Instant.now()));
        }

        @Override
        String check(JsonNode answer) {
            JsonNode stored;
            try {
                stored = JSON.readTree(answer.path("body").asText());
            } catch (IOException e) {
                throw wrong("ingest answered a body that is not JSON", answer);
            }
            if (answer.path("statusCode").asInt() != 202 || !stored.path("reportKey").asText().equals(key)
                    || stored.path("duplicate").asBoolean(true)) {
                throw wrong("expected 202 with a new report stored under " + key, answer);
            }
            return "202, stored " + key;
        }
    }

    /** The S3 notification of the sample report, stored again each time with the metadata of a new run. */
    private static final class Classify extends SampleInvocations {
        private final S3Client s3;
        private final String bucket;
        private final S3RawReportStore reports;
        private final byte[] report = sample("ingest-function-url.json").path("body").asText()
                .getBytes(StandardCharsets.UTF_8);
        private final ObjectNode event = sample("classify-s3-notification.json");
        private String runId;

        Classify(S3Client s3, String bucket) {
            super("classify");
            this.s3 = s3;
            this.bucket = bucket;
            this.reports = new S3RawReportStore(s3, bucket, "reports/");
        }

        @Override
        byte[] nextEvent() {
            // A new run each time, so classify does the whole work; its key names that run (ClassifyFunctionTest
            // checks that the sample's own key is where ingest stores the sample report).
            runId = "cold-start-" + UUID.randomUUID();
            StoredReport stored = reports.put(new ReportMetadata(new RunKey("web-shop", runId, 1),
                    Optional.of("4f2c1d0"), Optional.of("main"), Optional.empty(), Optional.of("github-actions")),
                    ReportContent.ofBytes(report, "the sample report"));
            ObjectNode copy = event.deepCopy();
            ((ObjectNode) copy.path("Records").get(0).path("s3").path("object")).put("key", stored.key());
            return bytes(copy);
        }

        @Override
        String check(JsonNode answer) {
            JsonNode report = answer.path("reports").path(0);
            if (!report.path("status").asText().equals("CLASSIFIED") || !report.path("runId").asText().equals(runId)
                    || report.path("tests").asLong() == 0) {
                throw wrong("expected run " + runId + " CLASSIFIED", answer);
            }
            return "CLASSIFIED " + report.path("tests").asLong() + " tests, " + report.path("failing").asLong()
                    + " failing, " + report.path("regenerationsPublished").asInt() + " regenerations queued";
        }
    }

    /** The SQS batch of a valid and a malformed regeneration request: only the malformed one goes back. */
    private static final class Regenerate extends SampleInvocations {
        private final ObjectNode event = sample("regenerate-sqs.json");

        Regenerate() {
            super("regenerate");
        }

        @Override
        byte[] nextEvent() {
            return bytes(event);
        }

        @Override
        String check(JsonNode answer) {
            // events/README.md: the second record is the malformed one.
            String malformed = event.path("Records").get(1).path("messageId").asText();
            JsonNode failures = answer.path("batchItemFailures");
            if (failures.size() != 1 || !failures.get(0).path("itemIdentifier").asText().equals(malformed)) {
                throw wrong("expected exactly message " + malformed + " in batchItemFailures", answer);
            }
            return "1 of " + event.path("Records").size() + " messages returned to the queue";
        }
    }

    /** The EventBridge schedule: the day before the event's time is rolled up. */
    private static final class Rollup extends SampleInvocations {
        private final ObjectNode event = sample("rollup-schedule.json");

        Rollup() {
            super("rollup");
        }

        @Override
        byte[] nextEvent() {
            return bytes(event);
        }

        @Override
        String check(JsonNode answer) {
            LocalDate day = LocalDate.ofInstant(Instant.parse(event.path("time").asText()), ZoneOffset.UTC)
                    .minusDays(1);
            if (!answer.path("day").asText().equals(day.toString()) || !answer.has("runs")) {
                throw wrong("expected the rollup of " + day, answer);
            }
            return "rolled up " + day + ": " + answer.path("projects").asInt() + " projects, "
                    + answer.path("runs").asLong() + " runs";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
