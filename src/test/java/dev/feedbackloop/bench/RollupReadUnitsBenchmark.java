package dev.feedbackloop.bench;

import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.nightly.BookRecords;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rollup.DailyRollup;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * What one day's rollup reads from DynamoDB, in read units as DynamoDB reports them ({@code ReturnConsumedCapacity
 * TOTAL} on every read, summed), with 10 and with 100 days of history behind the day. The history is analysed
 * through the real classify stage into DynamoDB Local: each day {@code --runs} runs of {@code --tests} tests, a few of
 * them failing with messages that make new scenarios now and then, so that runs, results, scenarios and test health
 * all grow with the history. The goal: 100 days cost at most 1.1x of 10 days.
 *
 * <p>It measures the whole nightly job as the rollup function runs it ({@code NightlyRollup}): recommendations
 * refreshed from the day's scenarios (their affected tests, triage memory, proposals, implemented fixes to judge),
 * then {@code DailyRollup} with every read the nightly figures need (the day's runs with their verdicts, all their
 * results, the day's scenarios and health changes, the flaky and broken lists, the series of the day's tests and
 * scenarios, the previous day's figures, the recommendation book's log of the day). Run:
 * {@code ./bench.sh RollupReadUnitsBenchmark [--runs 4] [--tests 30] [--days 10,100]}.
 */
public final class RollupReadUnitsBenchmark {

    private static final String PROJECT = "bench";

    private RollupReadUnitsBenchmark() {
    }

    public static void main(String[] args) {
        int runs = 4;
        int tests = 30;
        int[] histories = {10, 100};
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--tests" -> tests = Integer.parseInt(args[i + 1]);
                case "--days" -> histories = java.util.Arrays.stream(args[i + 1].split(","))
                        .mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("days  runs/day  tests/run  nightly reads  nightly read units  vs first");
        double first = 0;
        for (int days : histories) {
            double[] units = measure(days, runs, tests);
            first = first == 0 ? units[1] : first;
            System.out.printf(Locale.ROOT, "%4d  %8d  %9d  %13.0f  %18.1f  %7.2fx%n", days, runs, tests,
                    units[0], units[1], units[1] / first);
        }
        System.exit(0); // the in-process engines keep non-daemon threads alive
    }

    /** Reads and read units of the nightly job of the history's last day. */
    private static double[] measure(int days, int runsPerDay, int tests) {
        ReadUnits reads = new ReadUnits();
        try (LoopFixture loop = new LoopFixture("rollup-bench", reads)) {
            ReportClassifier classifier = new ReportClassifier(loop.rawReports(), loop.runs(), loop.scenarios(),
                    loop.deliveries(), loop.queue(), FailureClassifier.standard(), Reports.standard(),
                    LoopFixture.PREFIX, loop.health(), HealthSettings.defaults(), loop.clock);
            DynamoRecommendationBook book = new DynamoRecommendationBook(loop.dynamoDb, loop.settings);
            DailyRollup rollup = new DailyRollup(loop.runs(), loop.scenarios(), loop.health(),
                    new DynamoMetricsStore(loop.dynamoDb, loop.settings),
                    new DynamoFiguresStore(loop.dynamoDb, loop.settings), new BookRecords(book, loop.scenarios()),
                    HealthSettings.defaults(), loop.clock);
            NightlyRollup nightly = new NightlyRollup(rollup, new RecommendationLoop(book, new Recommender(),
                    FixWatch.defaults()), new StoredHistory(loop.runs(), loop.scenarios(), 500), loop.runs(),
                    loop.scenarios(), new DynamoRecommendationStore(loop.dynamoDb, loop.settings), loop.clock);
            LocalDate last = LocalDate.parse("2026-06-30");
            LocalDate firstDay = last.minusDays(days - 1L);
            for (LocalDate day = firstDay; !day.isAfter(last); day = day.plusDays(1)) {
                for (int run = 0; run < runsPerDay; run++) {
                    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(2L + 3L * run));
                    loop.clock.set(at.plus(Duration.ofMinutes(20)));
                    classify(loop, classifier, day + "-" + run, at, tests, day.toEpochDay() * 31 + run);
                }
                loop.drainQueue();
                // each night as the schedule runs it, at 01:00 UTC: the series and the previous row build up
                loop.clock.set(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
                reads.counting.set(day.equals(last));
                nightly.run(day);
                reads.counting.set(false);
            }
            return new double[] {reads.requests.get(), reads.units()};
        }
    }

    /**
     * One run's report: every test passes but for a few chosen by {@code seed}; one in five failures carries a new
     * message (a new scenario), the others repeat known ones.
     */
    private static void classify(LoopFixture loop, ReportClassifier classifier, String runId, Instant at, int tests,
                                 long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        for (int t = 0; t < tests; t++) {
            if (random.nextInt(10) == 0) {
                failures++;
                String selector = random.nextInt(5) == 0 ? "#new-" + seed : "#known-" + (t % 3);
                cases.append("<testcase classname=\"e2e.Checkout\" name=\"step").append(t)
                        .append("\"><failure message=\"Unable to locate element: ").append(selector)
                        .append("\"/></testcase>\n");
            } else {
                cases.append("<testcase classname=\"e2e.Checkout\" name=\"step").append(t).append("\"/>\n");
            }
        }
        String report = "<testsuite name=\"s\" timestamp=\"" + at.toString().replace("Z", "") + "\" tests=\""
                + tests + "\" failures=\"" + failures + "\">\n" + cases + "</testsuite>\n";
        var stored = loop.rawReports().put(new ReportMetadata(new RunKey(PROJECT, runId, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
        classifier.classify(ReportRef.of(stored.key()));
    }

    /** Asks every read for its consumed capacity and sums it while counting. */
    private static final class ReadUnits implements ExecutionInterceptor {

        final AtomicBoolean counting = new AtomicBoolean();
        final AtomicLong requests = new AtomicLong();
        private final AtomicLong tenths = new AtomicLong();

        double units() {
            return tenths.get() / 10.0;
        }

        void reset() {
            requests.set(0);
            tenths.set(0);
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
            if (request instanceof QueryRequest q) {
                return q.toBuilder().returnConsumedCapacity(total).build();
            } else if (request instanceof GetItemRequest g) {
                return g.toBuilder().returnConsumedCapacity(total).build();
            } else if (request instanceof BatchGetItemRequest b) {
                return b.toBuilder().returnConsumedCapacity(total).build();
            } else if (request instanceof ScanRequest s) {
                return s.toBuilder().returnConsumedCapacity(total).build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (!counting.get()) {
                return;
            }
            SdkResponse response = context.response();
            double units = 0;
            boolean read = true;
            if (response instanceof QueryResponse q) {
                units = capacity(q.consumedCapacity());
            } else if (response instanceof GetItemResponse g) {
                units = capacity(g.consumedCapacity());
            } else if (response instanceof BatchGetItemResponse b) {
                units = b.consumedCapacity().stream().mapToDouble(RollupReadUnitsBenchmark.ReadUnits::capacity).sum();
            } else if (response instanceof ScanResponse s) {
                units = capacity(s.consumedCapacity());
            } else {
                read = false;
            }
            if (read) {
                requests.incrementAndGet();
                tenths.addAndGet(Math.round(units * 10));
            }
        }

        private static double capacity(ConsumedCapacity capacity) {
            return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
        }
    }
}
