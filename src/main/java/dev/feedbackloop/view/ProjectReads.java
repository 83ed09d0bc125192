package dev.feedbackloop.view;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.history.ProjectHistory;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixAnalysisStore;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.FiguresStore;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunAttachments;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read queries every view is built on, from the storage ports alone: each listing is one page of a store query
 * (nothing is scanned), each page's size is bounded, and cursors are {@link PageCursor}s bound to the project and
 * listing. The stores of later stages (metrics, recommendations) are optional: a view shows them when present.
 */
public final class ProjectReads {

    /** Tests and runs listed per scenario in a listing; a scenario read alone lists more. */
    static final int TESTS_LISTED = 5;
    static final int RUNS_LISTED = 5;
    static final int TESTS_DETAILED = 100;
    static final int RUNS_DETAILED = 20;
    private static final int FLAKY_PAGE = 500;

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final ProjectHistory history;
    private final Optional<MetricsStore> metrics;
    private final Optional<RecommendationStore> recommendations;
    private final Clock clock;
    private final Optional<HealthStore> health;
    private final HealthJudge judge;
    private final Optional<RecommendationBook> book;
    private final Optional<FiguresStore> figures;
    private final Optional<FixAnalysisStore> analyses;
    private final Optional<RunAttachments> attachments;

    public ProjectReads(RunStore runs, ScenarioStore scenarios, Optional<MetricsStore> metrics,
                        Optional<RecommendationStore> recommendations, Clock clock) {
        this(runs, scenarios, metrics, recommendations, clock, Optional.empty(),
                new HealthJudge(HealthSettings.defaults()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private ProjectReads(RunStore runs, ScenarioStore scenarios, Optional<MetricsStore> metrics,
                         Optional<RecommendationStore> recommendations, Clock clock, Optional<HealthStore> health,
                         HealthJudge judge, Optional<RecommendationBook> book, Optional<FiguresStore> figures,
                         Optional<FixAnalysisStore> analyses, Optional<RunAttachments> attachments) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.history = new ProjectHistory(runs, scenarios);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.health = Objects.requireNonNull(health, "health");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.book = Objects.requireNonNull(book, "book");
        this.figures = Objects.requireNonNull(figures, "figures");
        this.analyses = Objects.requireNonNull(analyses, "analyses");
        this.attachments = Objects.requireNonNull(attachments, "attachments");
    }

    /** These reads with tests' health, judged by {@code settings}. */
    public ProjectReads withHealth(HealthStore store, HealthSettings settings) {
        return new ProjectReads(runs, scenarios, metrics, recommendations, clock, Optional.of(store),
                new HealthJudge(settings), book, figures, analyses, attachments);
    }

    /** These reads with the recommendations people triage. */
    public ProjectReads withRecommendations(RecommendationBook recommendationBook) {
        return new ProjectReads(runs, scenarios, metrics, recommendations, clock, health, judge,
                Optional.of(recommendationBook), figures, analyses, attachments);
    }

    /** These reads with the nightly figures beside each day's metrics. */
    public ProjectReads withFigures(FiguresStore store) {
        return new ProjectReads(runs, scenarios, metrics, recommendations, clock, health, judge, book,
                Optional.of(store), analyses, attachments);
    }

    /** These reads with the fix analyses (model calls and their results) beside each scenario. */
    public ProjectReads withFixAnalyses(FixAnalysisStore store) {
        return new ProjectReads(runs, scenarios, metrics, recommendations, clock, health, judge, book, figures,
                Optional.of(store), attachments);
    }

    /** These reads with each run's screenshots and traces (the references only; the contents are not read). */
    public ProjectReads withAttachments(RunAttachments store) {
        return new ProjectReads(runs, scenarios, metrics, recommendations, clock, health, judge, book, figures,
                analyses, Optional.of(store));
    }

    /** The attachments {@code run} references (all of them stored); none where they are not served. */
    public List<StoredAttachment> attachments(RunKey run) {
        return attachments.map(a -> a.find(run)).orElse(List.of());
    }

    /**
     * The attachments stored for the scenario's newest run, of the scenario's tests listed in {@code details}: the
     * evidence of its latest occurrence. None where they are not served.
     */
    public List<StoredAttachment> attachments(ScenarioDetails details) {
        if (attachments.isEmpty() || details.runs().isEmpty()) {
            return List.of();
        }
        java.util.Set<TestId> tests = details.tests().stream().map(t -> t.link().test())
                .collect(java.util.stream.Collectors.toSet());
        return attachments(details.runs().get(0).link().run()).stream().filter(a -> tests.contains(a.test()))
                .toList();
    }

    /** The scenario's fix analyses, newest claim first, at most {@code limit}; none where they are not served. */
    public List<FixAnalysis> analyses(String project, Fingerprint fingerprint, int limit) {
        return limit == 0 ? List.of() : analyses.map(a -> a.ofScenario(new ScenarioKey(project, fingerprint), limit))
                .orElse(List.of());
    }

    /** The nightly figures of the last {@code days} UTC days up to today, by day; none where none are stored. */
    public Map<LocalDate, DailyFigures> figures(String project, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<LocalDate, DailyFigures> byDay = new HashMap<>();
        figures.ifPresent(f -> f.range(project, today.minusDays(days - 1L), today)
                .forEach(d -> byDay.put(d.metrics().day(), d)));
        return byDay;
    }

    /** The clock the reads judge "now" by (a quarantine's expiry, the metrics' last day). */
    public Instant now() {
        return clock.instant();
    }

    /** What scores each test's health. */
    public HealthJudge judge() {
        return judge;
    }

    /** A page of the project's tests' health, by test id. */
    public Page<StoredHealth> tests(String project, int limit, Optional<String> cursor) {
        Page<StoredHealth> page = healthStore().tests(project, Page.requireLimit(limit),
                PageCursor.storeCursor(cursor, project, "tests"));
        return new Page<>(page.items(), page.next().map(next -> new PageCursor(project, "tests", next).encoded()));
    }

    /** One test's health timeline, oldest first; empty when the test has none. */
    public List<TimelineEntry> timeline(String project, TestId test) {
        return healthStore().timeline(project, test);
    }

    /** The tests quarantined now, by id. */
    public List<TestEntry> quarantine(String project) {
        return QuarantineList.inForce(healthStore().quarantined(project), clock.instant());
    }

    /** The project's daily metrics of the last {@code days} UTC days up to today, newest first. */
    public List<DailyMetrics> metrics(String project, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return metrics.orElseThrow(() -> unavailable("daily metrics")).range(project, today.minusDays(days - 1L),
                today);
    }

    /** The project's recommendations in {@code statuses}, highest priority first. */
    public List<Recommendation> recommendations(String project, List<RecommendationStatus> statuses, int limit) {
        return loop().list(project, statuses, Page.requireLimit(limit));
    }

    /** One recommendation by id or a prefix of 6 or more hex digits, when exactly one matches. */
    public Optional<Recommendation> recommendation(String project, String idPrefix) {
        List<Recommendation> matches = loop().list(project, List.of(RecommendationStatus.values()),
                Integer.MAX_VALUE).stream().filter(r -> r.id().startsWith(idPrefix)).toList();
        if (matches.size() > 1) {
            throw new IllegalArgumentException("id " + idPrefix + " names " + matches.size()
                    + " recommendations; give more digits");
        }
        return matches.stream().findFirst();
    }

    /** What a coding agent is told to do for {@code recommendation} (redacted). */
    public String agentPrompt(String project, Recommendation recommendation) {
        var scenario = recommendation.scenario().flatMap(f -> scenarios.find(new ScenarioKey(project, f)));
        return new IssueReport(Redactor.standard()).agentPrompt(recommendation, scenario, loop().memory(project));
    }

    /** The issue report (GitHub Markdown) of {@code recommendation}, redacted. */
    public String issueReport(String project, Recommendation recommendation) {
        var scenario = recommendation.scenario().flatMap(f -> scenarios.find(new ScenarioKey(project, f)));
        return new IssueReport(Redactor.standard()).markdown(recommendation, scenario, loop().memory(project));
    }

    /** Whether recommendations are served here. */
    public boolean servesRecommendations() {
        return book.isPresent();
    }

    private RecommendationLoop loop() {
        return new RecommendationLoop(book.orElseThrow(() -> unavailable("recommendations")), new Recommender(),
                FixWatch.defaults());
    }

    private HealthStore healthStore() {
        return health.orElseThrow(() -> unavailable("tests' health"));
    }

    private static ReadProblem unavailable(String what) {
        return ReadProblem.notFound("this server does not serve " + what);
    }

    /** A page of the project's scenarios, most occurrences first, each with a few tests and runs. */
    public Page<ScenarioDetails> scenarios(String project, int limit, Optional<String> cursor) {
        return scenarios(project, limit, cursor, TESTS_LISTED, RUNS_LISTED);
    }

    /**
     * A page of the project's scenarios, most occurrences first, each with up to {@code testsListed} tests and
     * {@code runsListed} runs.
     */
    public Page<ScenarioDetails> scenarios(String project, int limit, Optional<String> cursor, int testsListed,
                                           int runsListed) {
        Page<Scenario> page = scenarios.mostFrequent(project, Page.requireLimit(limit),
                PageCursor.storeCursor(cursor, project, "scenarios"));
        Optional<Instant> latestRun = history.latestRunTime(project);
        return new Page<>(history.details(page.items(), latestRun, testsListed, runsListed),
                page.next().map(next -> new PageCursor(project, "scenarios", next).encoded()));
    }

    /** One scenario with more of its tests and runs. */
    public Optional<ScenarioDetails> scenario(String project, Fingerprint fingerprint) {
        return scenarios.find(new ScenarioKey(project, fingerprint)).map(s -> history.details(s,
                history.latestRunTime(project), TESTS_DETAILED, RUNS_DETAILED));
    }

    /** A page of the project's runs, newest first. */
    public Page<StoredRun> runs(String project, int limit, Optional<String> cursor) {
        Page<StoredRun> page = runs.listRuns(project, Page.requireLimit(limit),
                PageCursor.storeCursor(cursor, project, "runs"));
        return new Page<>(page.items(), page.next().map(next -> new PageCursor(project, "runs", next).encoded()));
    }

    /** A run (its latest attempt unless one is given) and what it changed since the run before it. */
    public Optional<RunChanges> run(String project, String runId, Optional<Integer> attempt) {
        return history.findRun(project, runId, attempt).map(history::changes);
    }

    /**
     * Everything a dashboard shows, in a bounded number of queries: one page of scenarios (each with its details),
     * one page of runs, the latest run's changes, the flaky results of the runs listed, and the later stages' data
     * when their stores are given.
     */
    public Dashboard dashboard(String project, int scenarioCount, int runCount) {
        Page<ScenarioDetails> top = scenarios(project, scenarioCount, Optional.empty());
        List<StoredRun> recent = runs.listRuns(project, Page.requireLimit(runCount), Optional.empty()).items();
        Optional<RunChanges> latest = recent.stream().findFirst().map(history::changes);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<DailyMetrics> days = metrics.map(m -> m.range(project, today.minusDays(29), today)).orElse(List.of());
        List<PendingRecommendation> pending = recommendations.map(r -> r.pending(project, 20, Optional.empty())
                .items()).orElse(List.of());
        List<StoredHealth> judged = new ArrayList<>();
        long judgedTotal = 0;
        if (health.isPresent()) {
            for (HealthState state : List.of(HealthState.BROKEN, HealthState.FLAKY)) {
                int room = HtmlDashboard.ROWS_LISTED - judged.size();
                List<StoredHealth> read = health.get().withVerdict(project, state, room);
                judged.addAll(read);
                // counted apart only when the page could not hold them all: the rest are never read
                judgedTotal += read.size() < room ? read.size() : health.get().countWithVerdict(project, state);
            }
        }
        List<Recommendation> fixes = book.isPresent() ? recommendations(project,
                List.of(RecommendationStatus.values()), DASHBOARD_FIXES) : List.of();
        Optional<DailyFigures> newest = figures(project, 2).entrySet().stream()
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue);
        return new Dashboard(project, now, top.items(), top.next().isPresent(), categories(top.items()), recent,
                latest, flaky(recent), days, pending, judged, fixes, newest, timelines(project, judged), judgedTotal,
                latest.map(changes -> attachments(changes.run().key())).orElse(List.of()));
    }

    /** Timeline entries a dashboard shows per test, newest first: the latest changes, not the whole history. */
    static final int TIMELINE_CHANGES = 5;

    /**
     * The newest {@link #TIMELINE_CHANGES} timeline entries of the tests a page shows open (the first
     * {@link HtmlDashboard#ROWS_SHOWN}): one Query each, so at most that many store calls per page view, whatever
     * the number of troubled tests or the length of their histories.
     */
    private Map<TestId, List<TimelineEntry>> timelines(String project, List<StoredHealth> judged) {
        Map<TestId, List<TimelineEntry>> timelines = new HashMap<>();
        health.ifPresent(store -> judged.stream().limit(HtmlDashboard.ROWS_SHOWN).map(h -> h.health().test())
                .forEach(test -> timelines.put(test, store.recentChanges(project, test, TIMELINE_CHANGES))));
        return timelines;
    }

    /** How many recommendations a dashboard lists (highest priority first; the rest are a command away). */
    private static final int DASHBOARD_FIXES = 50;

    private static List<CategoryShare> categories(List<ScenarioDetails> listed) {
        Map<Category, long[]> sums = new EnumMap<>(Category.class);
        for (ScenarioDetails details : listed) {
            long[] sum = sums.computeIfAbsent(details.scenario().category(), c -> new long[2]);
            sum[0]++;
            sum[1] += details.scenario().occurrences();
        }
        return sums.entrySet().stream().map(e -> new CategoryShare(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(CategoryShare::occurrences).reversed()
                        .thenComparing(CategoryShare::category))
                .toList();
    }

    /** Tests flaky in {@code recent} (newest first), most often first; reads each run's flaky index. */
    private List<FlakyTest> flaky(List<StoredRun> recent) {
        Map<TestId, FlakyTest> seen = new HashMap<>();
        for (StoredRun run : recent) {
            Optional<String> cursor = Optional.empty();
            do {
                Page<ResultRecord> page = runs.flakyResults(run.key(), FLAKY_PAGE, cursor);
                for (ResultRecord record : page.items()) {
                    seen.merge(record.testId(), new FlakyTest(record.testId(), record.result().test(), 1,
                            recent.size(), run.runTime()), (a, b) -> new FlakyTest(a.test(), a.testCase(),
                            a.flakyRuns() + 1, a.runsLooked(), a.lastFlaky()));
                }
                cursor = page.next();
            } while (cursor.isPresent());
        }
        List<FlakyTest> sorted = new ArrayList<>(seen.values());
        sorted.sort(Comparator.comparingInt(FlakyTest::flakyRuns).reversed()
                .thenComparing(FlakyTest::lastFlaky, Comparator.reverseOrder())
                .thenComparing(f -> f.testCase().name()));
        return sorted;
    }
}
