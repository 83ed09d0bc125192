package dev.feedbackloop.recommend;

import static dev.feedbackloop.recommend.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.feedbackloop.rootcause.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixWatchTest {

    private static final Instant FIXED = T0.plus(Duration.ofDays(2));
    private final FixWatch watch = FixWatch.defaults();

    private static Recommendation implemented() {
        return new Recommender().immediateFix(Scenarios.facts(1, Category.TIMEOUT, 12, 3), Optional.empty(),
                        TriageMemory.empty(), T0)
                .orElseThrow().move(RecommendationStatus.ACCEPTED, "ana", T0, "")
                .implemented("ana", FIXED, Optional.of("0123abc"), "");
    }

    /** {@code pattern}: one letter per run, hourly, 'x' the scenario occurred, '.' clean; '|' the fix. */
    private static List<RunOutcome> runs(String pattern) {
        int fix = pattern.indexOf('|');
        String before = pattern.substring(0, fix);
        String after = pattern.substring(fix + 1);
        List<RunOutcome> runs = new ArrayList<>();
        for (int i = 0; i < before.length(); i++) {
            runs.add(new RunOutcome("b" + i, FIXED.minus(Duration.ofHours(before.length() - i)),
                    before.charAt(i) == 'x'));
        }
        for (int i = 0; i < after.length(); i++) {
            runs.add(new RunOutcome("a" + i, FIXED.plus(Duration.ofHours(i + 1)), after.charAt(i) == 'x'));
        }
        return runs;
    }

    @Test
    void tenCleanRunsVerifyTheFixWithItsEffectiveness() {
        Recommendation judged = watch.judge(implemented(), runs("x.x.x.x.xx|.........."), FIXED.plusSeconds(1))
                .orElseThrow();
        assertThat(judged.status()).isEqualTo(RecommendationStatus.VERIFIED);
        Effectiveness e = judged.effectiveness().orElseThrow();
        assertThat(e.runsCompared()).isEqualTo(10);
        assertThat(e.failureRateBefore()).isCloseTo(0.6, within(1e-9));
        assertThat(e.score()).isCloseTo(0.6, within(1e-9));
        assertThat(judged.history().get(judged.history().size() - 1).reason()).isEqualTo("10 clean runs of its tests"
                + " since it was implemented");
    }

    @Test
    void fewerCleanRunsKeepWatchingUntilThirtyQuietDays() {
        assertThat(watch.judge(implemented(), runs("xxx|.........."), FIXED.plusSeconds(1))).isPresent();
        assertThat(watch.judge(implemented(), runs("xxx|....."), FIXED.plus(Duration.ofDays(29)))).isEmpty();
        Recommendation quiet = watch.judge(implemented(), runs("xxx|....."), FIXED.plus(Duration.ofDays(30)))
                .orElseThrow();
        assertThat(quiet.status()).isEqualTo(RecommendationStatus.VERIFIED);
        assertThat(quiet.effectiveness().orElseThrow().runsCompared()).isEqualTo(3);
        // no run at all since: no evidence, still watching
        assertThat(watch.judge(implemented(), runs("xxx|"), FIXED.plus(Duration.ofDays(60)))).isEmpty();
    }

    @Test
    void aRecurrenceMakesItIneffective() {
        Recommendation judged = watch.judge(implemented(), runs("x.x.|..x......."), FIXED.plusSeconds(1))
                .orElseThrow();
        assertThat(judged.status()).isEqualTo(RecommendationStatus.INEFFECTIVE);
        Effectiveness e = judged.effectiveness().orElseThrow();
        assertThat(e.runsCompared()).isEqualTo(3);
        // before: last 3 of x.x. = .x. (1/3); after: ..x (1/3)
        assertThat(e.score()).isCloseTo(0.0, within(1e-9));
        assertThat(judged.history().get(judged.history().size() - 1).reason()).isEqualTo("recurred in run a2 after 2"
                + " clean runs");
    }

    @Test
    void onlyImplementedRecommendationsAreJudged() {
        Recommendation draft = new Recommender().immediateFix(Scenarios.facts(1, Category.TIMEOUT, 12, 3),
                Optional.empty(), TriageMemory.empty(), T0).orElseThrow();
        assertThat(watch.judge(draft, runs("x|.........."), FIXED.plusSeconds(1))).isEmpty();
    }
}
