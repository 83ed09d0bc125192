package dev.feedbackloop.bench;

import dev.feedbackloop.adapter.dynamodb.DynamoRunStore;
import dev.feedbackloop.adapter.dynamodb.DynamoScenarioStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import dev.feedbackloop.adapter.dynamodb.RequestCounter;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.local.LocalDynamoDb;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.Evidence;
import dev.feedbackloop.scenario.ObservationCollector;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredRun;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ingests a generated run into DynamoDB Local (in-process, in memory) the way the ingest function will: record the
 * run, stream its results through the batch writer, fold failures into one observation per fingerprint, record
 * scenario occurrences, complete the run. Then delivers the same run again, as Lambda may. Prints tests per second
 * and the DynamoDB requests made, by operation.
 *
 * <p>{@code ./bench.sh StoreBenchmark [tests] [failing-percent] [fingerprints]}, default 50000 10 300.
 */
public final class StoreBenchmark {

    private static final String PROJECT = "bench";
    private static final Category[] CATEGORIES = {Category.SELECTOR_ISSUE, Category.TIMEOUT, Category.ASSERTION_FAIL,
            Category.URL_MISMATCH, Category.INFRA};

    public static void main(String[] args) throws Exception {
        // Quarkus' log manager is on the class path; say so before DynamoDB Local's logging looks for one.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int tests = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int failingPercent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int fingerprints = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        long begin = System.nanoTime();
        try (LocalDynamoDb engine = LocalDynamoDb.inMemory()) {
            System.out.printf(Locale.ROOT, "DynamoDB Local started in %d ms%n", engine.startup().toMillis());
            RequestCounter counter = new RequestCounter();
            try (DynamoDbClient client = LocalClients.dynamoDb(engine.endpoint(), List.of(counter))) {
                FeedbackTable.createIfMissing(client, "bench");
                DynamoSettings settings = DynamoSettings.of("bench");
                DynamoRunStore runs = new DynamoRunStore(client, settings, Clock.systemUTC());
                DynamoScenarioStore scenarios = new DynamoScenarioStore(client, settings, Clock.systemUTC());
                System.out.printf(Locale.ROOT, "run: %d tests, %d%% failing over %d fingerprints%n", tests,
                        failingPercent, fingerprints);
                for (String delivery : List.of("first delivery", "same run delivered again")) {
                    counter.reset();
                    ingest(runs, scenarios, counter, tests, failingPercent, fingerprints, delivery);
                }
            }
        }
        System.out.printf(Locale.ROOT, "total wall time %.1f s, heap used %d MB%n",
                (System.nanoTime() - begin) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    private static void ingest(DynamoRunStore runs, DynamoScenarioStore scenarios, RequestCounter counter, int tests,
                               int failingPercent, int fingerprints, String label) {
        long start = System.nanoTime();
        Run run = new Run(new RunKey(PROJECT, "run-1", 1), Optional.of("4f1c2e9"), Optional.of("main"),
                Optional.of("github-actions"), Optional.of("https://ci.example/run-1"),
                Optional.of(Instant.parse("2026-03-01T10:00:00Z")), Optional.empty(), Map.of("browser", "chromium"));
        StoredRun stored = runs.putRun(run, Instant.now());
        ObservationCollector collector = new ObservationCollector(run.environment());
        RunCounts counts = RunCounts.zero();
        Random random = new Random(42);
        try (ResultWriter writer = runs.openResults(stored)) {
            for (int i = 0; i < tests; i++) {
                TestCase test = new TestCase("suite-" + (i / 100) + ".spec.ts", "test " + i, Optional.empty(),
                        java.util.OptionalInt.empty(), List.of(), Map.of());
                TestId id = test.id(PROJECT);
                boolean failing = random.nextInt(100) < failingPercent;
                ResultRecord record = failing ? failing(test, id, random.nextInt(fingerprints), collector)
                        : ResultRecord.of(id, TestResult.of(test, List.of(Attempt.passed(0, 50 + i % 900))));
                writer.add(record);
                counts = counts.plus(record.result());
            }
        }
        long resultsDone = System.nanoTime();
        long resultRequests = counter.calls("BatchWriteItem");
        OccurrenceOutcome outcome = scenarios.recordOccurrences(run.key(), stored.runTime(),
                collector.observations());
        runs.completeRun(run.key(), "report-sha256", counts);
        long end = System.nanoTime();
        report(label, tests, counts, collector.size(), outcome, counter, resultRequests, start, resultsDone, end);
    }

    private static ResultRecord failing(TestCase test, TestId id, int fingerprintIndex,
                                        ObservationCollector collector) {
        Category category = CATEGORIES[fingerprintIndex % CATEGORIES.length];
        Fingerprint fingerprint = new Fingerprint(String.format(Locale.ROOT, "%016x", 0xbe000000L + fingerprintIndex));
        String message = "locator('[data-test=pay-" + fingerprintIndex + "]') resolved to 0 elements after 30000ms";
        String stack = ("Error: " + message + "\n") + "    at CheckoutPage.pay (pages/checkout.ts:42:17)\n".repeat(20);
        TestResult result = TestResult.of(test, List.of(Attempt.failing(0, AttemptStatus.FAILED, 30_000,
                Failure.of(message, "TimeoutError", stack))));
        collector.add(id, Classification.of(category, 0.9, List.of(new Evidence("bench", "message", message)),
                Optional.empty(), fingerprint), message);
        return new ResultRecord(id, result, Optional.of(fingerprint), Optional.of(category));
    }

    private static void report(String label, int tests, RunCounts counts, int fingerprints,
                               OccurrenceOutcome outcome, RequestCounter counter, long resultRequests, long start,
                               long resultsDone, long end) {
        double seconds = (end - start) / 1e9;
        System.out.printf(Locale.ROOT, "%n%s: %d tests (%d failed) in %.2f s = %.0f tests/s"
                        + " (results alone %.0f tests/s)%n", label, tests, counts.failed(), seconds, tests / seconds,
                tests / ((resultsDone - start) / 1e9));
        System.out.printf(Locale.ROOT, "  scenarios: %d fingerprints; %d created, %d occurrences added,"
                        + " %d already counted%n", fingerprints, outcome.scenariosCreated(), outcome.occurrencesAdded(),
                outcome.alreadyCounted());
        long batches = (long) Math.ceil(tests / 25.0);
        System.out.printf(Locale.ROOT, "  DynamoDB requests: %d in all (%d HTTP attempts) = %.2f x items/25"
                        + " (items/25 = %d); the results took %d BatchWriteItem%n", counter.totalCalls(),
                counter.httpAttempts(), counter.totalCalls() / (double) batches, batches, resultRequests);
        counter.calls().forEach((operation, calls) ->
                System.out.printf(Locale.ROOT, "    %-20s %6d%n", operation, calls));
    }
}
