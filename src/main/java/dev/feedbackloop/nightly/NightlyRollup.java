package dev.feedbackloop.nightly;

import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.ScenarioFacts;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.rollup.DailyRollup;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The nightly job of every project, or of one: first the recommendation stage's nightly work (immediate fixes for
 * the scenarios seen since the rolled-up day began, strategic and architectural recommendations from the patterns
 * among them, implemented fixes judged from later runs), then {@link DailyRollup} of the day, which counts the
 * recommendation stage's records of that day.
 *
 * <p>Why the day's scenarios and not all of them: the nightly cost stays that of the day (the {@code
 * recommendations} command still refreshes from every scenario on demand). A pattern keeps being found while its
 * scenarios keep occurring, which is when it matters; a recommendation made before is not made again (its id is
 * the hash of its project, kind and direction), so refreshing is idempotent. Recommendations made tonight are
 * counted in tonight's day, on the next night.
 */
public final class NightlyRollup {

    private static final int PAGE = 100;

    private final DailyRollup rollup;
    private final RecommendationLoop loop;
    private final StoredHistory history;
    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final RecommendationStore proposals;
    private final Clock clock;

    /**
     * What the recommendation stage did for one project tonight.
     *
     * @param counted recommendations whose reproduction, validation or regression tests stored runs filled in
     */
    public record Recommended(int added, int known, int judged, int counted) {
    }

    /** One project's night: its recommendations, and its rolled-up day. */
    public record ProjectNight(Recommended recommended, DailyRollup.Rolled rolled) {
    }

    public NightlyRollup(DailyRollup rollup, RecommendationLoop loop, StoredHistory history, RunStore runs,
                         ScenarioStore scenarios, RecommendationStore proposals, Clock clock) {
        this.rollup = Objects.requireNonNull(rollup, "rollup");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.history = Objects.requireNonNull(history, "history");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The UTC day before now. */
    public LocalDate previousDay() {
        return rollup.previousDay();
    }

    /**
     * Every project's night for {@code day}: recommendations, then the rollup (and the sum of the counts).
     *
     * @return the stored counts, the sum over all projects last
     */
    public List<DailyMetrics> run(LocalDate day) {
        forEach(cursor -> runs.listProjects(PAGE, cursor), project -> recommend(project, day));
        return rollup.rollUp(day);
    }

    /**
     * One project's night for {@code day}.
     *
     * @throws IllegalArgumentException when the project never recorded a run
     */
    public ProjectNight run(String project, LocalDate day) {
        rollup.requireKnown(project);
        Recommended recommended = recommend(project, day);
        return new ProjectNight(recommended, rollup.rollUp(project, day));
    }

    /**
     * Refreshes the project's recommendations from the scenarios seen since {@code day} began, fills in their tests
     * from the day's stored runs ({@link RecommendationLoop#catchUpSince}, idempotent), and judges fixes.
     */
    public Recommended recommend(String project, LocalDate day) {
        Instant now = clock.instant();
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ScenarioFacts> facts = new ArrayList<>();
        forEach(cursor -> scenarios.seenSince(project, from, PAGE, cursor), scenario -> facts.add(facts(scenario)));
        RecommendationLoop.Refreshed refreshed = loop.refresh(project, facts, drafts(project), now);
        // the runs' test results reach the ledgers before judging: ingest observes each run as it is stored, but
        // a run stored before its recommendation was made (or whose observation failed) is counted only here; the
        // night reads the runs since the day began, so its cost follows the day, not the history
        RecommendationLoop.Observed observed = loop.catchUpSince(project, history, from);
        List<Recommendation> judged = loop.watch(project, history::outcomes, now);
        return new Recommended(refreshed.added(), refreshed.known(), judged.size(), observed.counted());
    }

    private ScenarioFacts facts(Scenario scenario) {
        Page<AffectedTest> tests = scenarios.affectedTests(scenario.key(), Recommendation.MAX_TESTS,
                Optional.empty());
        List<TestId> ids = tests.items().stream().map(AffectedTest::test).toList();
        return new ScenarioFacts(scenario, ids, Optional.empty());
    }

    /** Fixes the regenerate stage proposed and the recommendation stage has not turned into drafts yet. */
    private List<Recommender.Draft> drafts(String project) {
        List<Recommender.Draft> drafts = new ArrayList<>();
        forEach(cursor -> proposals.proposed(project, PAGE, cursor), p -> drafts.add(new Recommender.Draft(
                p.recommendation().request().scenario(), p.recommendation().recommendationId(), p.fix())));
        return drafts;
    }

    private static <T> void forEach(Function<Optional<String>, Page<T>> pages, Consumer<T> action) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = pages.apply(cursor);
            page.items().forEach(action);
            cursor = page.next();
        } while (cursor.isPresent());
    }
}
