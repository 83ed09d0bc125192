package dev.feedbackloop.rollup;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Assessment;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.JudgedRun;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.RunVerdict;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Computes each project's figures for one UTC day (its completely stored runs) and stores them: the counts
 * ({@link DailyMetrics}, plus their sum over all projects) and the nightly figures ({@link DailyFigures}: the
 * {@code feedback_loop_metrics} row, success metrics, quality analytics and early warnings, computed by
 * {@link NightlyFigures}).
 *
 * <p>Reads only what the day brought, each read bounded by the day or by what it touched, so that the cost is the
 * day's and not the history's: the project registry; the runs whose run time falls on the day, with their verdicts
 * (one Query on the runs index); each of those runs' results; the scenarios last seen since the day began; the day's
 * health timeline entries; the tests flaky or broken now (lists as long as those states are common, not as the
 * history is long); the rolling series of the day's tests and scenarios and of the project's runs (one item each);
 * the previous day's figures; and the recommendation stage's records of the day ({@link LoopRecords}).
 *
 * <p>First, each quarantine of the project that expired by now is written into its test's timeline
 * ({@link QuarantineExpiry}: the quarantine list, then each expired test), so that the day's changes count it.
 *
 * <p>Recomputing a day replaces its figures, so a retried or repeated rollup is harmless, and a late report is
 * counted by rolling its day up again. The series are written before the row: a rollup stopped half-way is
 * completed by running it again.
 */
public final class DailyRollup {

    private static final System.Logger LOG = System.getLogger(DailyRollup.class.getName());
    private static final int PAGE = 100;

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final HealthStore health;
    private final MetricsStore metrics;
    private final FiguresStore figures;
    private final LoopRecords loop;
    private final HealthSettings settings;
    private final NightlyFigures nightly;
    private final FailureClassifier assertions = FailureClassifier.standard();
    private final Clock clock;
    private final QuarantineExpiry expiry;

    /** One project's day as stored: its counts and its figures. */
    public record Rolled(DailyMetrics counts, DailyFigures figures) {
        public Rolled {
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(figures, "figures");
        }
    }

    public DailyRollup(RunStore runs, ScenarioStore scenarios, HealthStore health, MetricsStore metrics,
                       FiguresStore figures, LoopRecords loop, HealthSettings settings, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.health = Objects.requireNonNull(health, "health");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.figures = Objects.requireNonNull(figures, "figures");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nightly = new NightlyFigures(settings);
        this.expiry = new QuarantineExpiry(health, new HealthJudge(settings));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The UTC day before now: what the nightly schedule rolls up. */
    public LocalDate previousDay() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    }

    /** Rolls up the UTC day before now: what the nightly schedule runs. */
    public List<DailyMetrics> rollUpPreviousDay() {
        return rollUp(previousDay());
    }

    /**
     * Computes and stores every project's figures for {@code day}, and the sum of their counts under
     * {@link DailyMetrics#ALL_PROJECTS}.
     *
     * @return the stored counts, the sum last
     * @throws dev.feedbackloop.store.StoreException when the store fails (rerun: it is idempotent)
     */
    public List<DailyMetrics> rollUp(LocalDate day) {
        Instant now = clock.instant();
        List<DailyMetrics> stored = new ArrayList<>();
        DailyMetrics[] total = {DailyMetrics.empty(DailyMetrics.ALL_PROJECTS, day, now)};
        forEach(cursor -> runs.listProjects(PAGE, cursor), project -> {
            DailyMetrics counts = project(project, day, now).counts();
            stored.add(counts);
            total[0] = total[0].plus(counts, DailyMetrics.ALL_PROJECTS);
        });
        metrics.put(total[0]);
        stored.add(total[0]);
        LOG.log(System.Logger.Level.INFO, "rolled up {0}: {1} projects, {2} runs, {3} tests", day,
                stored.size() - 1, total[0].runs(), total[0].tests());
        return stored;
    }

    /**
     * Computes and stores one project's figures for {@code day} only (what {@code feedback rollup --project} runs);
     * the sum over all projects is left as it was.
     *
     * @throws IllegalArgumentException when the project never recorded a run
     */
    public Rolled rollUp(String project, LocalDate day) {
        requireKnown(project);
        return project(project, day, clock.instant());
    }

    /** @throws IllegalArgumentException when the project never recorded a run */
    public void requireKnown(String project) {
        boolean[] known = {false};
        forEachUntil(cursor -> runs.listProjects(PAGE, cursor), name -> known[0],
                name -> known[0] |= name.equals(project));
        if (!known[0]) {
            throw new IllegalArgumentException("project '" + project + "' has no recorded runs");
        }
    }

    private Rolled project(String project, LocalDate day, Instant now) {
        // Before the day's changes are read, so that a quarantine that expired on the day is among them.
        expiry.expire(project, now);
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Day read = new Day();
        forEach(cursor -> health.judgedRunsBetween(project, from, to, PAGE, cursor), judged -> {
            // A run still ingesting (its report failed half-way and awaits a retry) has no counts yet.
            if (judged.run().state() == RunState.COMPLETE) {
                read.add(judged, this::results);
            }
        });
        long[] created = {0};
        forEach(cursor -> scenarios.seenSince(project, from, PAGE, cursor), s -> {
            if (!s.firstSeen().isBefore(from) && s.firstSeen().isBefore(to)) {
                created[0]++;
            }
        });
        DailyMetrics counts = new DailyMetrics(project, day, read.counts[0], read.counts[1], read.counts[2],
                read.counts[3], read.counts[4], read.counts[5], read.counts[6], read.byCategory, created[0], now);

        List<StateChange> changes = health.changesOn(project, day).stream().map(TimelineEntry::change).toList();
        List<StoredHealth> flaky = health.withVerdict(project, HealthState.FLAKY);
        List<StoredHealth> broken = health.withVerdict(project, HealthState.BROKEN);
        Optional<DailyFigures> previous = figures.find(project, day.minusDays(1));
        StateCounts before = previous.map(p -> p.metrics().tests())
                .orElseGet(() -> recount(project, flaky.size(), broken.size(), changes, now));
        LoopDay loopDay = loop.of(project, day);
        DayActivity activity = new DayActivity(project, day, now, read.runsOfDay, read.failures,
                read.tests(), changes, before, flaky.stream().map(this::flakyCause).toList(),
                broken.stream().map(h -> h.health().test()).collect(java.util.stream.Collectors.toSet()),
                figures.trends(project, read.subjects()), figures.projectRuns(project),
                new LoopWork(read.analyses, read.analysisMillis, loopDay.recommendations(),
                        loopDay.fixImplementationTimes()), previous.map(DailyFigures::metrics));
        NightlyReport report = nightly.compute(activity);
        figures.putTrends(project, report.trends());
        figures.putProjectRuns(project, report.projectRuns());
        DailyFigures stored = new DailyFigures(report.metrics(), SuccessMetrics.of(loopDay.judgements()),
                report.quality(), report.warnings());
        figures.put(stored);
        metrics.put(counts);
        return new Rolled(counts, stored);
    }

    /** What the day's runs brought, gathered run by run. */
    private final class Day {
        final long[] counts = new long[7]; // runs, tests, passed, failed, errored, skipped, flaky
        final Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        final List<RunOfDay> runsOfDay = new ArrayList<>();
        final List<FailureOfDay> failures = new ArrayList<>();
        final Map<TestId, TestOfDay> testsOfDay = new LinkedHashMap<>();
        long analyses;
        long analysisMillis;

        void add(JudgedRun judged, Function<RunKey, List<ResultRecord>> results) {
            RunCounts c = judged.run().counts();
            long[] add = {1, c.tests(), c.passed(), c.failed(), c.errored(), c.skipped(), c.flaky()};
            for (int i = 0; i < add.length; i++) {
                counts[i] += add[i];
            }
            RunKey key = judged.run().key();
            boolean outage = judged.verdict().map(RunVerdict::outage).orElse(false);
            judged.verdict().ifPresent(v -> {
                analyses += v.reports();
                analysisMillis += v.analysisMillis();
            });
            long ran = 0;
            long red = 0;
            for (ResultRecord result : results.apply(key)) {
                TestStatus status = result.result().status();
                if (status == TestStatus.SKIPPED) {
                    continue;
                }
                boolean failed = status == TestStatus.FAILED || status == TestStatus.ERROR;
                ran++;
                if (failed) {
                    red++;
                    byCategory.merge(result.category().orElse(Category.UNKNOWN), 1L, Long::sum);
                    failures.add(failure(result, key, outage));
                }
                if (!outage) {
                    count(result, failed);
                }
            }
            runsOfDay.add(new RunOfDay(key, ran, red, outage));
        }

        private void count(ResultRecord result, boolean failed) {
            TestCase test = result.result().test();
            DayCount one = new DayCount(1, failed ? 1 : 0);
            testsOfDay.merge(result.testId(), new TestOfDay(result.testId(), label(test), one, test.testType(),
                    test.promptVersion(), test.modelUsed()), (a, b) -> new TestOfDay(a.test(), a.label(),
                    a.count().plus(b.count()), a.testType(), a.promptVersion(), a.modelUsed()));
        }

        private FailureOfDay failure(ResultRecord result, RunKey run, boolean outage) {
            TestCase test = result.result().test();
            // Outage failures are counted, not analysed: no need to look for their assertion.
            Optional<String> assertion = outage ? Optional.empty() : assertions
                    .classifyLastFailure(result.result()).flatMap(f -> f.classification().assertionMethod());
            return new FailureOfDay(result.testId(), run, outage, result.category(), result.fingerprint(),
                    test.testType(), test.promptVersion(), test.modelUsed(), assertion,
                    TestArea.of(test.suite(), test.file()));
        }

        List<TestOfDay> tests() {
            return List.copyOf(testsOfDay.values());
        }

        /** The day's tests and the scenarios of its failures outside outage runs: whose series are read. */
        Set<TrendSubject> subjects() {
            Set<TrendSubject> subjects = new LinkedHashSet<>();
            testsOfDay.values().forEach(t -> subjects.add(new TrendSubject(TrendSubject.Kind.TEST, t.test().value(),
                    t.label())));
            failures.stream().filter(f -> !f.outage()).flatMap(f -> f.scenario().stream()).map(Fingerprint::value)
                    .distinct().forEach(s -> subjects.add(new TrendSubject(TrendSubject.Kind.SCENARIO, s, s)));
            return subjects;
        }
    }

    private List<ResultRecord> results(RunKey run) {
        List<ResultRecord> all = new ArrayList<>();
        forEach(cursor -> runs.results(run, PAGE, cursor), all::add);
        return all;
    }

    private FlakyCause flakyCause(StoredHealth stored) {
        return new FlakyCause(stored.health().test(),
                Assessment.of(stored.health(), settings).rootCauses().dominant(),
                stored.label().flatMap(l -> TestArea.of(l.suite(), l.file())));
    }

    /**
     * The counts at the start of the day when the previous day was never rolled up: the tests in each state now,
     * with the day's changes undone. Exact when nothing changed since the day ended (the nightly run); a rollup of
     * an older day without its previous row counts from today's lists.
     */
    private StateCounts recount(String project, long flaky, long broken, List<StateChange> changes, Instant now) {
        long fixed = health.countWithVerdict(project, HealthState.FIXED);
        long quarantined = health.quarantined(project).stream().filter(t -> t.quarantineAt(now).isPresent()).count();
        List<StateChange> undo = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            StateChange c = changes.get(i);
            undo.add(new StateChange(c.project(), c.test(), c.at(), c.to(), c.from(), c.reason(), List.of(),
                    c.cause(), c.actor()));
        }
        return new StateCounts(flaky, broken, fixed, quarantined).after(undo);
    }

    private static String label(TestCase test) {
        return test.suite() == null || test.suite().isBlank() ? test.name() : test.suite() + " > " + test.name();
    }

    private static <T> void forEach(Function<Optional<String>, Page<T>> pages, Consumer<T> action) {
        forEachUntil(pages, item -> false, action);
    }

    /** Every item of a paged listing, in order, until one meets {@code stop} (which is not handed on). */
    private static <T> void forEachUntil(Function<Optional<String>, Page<T>> pages,
                                         java.util.function.Predicate<T> stop, Consumer<T> action) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = pages.apply(cursor);
            for (T item : page.items()) {
                if (stop.test(item)) {
                    return;
                }
                action.accept(item);
            }
            cursor = page.next();
        } while (cursor.isPresent());
    }
}
