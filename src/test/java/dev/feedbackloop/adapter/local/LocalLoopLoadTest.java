package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.bench.DynamoTraffic;
import dev.feedbackloop.bench.history.HistorySimulator;
import dev.feedbackloop.cli.HistoryManifest;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.store.SpendLedger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A history loaded in one pass ({@link LocalLoop#deliverAll}: regeneration queue taken once, results written in
 * transactions) stores, item for item and object for object, what delivering its reports one by one stores; and
 * loading it again changes nothing. Real engines in memory, one fixed clock for both loads, so that every time
 * written is the same.
 */
class LocalLoopLoadTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String SECRET = "hunter2-s3cr3t-Pa55word";

    @TempDir
    Path dir;

    @Test
    void aHistoryLoadedInOnePassStoresWhatDeliveringItsReportsOneByOneStores() throws IOException {
        List<LocalLoop.Shipment> history = history();

        Stored oneByOne;
        try (LocalLoop loop = start()) {
            for (LocalLoop.Shipment shipment : history) {
                assertThat(loop.deliver(shipment.report(), shipment.metadata()).accepted()).isTrue();
            }
            oneByOne = stored(loop);
        }
        Stored onePass;
        LocalLoop.Load load;
        try (LocalLoop loop = start()) {
            load = loop.deliverAll(history, delivery -> assertThat(delivery.accepted()).isTrue());
            onePass = stored(loop);
        }

        assertThat(load.deliveries()).hasSize(history.size());
        assertThat(load.regenerationsTaken()).as("the history queues regeneration requests").isPositive();
        assertThat(onePass.items()).as("the table, item by item").containsExactlyElementsOf(oneByOne.items());
        assertThat(onePass.objects()).as("the reports bucket").isEqualTo(oneByOne.objects());
        assertThat(oneByOne.items()).as("the secret in a failure message reached no item")
                .noneMatch(item -> item.contains(SECRET));
        assertThat(oneByOne.items()).as("health, results and scenarios are all there")
                .anyMatch(item -> item.contains("checkoutPays")).hasSizeGreaterThan(history.size() * 6);
    }

    @Test
    void loadingTheSameHistoryAgainChangesNothing() throws IOException {
        List<LocalLoop.Shipment> history = history();
        try (LocalLoop loop = start()) {
            loop.deliverAll(history, delivery -> { });
            Stored once = stored(loop);

            LocalLoop.Load again = loop.deliverAll(history, delivery -> { });

            assertThat(again.deliveries()).allSatisfy(delivery -> assertThat(delivery.ingestAnswer()
                    .path("duplicate").asBoolean()).isTrue());
            assertThat(again.regenerationsTaken()).isZero();
            assertThat(stored(loop)).isEqualTo(once);
        }
    }

    /**
     * A simulated history (flaky tests, regressions, re-runs, outages, a branch) loaded in one pass, where each test's
     * health is held in memory across the reports and written once, stores item for item what ingesting its reports
     * one by one stores: the same health, versions, timelines, verdicts, scenarios and occurrences.
     */
    @Test
    void aSimulatedHistoryHeldInMemoryStoresWhatIngestingItsReportsOneByOneStores() throws Exception {
        List<LocalLoop.Shipment> history = simulated();

        Stored oneByOne;
        Map<HealthState, List<String>> verdictsOneByOne;
        try (LocalLoop loop = start()) {
            for (LocalLoop.Shipment shipment : history) {
                assertThat(loop.deliver(shipment.report(), shipment.metadata()).accepted()).isTrue();
            }
            oneByOne = stored(loop);
            verdictsOneByOne = verdicts(loop);
        }
        DynamoTraffic traffic = new DynamoTraffic();
        try (LocalLoop loop = LocalLoop.start(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC), noModel(),
                TestSources.NONE, List.of(traffic), BatchWrites.TRANSACTIONS)) {
            LocalLoop.Load load = loop.deliverAll(history, delivery -> assertThat(delivery.accepted()).isTrue());
            Stored onePass = stored(loop);
            long runs = history.stream().map(s -> s.metadata().get("run") + "#" + s.metadata().get("attempt"))
                    .distinct().count();
            long analyses = onePass.items().stream().filter(item -> item.contains("SK=AttributeValue(S=FIX#"))
                    .count();

            assertThat(analyses).as("the history asks for fix analyses").isPositive();
            assertThat(traffic.callsBy("DynamoFixAnalysisStore.claim")).as("each analysis claimed once")
                    .isEqualTo(analyses);
            assertThat(traffic.callsBy("DynamoRunStore.findRun")).as("the drain reads each run once")
                    .isLessThanOrEqualTo(runs);
            assertThat(traffic.callsBy("DynamoProjectRulesStore.current")).as("rules read once a load").isOne();
            assertThat(traffic.callsBy("DynamoRecommendationBook.withStatus")).as("tracked tests read once a load")
                    .isLessThanOrEqualTo(5);
            assertThat(traffic.callsBy("DynamoHealthStore.putTally") + traffic.callsBy("DynamoHealthStore.putVerdict"))
                    .as("tallies and verdicts written together").isZero();
            assertThat(traffic.callsBy("DynamoHealthStore.putJudgements")).as("a tally a report and a verdict a run,"
                    + " 100 a transaction").isEqualTo((history.size() + runs + 99) / 100);
            assertThat(traffic.callsBy("DynamoRunStore.completeRun")).as("reports completed together").isZero();
            assertThat(traffic.callsBy("DynamoRunStore.completeRuns")).as("50 a transaction, no run twice in one")
                    .isLessThanOrEqualTo(history.size() - runs + (history.size() + 49) / 50);
            assertThat(load.regenerationsTaken()).as("the history queues regeneration requests").isGreaterThan(20);
            assertThat(traffic.callsBy("DynamoRecommendationStore.putPending")).as("requests recorded together")
                    .isZero();
            assertThat(traffic.callsBy("DynamoRecommendationStore.putPendingAll")).as("a batch of the queue together")
                    .isLessThanOrEqualTo(load.regenerationsTaken() / 2);
            assertThat(traffic.callsBy("DynamoRunStore.resultsOf")).as("the drain reads results ahead").isZero();
            assertThat(traffic.callsBy("DynamoRunStore.resultsOfRuns")).as("a batch of the queue together")
                    .isLessThanOrEqualTo(traffic.callsBy("DynamoRecommendationStore.putPendingAll"));
            assertThat(traffic.callsBy("DynamoScenarioStore.putAnalysesEach")).as("analyses written together")
                    .isLessThanOrEqualTo(history.size());
            assertThat(traffic.callsBy("DynamoRunStore.listRuns")).as("whether the project has runs, once").isOne();
            assertThat(traffic.callsBy("DynamoScenarioStore.find")).as("the drain reads scenarios ahead, a batch of"
                    + " the queue together").isZero();
            assertThat(traffic.callsBy("DynamoRunStore.reportCompleted") + traffic.callsBy("DynamoHealthStore.tallies"))
                    .as("a project without runs: no completion marker or tally to read").isZero();

            assertThat(onePass.items()).as("the table, item by item").containsExactlyElementsOf(oneByOne.items());
            assertThat(onePass.objects()).as("the reports bucket").isEqualTo(oneByOne.objects());
            assertThat(verdicts(loop)).as("flaky, broken and fixed tests").isEqualTo(verdictsOneByOne);
            assertThat(verdictsOneByOne.get(HealthState.FLAKY)).as("the history has flaky tests").isNotEmpty();
            assertThat(oneByOne.items()).as("health timelines were written")
                    .anyMatch(item -> item.contains("CHANGE#"));

            loop.deliverAll(history, delivery -> { });
            assertThat(stored(loop)).as("loading it again").isEqualTo(onePass);
            assertThat(traffic.callsBy("DynamoRunStore.reportCompleted")).as("a project with runs: each report's"
                    + " completion marker read").isEqualTo(history.size());
        }
    }

    /**
     * A load that fails half-way (a report that cannot be read) writes no health and no completion marker of what it
     * held; loading again stores what one clean pass stores.
     */
    @Test
    void aLoadThatFailsHalfWayIsCompletedByLoadingAgain() throws Exception {
        List<LocalLoop.Shipment> history = simulated();
        List<LocalLoop.Shipment> broken = new ArrayList<>(history.subList(0, history.size() / 2));
        broken.add(new LocalLoop.Shipment(dir.resolve("missing.xml"), history.get(0).metadata()));

        Stored clean;
        try (LocalLoop loop = start()) {
            loop.deliverAll(history, delivery -> { });
            clean = stored(loop);
        }
        try (LocalLoop loop = start()) {
            assertThatThrownBy(() -> loop.deliverAll(broken, delivery -> { })).hasMessageContaining("missing.xml");
            assertThat(stored(loop).items()).as("no report of the failed load is complete")
                    .noneMatch(item -> item.contains("SK=AttributeValue(S=REPORT#"));

            loop.deliverAll(history, delivery -> { });

            assertThat(withoutRegenerationCounts(stored(loop).items())).as("the table, item by item")
                    .containsExactlyElementsOf(withoutRegenerationCounts(clean.items()));
        }
    }

    /**
     * The items with the count of regeneration requests each report queued left out: the failed load queued them, so
     * the reports classified again find them claimed and count none as theirs, as a report redelivered after a failure
     * on AWS does. The requests themselves, their claims and what regenerate made of them are compared.
     */
    private static List<String> withoutRegenerationCounts(List<String> items) {
        return items.stream().map(item -> item.replaceAll("regenerations=AttributeValue\\(N=\\d+\\)",
                "regenerations=?")).toList();
    }

    /** 30 runs of 20 tests over 10 days, ending a day ago: seed 7 of the history simulator's default scenario. */
    private List<LocalLoop.Shipment> simulated() throws IOException {
        Path manifest = HistorySimulator.write(dir.resolve("simulated"), 7, 30, 20, 10, "shop",
                NOW.minus(11, ChronoUnit.DAYS));
        try {
            return HistoryManifest.read(manifest, Map.of("project", "shop"), NOW).stream()
                    .map(entry -> new LocalLoop.Shipment(entry.file(), entry.metadata())).toList();
        } catch (HistoryManifest.Invalid e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    /** The tests listed by verdict, as {@code feedback flaky} lists them. */
    private static Map<HealthState, List<String>> verdicts(LocalLoop loop) {
        Map<HealthState, List<String>> verdicts = new TreeMap<>();
        for (HealthState state : List.of(HealthState.FLAKY, HealthState.BROKEN, HealthState.FIXED)) {
            verdicts.put(state, loop.wiring().health().withVerdict("shop", state).stream()
                    .map(health -> health.health().test().value() + " v" + health.version()).toList());
        }
        return verdicts;
    }

    private static LlmWiring noModel() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return LlmWiring.create(LlmSettings.none(), new LlmWiring.Collaborators(ApiKeySource.none(),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), clock));
    }

    private static LocalLoop start() {
        return LocalLoop.start(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Eight runs of six tests on main: a test that fails with a missing element from run 3 on (a regression, queued
     * for regeneration), one that fails now and then and passes on a retry attempt (flaky), an outage run where
     * everything fails, and a failure message carrying a password.
     */
    private List<LocalLoop.Shipment> history() throws IOException {
        List<LocalLoop.Shipment> history = new ArrayList<>();
        for (int run = 1; run <= 8; run++) {
            boolean outage = run == 6;
            StringBuilder cases = new StringBuilder();
            for (int test = 1; test <= 4; test++) {
                cases.append(outage ? failing("Cart", "step" + test, "Connection refused: localhost:5432")
                        : passing("Cart", "step" + test));
            }
            cases.append(outage || run >= 3 ? failing("Checkout", "checkoutPays",
                    "Timeout 5000ms exceeded waiting for locator('#pay-button')") : passing("Checkout", "checkoutPays"));
            boolean flaky = run % 3 == 0;
            cases.append(outage || flaky ? failing("Search", "findsShoes", "expected 3 results but was 0; password="
                    + SECRET) : passing("Search", "findsShoes"));
            history.add(shipment(run, 1, cases.toString()));
            if (flaky && !outage) {
                history.add(shipment(run, 2, passing("Search", "findsShoes")));
            }
        }
        return history;
    }

    private LocalLoop.Shipment shipment(int run, int attempt, String cases) throws IOException {
        Path file = dir.resolve("r" + run + "-" + attempt + ".xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"shop\">\n" + cases
                + "</testsuite>\n");
        return new LocalLoop.Shipment(file, Map.of("project", "shop", "run", "r" + run, "attempt",
                Integer.toString(attempt), "commit", "c" + run, "branch", "main", "time",
                NOW.minus(20 - run, ChronoUnit.HOURS).toString()));
    }

    private static String passing(String suite, String name) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\"/>\n";
    }

    private static String failing(String suite, String name, String message) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\"><failure message=\""
                + message + "\" type=\"Error\">Error: " + message + "\n    at " + suite + ".spec.ts:12:5</failure>"
                + "</testcase>\n";
    }

    /** Every item of the table and every object of the bucket, each as canonical text, sorted. */
    record Stored(List<String> items, Map<String, String> objects) {
    }

    private static Stored stored(LocalLoop loop) {
        List<String> items = new ArrayList<>();
        try (DynamoDbClient dynamoDb = loop.engines().dynamoDb(List.of())) {
            dynamoDb.scanPaginator(ScanRequest.builder().tableName(LocalEngines.TABLE).build()).items()
                    .forEach(item -> items.add(canonical(AttributeValue.fromM(item))));
        }
        items.sort(String::compareTo);
        Map<String, String> objects = new TreeMap<>();
        try (S3Client s3 = loop.engines().s3()) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(LocalEngines.BUCKET)).contents()) {
                try (InputStream content = s3.getObject(b -> b.bucket(LocalEngines.BUCKET).key(object.key()))) {
                    objects.put(object.key(), sha256(content.readAllBytes()));
                } catch (IOException e) {
                    throw new AssertionError(object.key(), e);
                }
            }
        }
        return new Stored(items, objects);
    }

    /** An attribute value as text with map keys and set members sorted (their order on the wire is not fixed). */
    private static String canonical(AttributeValue value) {
        if (value.hasM()) {
            return value.m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> canonical(e.getValue()), (a, b) -> a, TreeMap::new)).toString();
        }
        if (value.hasL()) {
            return value.l().stream().map(LocalLoopLoadTest::canonical).toList().toString();
        }
        if (value.hasSs()) {
            return "SS" + new TreeSet<>(value.ss());
        }
        if (value.hasNs()) {
            return "NS" + new TreeSet<>(value.ns());
        }
        return value.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
