package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.recommend.TestRole;
import dev.feedbackloop.recommend.TrackedTest;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.redact.Redactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Did the fix go in, detected on the deployed shape: {@code feedback upload} sends the reports and the test files'
 * hashes through the real ingest service (signature checked) into S3 (s3proxy), and the classify function, announced
 * each stored report and each stored hashes record as S3 announces them, observes the runs from DynamoDB Local with
 * only what CI shipped ({@code LocalLoop.receiving}, what {@code feedback serve} runs). A fix accepted for a failing
 * test is found implemented when a later run on main has the test passing at a changed source, whether the hashes
 * arrive before the report (run id known) or after it (run id chosen by ingest), and a redelivery changes nothing.
 */
class UploadImplementedFixTest {

    private static final String SECRET = "web-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

    @TempDir
    Path dir;
    private LocalLoop loop;
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<IngestRequest> requests = new CopyOnWriteArrayList<>();
    /** Called with each /sources request before it is handled: what the store held when the hashes came. */
    private Consumer<IngestRequest> beforeSources = r -> { };
    private Path checkout;
    private Path spec;

    @BeforeEach
    void start() throws IOException {
        loop = LocalLoop.receiving(dir.resolve("store"), Clock.systemUTC(),
                ProjectSecrets.inline(Map.of("web", SECRET)));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        checkout = dir.resolve("checkout");
        spec = checkout.resolve("tests/checkout.spec.ts");
        Files.createDirectories(spec.getParent());
        Files.writeString(checkout.resolve("tests/other.spec.ts"), "test('browses', async () => {});\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        loop.close();
    }

    /** The ingest Function URL: each request handled as the deployed function handles it, in order. */
    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        IngestRequest request = new IngestRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers, Map.of(), exchange.getRequestBody().readAllBytes(), Instant.now());
        paths.add(request.path());
        requests.add(request);
        if (request.path().equals("/sources")) {
            beforeSources.accept(request);
        }
        IngestResponse answer;
        synchronized (this) {
            answer = loop.receive(request);
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", IngestResponse.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Path report(String name, boolean fails) throws IOException {
        String failure = fails ? "<failure message=\"checkout.spec.ts:42:13 pays\" type=\"FAILURE\"><![CDATA["
                + "TimeoutError: locator.click: Timeout 30000ms exceeded.\nCall log:\n"
                + "  - waiting for locator('#pay-now')\n\n    at tests/checkout.spec.ts:42:13]]></failure>" : "";
        Path file = dir.resolve(name);
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"checkout.spec.ts\" tests=\"2\">"
                + "<testcase name=\"Checkout pays\" classname=\"checkout.spec.ts\" file=\"tests/checkout.spec.ts\""
                + " time=\"1.0\">" + failure + "</testcase>"
                + "<testcase name=\"Browses\" classname=\"other.spec.ts\" file=\"tests/other.spec.ts\" time=\"1.0\"/>"
                + "</testsuite></testsuites>\n");
        return file;
    }

    /** Uploads {@code report} for run {@code run} at T0 + {@code hour} hours on main; no run id: ingest chooses. */
    private JsonNode upload(Path report, Optional<Integer> run, int hour, String commit) throws IOException {
        List<String> args = new ArrayList<>(List.of("--source-root", checkout.toString(), "--branch", "main",
                "--commit", commit, "--time", T0.plus(Duration.ofHours(hour)).toString()));
        run.ifPresent(r -> args.addAll(List.of("--run", "run-" + r)));
        args.add(report.toString());
        UploadRun upload = UploadRun.of(server.getAddress().getPort(), SECRET, args);
        assertThat(upload.status()).as(upload.err()).isZero();
        return upload.answer();
    }

    private RecommendationLoop fixes() {
        return new RecommendationLoop(wiring().recommendationBook(), new Recommender(), FixWatch.defaults());
    }

    private LoopWiring wiring() {
        return loop.wiring();
    }

    private Recommendation find(String id) {
        return wiring().recommendationBook().find("web", id).orElseThrow();
    }

    /**
     * The test fails twice at its first source (the second time after the fix was drafted, so its reproduction
     * learns that source), and the fix is accepted.
     *
     * @return the accepted recommendation's id
     */
    private String failTwiceAndAccept() throws IOException {
        Files.writeString(spec, "test('pays', async ({ page }) => { await page.locator('#pay-now').click(); });\n");
        Path failing = report("failing.xml", true);
        upload(failing, Optional.of(1), 0, "aaaaaaa1");
        StoredHistory history = new StoredHistory(wiring().runs(), wiring().scenarios(), 100);
        RecommendationLoop fixes = fixes();
        assertThat(fixes.refresh("web", history.scenarios("web", 10), List.of(), T0.plus(Duration.ofMinutes(90)))
                .added()).isPositive();
        Recommendation drafted = fixes.list("web", List.of(RecommendationStatus.DRAFT), 10).get(0);
        upload(failing, Optional.of(2), 1, "aaaaaaa2");
        fixes.decide("web", drafted.id(), TriageDecision.ACCEPT, "", "ana", T0.plus(Duration.ofMinutes(150)));
        Recommendation accepted = find(drafted.id());
        assertThat(accepted.status()).isEqualTo(RecommendationStatus.ACCEPTED);
        assertThat(accepted.ledger().find(TestRole.REPRODUCTION, accepted.tests().get(0))
                .flatMap(TrackedTest::sourceHash)).as("the failing source, from the hashes shipped with run 2")
                .contains(new SourceRoot(checkout, Redactor.standard()).find("tests/checkout.spec.ts").orElseThrow()
                        .sha256());
        return drafted.id();
    }

    private void changeTheTest() throws IOException {
        Files.writeString(spec, "test('pays', async ({ page }) => {"
                + " await page.getByRole('button', { name: 'Pay now' }).click(); });\n");
    }

    @Test
    void hashesBeforeTheReport_aChangedPassingTestOnMain_isImplemented_thenVerified()
            throws IOException {
        String id = failTwiceAndAccept();
        changeTheTest();
        Path passing = report("passing.xml", false);
        paths.clear();

        JsonNode answer = upload(passing, Optional.of(3), 3, "bbbbbbb3");

        assertThat(paths).as("hashes first, the run id being known").containsExactly("/sources", "/");
        assertThat(answer.path("sources").path("hashes").asInt()).as("both test files, the passing ones too")
                .isEqualTo(2);
        assertThat(answer.path("sources").path("sent").asInt()).as("no failing test: no source shipped").isZero();
        assertThat(answer.path("sources").path("beforeReport").asBoolean()).isTrue();
        Recommendation implemented = find(id);
        assertThat(implemented.status()).isEqualTo(RecommendationStatus.IMPLEMENTED);
        assertThat(implemented.implementedCommit()).contains("bbbbbbb3");
        assertThat(implemented.history().get(implemented.history().size() - 1).reason())
                .contains("source of", "changed from", "on main in run run-3#1");

        upload(passing, Optional.of(4), 4, "bbbbbbb4");
        StoredHistory history = new StoredHistory(wiring().runs(), wiring().scenarios(), 100);
        // the quiet period rather than ten clean runs (FixWatchCommandTest counts those): uploads cost seconds each
        fixes().watch("web", history::outcomes, T0.plus(Duration.ofDays(31)));
        Recommendation verified = find(id);
        assertThat(verified.status()).as("30 days without recurrence, two clean runs")
                .isEqualTo(RecommendationStatus.VERIFIED);
        TrackedTest validation = verified.ledger().find(TestRole.VALIDATION, verified.tests().get(0)).orElseThrow();
        assertThat(validation.runs()).as("runs 3 and 4 at the fixed source").isEqualTo(2);
        assertThat(validation.successes()).isEqualTo(2);
        assertThat(validation.sourceHash()).isNotEqualTo(verified.ledger()
                .find(TestRole.REPRODUCTION, verified.tests().get(0)).orElseThrow().sourceHash());
    }

    @Test
    void hashesAfterTheReport_stillImplement_andEveryRedeliveryChangesNothing() throws IOException {
        String id = failTwiceAndAccept();
        changeTheTest();
        Path passing = report("passing.xml", false);
        paths.clear();
        requests.clear();
        List<RecommendationStatus> whenHashesCame = new ArrayList<>();
        List<Optional<Instant>> countedWhenHashesCame = new ArrayList<>();
        beforeSources = r -> {
            Recommendation now = find(id);
            whenHashesCame.add(now.status());
            countedWhenHashesCame.add(now.ledger().countedThrough().map(m -> m.at()));
        };

        upload(passing, Optional.empty(), 3, "bbbbbbb3");

        assertThat(paths).as("no run id: the report first, its hashes for the run ingest chose").containsExactly("/",
                "/sources");
        assertThat(whenHashesCame).as("the run was classified and observed without hashes first")
                .containsExactly(RecommendationStatus.ACCEPTED);
        assertThat(countedWhenHashesCame).as("and counted").containsExactly(Optional.of(T0.plus(Duration.ofHours(3))));
        Recommendation implemented = find(id);
        assertThat(implemented.status()).as("found on the hashes' arrival").isEqualTo(RecommendationStatus.IMPLEMENTED);
        assertThat(implemented.implementedCommit()).contains("bbbbbbb3");

        List<IngestRequest> delivered = List.copyOf(requests);
        beforeSources = r -> { };
        for (IngestRequest again : delivered) {
            IngestResponse answer;
            synchronized (this) {
                answer = loop.receive(again);
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        }
        assertThat(find(id)).as("a redelivered report and hashes record change nothing").isEqualTo(implemented);
    }
}
