package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Computes each project's metrics for one UTC day (its completely stored runs) and stores them, plus their sum over
 * all projects. Reads only by Query, each bounded by the day so that the cost is what the day brought, not what the
 * history holds: the project registry, each project's runs whose run time falls on the day (the runs index by
 * time), each of those runs' failing results, and the project's scenarios last seen since the day began (for a
 * recent day, the day's). Recomputing a day replaces its figures, so a retried or repeated rollup is harmless, and
 * a late report is counted by rolling its day up again.
 */
public final class DailyRollup {

    private static final System.Logger LOG = System.getLogger(DailyRollup.class.getName());
    private static final int PAGE = 100;

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final MetricsStore metrics;
    private final Clock clock;

    public DailyRollup(RunStore runs, ScenarioStore scenarios, MetricsStore metrics, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Rolls up the UTC day before now: what the nightly schedule runs. */
    public List<DailyMetrics> rollUpPreviousDay() {
        return rollUp(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
    }

    /**
     * Computes and stores every project's metrics for {@code day}, and their sum under
     * {@link DailyMetrics#ALL_PROJECTS}.
     *
     * @return the stored metrics, the sum last
     * @throws dev.feedbackloop.store.StoreException when the store fails (rerun: it is idempotent)
     */
    public List<DailyMetrics> rollUp(LocalDate day) {
        Instant now = clock.instant();
        List<DailyMetrics> stored = new ArrayList<>();
        DailyMetrics[] total = {DailyMetrics.empty(DailyMetrics.ALL_PROJECTS, day, now)};
        forEach(cursor -> runs.listProjects(PAGE, cursor), project -> {
            DailyMetrics figures = project(project, day, now);
            metrics.put(figures);
            stored.add(figures);
            total[0] = total[0].plus(figures, DailyMetrics.ALL_PROJECTS);
        });
        metrics.put(total[0]);
        stored.add(total[0]);
        LOG.log(System.Logger.Level.INFO, "rolled up {0}: {1} projects, {2} runs, {3} tests", day,
                stored.size() - 1, total[0].runs(), total[0].tests());
        return stored;
    }

    /**
     * Computes and stores one project's metrics for {@code day} only (what {@code feedback rollup --project} runs);
     * the sum over all projects is left as it was.
     *
     * @return the stored metrics
     * @throws IllegalArgumentException when the project never recorded a run
     */
    public DailyMetrics rollUp(String project, LocalDate day) {
        boolean[] known = {false};
        forEachUntil(cursor -> runs.listProjects(PAGE, cursor), name -> known[0],
                name -> known[0] |= name.equals(project));
        if (!known[0]) {
            throw new IllegalArgumentException("project '" + project + "' has no recorded runs");
        }
        DailyMetrics figures = project(project, day, clock.instant());
        metrics.put(figures);
        return figures;
    }

    private DailyMetrics project(String project, LocalDate day, Instant now) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long[] counts = new long[7]; // runs, tests, passed, failed, errored, skipped, flaky
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        forEach(cursor -> runs.runsBetween(project, from, to, PAGE, cursor), run -> {
            // A run still ingesting (its report failed half-way and awaits a retry) has no counts yet.
            if (run.state() == RunState.COMPLETE) {
                add(counts, run);
                forEach(cursor -> runs.failingResults(run.key(), PAGE, cursor),
                        result -> byCategory.merge(result.category().orElse(Category.UNKNOWN), 1L, Long::sum));
            }
        });
        long[] created = {0};
        forEach(cursor -> scenarios.seenSince(project, from, PAGE, cursor), s -> {
            if (!s.firstSeen().isBefore(from) && s.firstSeen().isBefore(to)) {
                created[0]++;
            }
        });
        return new DailyMetrics(project, day, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                counts[6], byCategory, created[0], now);
    }

    private static void add(long[] counts, StoredRun run) {
        counts[0]++;
        counts[1] += run.counts().tests();
        counts[2] += run.counts().passed();
        counts[3] += run.counts().failed();
        counts[4] += run.counts().errored();
        counts[5] += run.counts().skipped();
        counts[6] += run.counts().flaky();
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
