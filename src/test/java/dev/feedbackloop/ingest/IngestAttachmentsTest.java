package dev.feedbackloop.ingest;

import static dev.feedbackloop.ingest.IngestServiceTest.SECRET;
import static dev.feedbackloop.ingest.IngestServiceTest.body;
import static dev.feedbackloop.ingest.IngestServiceTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.s3.S3AttachmentStore;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.s3.S3ReportUploads;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.store.AttachmentStore;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.testing.TestEngines;
import dev.feedbackloop.text.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code POST /attachments} on a real S3 endpoint (s3proxy, in-process): a run references only content that is
 * stored with the size and type offered, and an offer posted again (after the uploads, or redelivered) writes only
 * the references that are new.
 */
class IngestAttachmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static S3Presigner presigner;
    private static String bucket;
    private static S3AttachmentStore attachments;
    /** Every list of references ingest wrote, in order: the S3 store underneath writes them. */
    private static final List<List<StoredAttachment>> WRITES = new CopyOnWriteArrayList<>();
    private static IngestService service;

    @BeforeAll
    static void start() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName("ingest-attachments");
        s3.createBucket(b -> b.bucket(bucket));
        attachments = new S3AttachmentStore(s3, presigner, bucket, S3AttachmentStore.DEFAULT_PREFIX,
                Duration.ofMinutes(15), runAttachments());
        service = new IngestService(ProjectSecrets.inline(Map.of("web-shop", SECRET)),
                new S3RawReportStore(s3, bucket, "reports/"),
                new S3ReportUploads(s3, presigner, bucket, "reports/", Duration.ofMinutes(15)),
                new S3SourceStore(s3, bucket, S3SourceStore.DEFAULT_PREFIX), Optional.of(new Recording(attachments)),
                Reports.standard(), IngestSettings.withMaxBody(64 * 1024));
    }

    /** The runs' references, in a table of their own on DynamoDB Local. */
    private static DynamoRunAttachments runAttachments() {
        dynamo = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of());
        return new DynamoRunAttachments(dynamo, DynamoSettings.of(TestEngines.newTable(dynamo, "attachments")));
    }

    @AfterAll
    static void close() {
        presigner.close();
        s3.close();
        dynamo.close();
    }

    /** The S3 store, with each write of references noted. */
    private record Recording(AttachmentStore store) implements AttachmentStore {
        @Override
        public Optional<HeldContent> held(String project, String sha256) {
            return store.held(project, sha256);
        }

        @Override
        public UploadGrant grant(String project, String sha256, long bytes, String contentType) {
            return store.grant(project, sha256, bytes, contentType);
        }

        @Override
        public void reference(RunKey run, List<StoredAttachment> list) {
            WRITES.add(List.copyOf(list));
            store.reference(run, list);
        }

        @Override
        public List<StoredAttachment> find(RunKey run) {
            return store.find(run);
        }
    }

    private record Offered(String name, String contentType, byte[] content) {
        long bytes() {
            return content.length;
        }

        String sha256() {
            return Sha256.hex(content);
        }
    }

    private static byte[] png(String text) {
        return ("\u0089PNG\r\n\u001a\n " + text).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] offer(Offered... items) {
        List<String> list = new ArrayList<>();
        for (Offered o : items) {
            list.add("{\"suite\":\"checkout.spec.ts\",\"name\":" + JSON.valueToTree(o.name()) + ",\"attempt\":0,"
                    + "\"attachment\":\"screenshot\",\"contentType\":\"" + o.contentType() + "\",\"bytes\":"
                    + o.bytes() + ",\"sha256\":\"" + o.sha256() + "\"}");
        }
        return ("{\"attachments\":[" + String.join(",", list) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode post(String runId, byte[] offer) throws Exception {
        return body(service.handle(signed("/attachments", offer, Map.of("X-Feedback-Run-Id", runId))), 202);
    }

    private static int put(JsonNode grant, byte[] bytes) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<StoredAttachment> referencedBy(String runId) {
        return attachments.find(new RunKey("web-shop", runId, 1));
    }

    private static List<List<StoredAttachment>> writesOf(String runId) {
        return WRITES.stream().filter(list -> list.stream().anyMatch(a -> a.testName().startsWith(runId))).toList();
    }

    @Test
    void anUploadNeverMade_leavesNoReference_andTheOfferAgainSaysItIsMissing() throws Exception {
        Offered shot = new Offered("never pays", "image/png", png("never uploaded"));

        JsonNode first = post("never-1", offer(shot));
        JsonNode again = post("never-1", offer(shot));

        for (JsonNode answer : List.of(first, again)) {
            assertThat(answer.path("attachments").get(0).path("held").asBoolean()).isFalse();
            assertThat(answer.path("attachments").get(0).path("uploadUrl").isTextual()).as("granted anew").isTrue();
            assertThat(answer.path("missing").asInt()).isEqualTo(1);
            assertThat(answer.path("referenced").asInt()).isZero();
        }
        assertThat(referencedBy("never-1")).isEmpty();
        assertThat(writesOf("never-1")).as("no reference written").isEmpty();
    }

    @Test
    void theOfferAfterTheUploads_referencesWhatArrived_andARedeliveredOfferWritesNothing() throws Exception {
        Offered arrives = new Offered("redeliver-1 pays", "image/png", png("arrives"));
        Offered fails = new Offered("redeliver-1 refunds", "image/png", png("does not arrive"));
        JsonNode first = post("redeliver-1", offer(arrives, fails));
        assertThat(first.path("granted").asInt()).isEqualTo(2);
        assertThat(put(first.path("attachments").get(0), arrives.content())).isEqualTo(200);

        JsonNode confirmed = post("redeliver-1", offer(arrives, fails));
        JsonNode redelivered = post("redeliver-1", offer(arrives, fails));

        assertThat(confirmed.path("attachments").get(0).path("held").asBoolean()).isTrue();
        assertThat(confirmed.path("attachments").get(1).path("held").asBoolean()).isFalse();
        assertThat(confirmed.path("referenced").asInt()).isEqualTo(1);
        assertThat(confirmed.path("missing").asInt()).isEqualTo(1);
        assertThat(redelivered.path("referenced").asInt()).as("held already, referenced already").isZero();
        assertThat(writesOf("redeliver-1")).as("one write of one reference, not repeated").singleElement()
                .satisfies(list -> assertThat(list).extracting(StoredAttachment::sha256)
                        .containsExactly(arrives.sha256()));
        assertThat(referencedBy("redeliver-1")).extracting(StoredAttachment::sha256).containsExactly(arrives.sha256());
    }

    @Test
    void aContentAlreadyHeld_isReferencedAtOnce_withoutAGrant() throws Exception {
        Offered shot = new Offered("held-1 pays", "image/png", png("held before"));
        assertThat(put(post("held-1", offer(shot)).path("attachments").get(0), shot.content())).isEqualTo(200);
        Offered sameForAnotherRun = new Offered("held-2 pays", "image/png", shot.content());

        JsonNode answer = post("held-2", offer(sameForAnotherRun));

        assertThat(answer.path("attachments").get(0).path("held").asBoolean()).isTrue();
        assertThat(answer.path("attachments").get(0).has("uploadUrl")).isFalse();
        assertThat(answer.path("granted").asInt()).isZero();
        assertThat(answer.path("referenced").asInt()).isEqualTo(1);
        assertThat(referencedBy("held-2")).singleElement()
                .satisfies(a -> assertThat(a.bytes()).isEqualTo(shot.bytes()));
        AttachmentStore.HeldContent held = attachments.held("web-shop", shot.sha256()).orElseThrow();
        assertThat(held.bytes()).isEqualTo(shot.bytes());
        assertThat(held.contentType()).isEqualTo("image/png");
        assertThat(held.sha256()).as("the checksum S3 checked on arrival (s3proxy answers it too)")
                .contains(shot.sha256());
    }

    @Test
    void otherBytesThroughTheGrant_areRefusedByS3_andNeverReferenced() throws Exception {
        byte[] content = png("the bytes offered");
        Offered shot = new Offered("other-1 pays", "image/png", content);
        JsonNode grant = post("other-1", offer(shot)).path("attachments").get(0);
        byte[] sameSize = content.clone();
        sameSize[sameSize.length - 1] ^= 1;

        assertThat(put(grant, sameSize)).as("another hash").isGreaterThanOrEqualTo(400);
        assertThat(put(grant, png("shorter"))).as("another size").isGreaterThanOrEqualTo(400);
        JsonNode confirmed = post("other-1", offer(shot));

        assertThat(confirmed.path("attachments").get(0).path("held").asBoolean()).isFalse();
        assertThat(confirmed.path("missing").asInt()).isEqualTo(1);
        assertThat(attachments.holds("web-shop", shot.sha256())).isFalse();
        assertThat(referencedBy("other-1")).isEmpty();
    }

    @Test
    void anOfferWhoseSizeOrTypeIsNotTheContentHeld_isRefused_notGrantedAndNotReferenced() throws Exception {
        Offered shot = new Offered("mismatch-1 pays", "image/png", png("held with its own size"));
        assertThat(put(post("mismatch-1", offer(shot)).path("attachments").get(0), shot.content())).isEqualTo(200);
        String body = new String(offer(shot), StandardCharsets.UTF_8)
                .replace("\"bytes\":" + shot.bytes(), "\"bytes\":" + (shot.bytes() + 1));
        String otherType = new String(offer(shot), StandardCharsets.UTF_8).replace("image/png", "image/jpeg");

        JsonNode bigger = post("mismatch-2", body.getBytes(StandardCharsets.UTF_8));
        JsonNode jpeg = post("mismatch-3", otherType.getBytes(StandardCharsets.UTF_8));

        assertThat(bigger.path("attachments").get(0).path("held").asBoolean()).isFalse();
        assertThat(bigger.path("attachments").get(0).path("refused").asText())
                .contains("stored with " + shot.bytes() + " bytes, not the " + (shot.bytes() + 1) + " offered");
        assertThat(bigger.path("attachments").get(0).has("uploadUrl")).isFalse();
        assertThat(jpeg.path("attachments").get(0).path("refused").asText())
                .contains("stored as image/png, not the image/jpeg offered");
        assertThat(referencedBy("mismatch-2")).isEmpty();
        assertThat(referencedBy("mismatch-3")).isEmpty();
        assertThat(attachments.held("web-shop", shot.sha256())).as("held as it was PUT").isPresent();
    }

    @Test
    void aContentWhoseStoredChecksumIsNotItsKey_isNotReferenced() throws Exception {
        Offered shot = new Offered("checksum-1 pays", "image/png", png("the bytes the key names"));
        byte[] other = shot.content().clone();
        other[other.length - 1] ^= 1;
        String key = attachments.contentKey("web-shop", shot.sha256());
        // written past the grant (another writer to the bucket), with its own bytes' checksum, size and type alike
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/png")
                        .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Sha256.hex(other)))),
                RequestBody.fromBytes(other));

        JsonNode answer = post("checksum-1", offer(shot));

        assertThat(answer.path("attachments").get(0).path("held").asBoolean()).isFalse();
        assertThat(answer.path("attachments").get(0).path("refused").asText())
                .contains("stored with SHA-256 " + Sha256.hex(other) + ", not the one offered");
        assertThat(referencedBy("checksum-1")).isEmpty();
    }
}
