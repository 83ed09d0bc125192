package dev.feedbackloop.bench;

import dev.feedbackloop.adapter.dynamodb.RequestCounter;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.rollup.FiguresStore;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.testing.Samples;
import dev.feedbackloop.view.Dashboard;
import dev.feedbackloop.view.HtmlDashboard;
import dev.feedbackloop.view.ProjectReads;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard's size and time ({@code feedback report}, {@code GET /projects/P/dashboard}): reads a project from an
 * embedded store as {@code ReportCommand} does ({@link ProjectReads#dashboard}, 50 scenarios, 30 runs), renders it
 * ({@link HtmlDashboard}), and prints the HTML's size, each step's time and the store calls one page view makes. A
 * page view is one request to the read API: the page has no script and a Content-Security-Policy of
 * {@code default-src 'none'}, so a browser asks for nothing more.
 *
 * <pre>
 *   ./feedback analyze --data /tmp/demo                       # the demo history (project demo)
 *   ./bench.sh DashboardBenchmark --data /tmp/demo --project demo
 *   ./bench.sh DashboardBenchmark --generate --data /tmp/big --tests 10000 --runs 100   # build it first, then measure
 * </pre>
 *
 * {@code --generate} writes a history into a new store through the storage ports (not the ingest pipeline, which
 * would take hours at this size): every run holds a result for every test; about {@code --failing} of the tests
 * fail in each run (default 0.02), across 200 scenarios, and 1% pass on a retry; the latest run is a bad deploy
 * where {@code --latest-failing} of them fail (default 0.3), the worst case for the "what the latest run changed"
 * tables. Seeded, so two runs build the same history. DynamoDB Local writes some hundred results a second on a
 * shared machine, so only the last {@code --full-runs} runs (default 2) store their passing results; the others store
 * their failing and flaky ones and count the rest. The dashboard reads no passing result of a run older than the one
 * before the latest (it compares the latest run with that one; the rest it reads by counts, flaky index and scenario
 * links), so its page and its queries are those of the full history.
 */
public final class DashboardBenchmark {

    private static final int SCENARIOS = 200;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--generate")) {
                options.put("generate", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " (--data DIR [--project P]"
                        + " [--generate --tests N --runs N --failing SHARE --latest-failing SHARE --full-runs N] [--repeat N]"
                        + " [--single-lookups true])");
            }
        }
        Path data = Path.of(options.getOrDefault("data", "/tmp/feedback-dashboard-bench"));
        String project = options.getOrDefault("project", options.containsKey("generate") ? "big" : "demo");
        if (options.containsKey("generate")) {
            generate(data, project, Integer.parseInt(options.getOrDefault("tests", "10000")),
                    Integer.parseInt(options.getOrDefault("runs", "100")),
                    Double.parseDouble(options.getOrDefault("failing", "0.02")),
                    Double.parseDouble(options.getOrDefault("latest-failing", "0.3")),
                    Integer.parseInt(options.getOrDefault("full-runs", "2")));
        }
        measure(data, project, Integer.parseInt(options.getOrDefault("repeat", "5")),
                Boolean.parseBoolean(options.getOrDefault("single-lookups", "false")));
    }

    /**
     * @param singleLookups read a page's runs and test names one lookup each (the stores' batched reads replaced by
     *                      their ports' one-by-one defaults), as the dashboard did before it batched them
     */
    private static void measure(Path data, String project, int repeat, boolean singleLookups) throws Exception {
        RequestCounter requests = new RequestCounter();
        try (LocalStore local = LocalStore.open(data, Clock.systemUTC(), List.of(requests))) {
            Map<String, AtomicLong> calls = new TreeMap<>();
            // Every store LocalStore.projectReads gives feedback report, each call counted.
            ProjectReads reads = new ProjectReads(singleLookups ? oneByOne(local.runs(), calls)
                    : counted(RunStore.class, local.runs(), calls),
                    counted(ScenarioStore.class, local.scenarios(), calls),
                    Optional.of(counted(MetricsStore.class, local.metrics(), calls)),
                    Optional.of(counted(RecommendationStore.class, local.recommendations(), calls)),
                    Clock.systemUTC())
                    .withHealth(counted(HealthStore.class, local.health(), calls), HealthSettings.defaults())
                    .withRecommendations(counted(RecommendationBook.class, local.recommendationBook(), calls))
                    .withFigures(counted(FiguresStore.class, local.figures(), calls));
            List<Long> readMillis = new ArrayList<>();
            List<Long> renderMillis = new ArrayList<>();
            String html = "";
            Dashboard dashboard = null;
            for (int i = 0; i < repeat; i++) {
                calls.clear();
                requests.reset();
                long began = System.nanoTime();
                dashboard = reads.dashboard(project, 50, 30);
                long read = System.nanoTime();
                html = HtmlDashboard.render(dashboard);
                long rendered = System.nanoTime();
                readMillis.add((read - began) / 1_000_000);
                renderMillis.add((rendered - read) / 1_000_000);
            }
            Path out = Files.createTempFile("dashboard-" + project + "-", ".html");
            Files.writeString(out, html);
            long total = calls.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.printf(Locale.ROOT, "project %s in %s: %d runs listed, %d scenarios, %d flaky tests, %d"
                            + " broken or flaky by health (%d timelines read), %d recommendations, figures %s, latest"
                            + " run changes %s%n", project, data, dashboard.recentRuns().size(),
                    dashboard.scenarios().size(), dashboard.flaky().size(), dashboard.health().size(),
                    dashboard.timelines().size(), dashboard.fixes().size(),
                    dashboard.figures().map(f -> f.metrics().day().toString()).orElse("none"),
                    dashboard.latestChanges().map(c -> c.newFailures().size() + " new, " + c.stillFailing().size()
                            + " still failing, " + c.fixed().size() + " fixed").orElse("none"));
            System.out.printf(Locale.ROOT, "html: %,d bytes (%d KB), written to %s%n",
                    html.getBytes(StandardCharsets.UTF_8).length, (html.getBytes(StandardCharsets.UTF_8).length + 1023)
                            / 1024, out);
            System.out.printf(Locale.ROOT, "read (store queries): first %d ms, median %d ms; render: first %d ms,"
                    + " median %d ms (%d repeats); load average %.2f%n", readMillis.get(0), median(readMillis),
                    renderMillis.get(0), median(renderMillis), repeat,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "one page view: 1 read API request (GET /projects/%s/dashboard), %d store"
                    + " calls%s: %s%n", project, total, singleLookups ? " (runs and test names one lookup each)" : "",
                    calls);
            System.out.printf(Locale.ROOT, "DynamoDB requests of one page view: %d: %s%n", requests.totalCalls(),
                    new TreeMap<>(requests.calls()));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * {@code target} behind its port, counting each call, with its batched lookups ({@code findRuns},
     * {@code latestTestCases}) answered by the port's defaults: one {@code findRun} or {@code latestTestCase} each.
     */
    private static RunStore oneByOne(RunStore target, Map<String, AtomicLong> calls) {
        RunStore counted = counted(RunStore.class, target, calls);
        return (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class},
                (proxy, method, args) -> {
                    if (method.isDefault() && (method.getName().equals("findRuns")
                            || method.getName().equals("latestTestCases"))) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    try {
                        return method.invoke(counted, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code target} behind its port, counting each call by method. */
    @SuppressWarnings("unchecked")
    private static <T> T counted(Class<T> port, T target, Map<String, AtomicLong> calls) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            calls.computeIfAbsent(port.getSimpleName() + "." + method.getName(), m -> new AtomicLong())
                    .incrementAndGet();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static void generate(Path data, String project, int tests, int runs, double failing,
                                 double latestFailing, int fullRuns) {
        long began = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        HealthJudge judge = new HealthJudge(HealthSettings.defaults());
        Map<TestId, Judged> judged = new LinkedHashMap<>();
        try (LocalLoop loop = LocalLoop.start(Optional.of(data), Clock.systemUTC())) {
            RunStore runStore = loop.wiring().runs();
            ScenarioStore scenarioStore = loop.wiring().scenarios();
            for (int r = 1; r <= runs; r++) {
                double share = r == runs ? latestFailing : failing;
                Instant at = START.plus(Duration.ofHours(6L * r));
                Run sample = Samples.run(project, "run-" + r, at);
                StoredRun stored = runStore.putRun(sample, at);
                List<ResultRecord> results = new ArrayList<>(tests);
                Map<Fingerprint, List<TestId>> failingByScenario = new LinkedHashMap<>();
                RunCounts counts = RunCounts.zero();
                for (int t = 0; t < tests; t++) {
                    double draw = random.nextDouble();
                    String name = "area " + (t % 97) + " › test " + t;
                    ResultRecord result;
                    if (draw < share) {
                        Fingerprint fingerprint = Samples.fingerprint(1 + t % SCENARIOS);
                        result = Samples.failed(project, name, fingerprint, "locator('#pay-" + (t % SCENARIOS)
                                + "') resolved to 0 elements");
                        failingByScenario.computeIfAbsent(fingerprint, f -> new ArrayList<>()).add(result.testId());
                    } else if (draw < share + 0.01) {
                        result = Samples.flaky(project, name);
                    } else {
                        result = Samples.passed(project, name);
                    }
                    if (r > runs - fullRuns || draw < share + 0.01) {
                        results.add(result);
                    }
                    judge(judged, judge, result, stored, sample);
                    counts = counts.plus(result.result());
                }
                runStore.putResults(stored, results);
                runStore.completeRun(stored.key(), "report-" + r, counts);
                List<ScenarioObservation> observations = new ArrayList<>();
                failingByScenario.forEach((fingerprint, ids) -> observations.add(Samples.observation(fingerprint,
                        Category.values()[Math.floorMod(fingerprint.hashCode(), Category.values().length)],
                        ids.toArray(TestId[]::new))));
                scenarioStore.recordOccurrences(stored.key(), at, observations);
                if (r % 10 == 0 || r == runs) {
                    System.out.printf(Locale.ROOT, "generated %d of %d runs of %,d tests in %.0f s%n", r, runs,
                            tests, (System.nanoTime() - began) / 1e9);
                }
            }
            writeTroubled(loop.wiring().health(), project, judged);
            System.out.printf(Locale.ROOT, "generated the health of the broken and flaky tests in %.0f s%n",
                    (System.nanoTime() - began) / 1e9);
        }
    }

    /** A test's health as the judge leaves it, with the changes that led there. */
    private record Judged(TestHealth health, TestLabel label, List<StateChange> changes) {
    }

    /** {@code result}'s execution judged into the test's health, in memory (the whole history, every result). */
    private static void judge(Map<TestId, Judged> judged, HealthJudge judge, ResultRecord result, StoredRun run,
                              Run sample) {
        TestId test = result.testId();
        Judged before = judged.computeIfAbsent(test, t -> new Judged(TestHealth.unseen(run.key().project(), t),
                new TestLabel(result.result().test().suite(), result.result().test().name(),
                        result.result().test().file()), List.of()));
        Outcome outcome = Outcome.of(result.result().status());
        HealthUpdate update = judge.apply(before.health(), new Execution(test, run.key(), run.runTime(),
                sample.commitSha(), sample.branch(), outcome, Optional.empty(), Optional.empty(), false));
        if (!update.changed()) {
            return;
        }
        List<StateChange> changes = before.changes();
        if (!update.changes().isEmpty()) {
            changes = new ArrayList<>(changes);
            changes.addAll(update.changes());
        }
        judged.put(test, new Judged(update.health(), before.label(), changes));
    }

    /**
     * Writes the health of the tests the judge left broken or flaky (what the dashboard reads), each with its newest
     * timeline entries; the healthy ones are left out, as the page never reads them.
     */
    private static void writeTroubled(HealthStore store, String project, Map<TestId, Judged> judged) {
        List<HealthWrite> writes = new ArrayList<>();
        for (Judged j : judged.values()) {
            if (j.health().verdict().state().troubled()) {
                List<StateChange> changes = j.changes();
                writes.add(new HealthWrite(j.health(), 0, Optional.of(j.label()),
                        changes.subList(Math.max(0, changes.size() - 10), changes.size())));
            }
        }
        for (int from = 0; from < writes.size(); from += 25) {
            Set<TestId> again = store.write(project, writes.subList(from, Math.min(writes.size(), from + 25)));
            if (!again.isEmpty()) {
                throw new IllegalStateException("nothing else writes this history's health: " + again);
            }
        }
        System.out.printf(Locale.ROOT, "%,d tests broken or flaky by their health%n", writes.size());
    }
}
