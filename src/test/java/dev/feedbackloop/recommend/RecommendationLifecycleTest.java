package dev.feedbackloop.recommend;

import static dev.feedbackloop.recommend.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.rootcause.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommendationLifecycleTest {

    private static final Instant NOW = T0.plus(Duration.ofDays(1));

    private static Recommendation draft() {
        return new Recommender().immediateFix(Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3), Optional.empty(),
                TriageMemory.empty(), NOW).orElseThrow();
    }

    @Test
    void everyMoveIsRecordedWithWhoWhenAndWhy() {
        Recommendation r = draft()
                .move(RecommendationStatus.ACCEPTED, "ana", NOW, "looks right")
                .implemented("ana", NOW.plusSeconds(60), Optional.of("abc1234"), "merged");

        assertThat(r.status()).isEqualTo(RecommendationStatus.IMPLEMENTED);
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.implementedCommit()).contains("abc1234");
        assertThat(r.implementedAt()).contains(NOW.plusSeconds(60));
        assertThat(r.history()).extracting(StatusChange::from, StatusChange::to, StatusChange::by,
                        StatusChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RecommendationStatus.DRAFT, RecommendationStatus.ACCEPTED,
                                "ana", "looks right"),
                        org.assertj.core.groups.Tuple.tuple(RecommendationStatus.ACCEPTED,
                                RecommendationStatus.IMPLEMENTED, "ana", "merged"));
    }

    @Test
    void illegalMovesAreRefusedNamingWhatIsAllowed() {
        Recommendation r = draft();
        assertThatThrownBy(() -> r.move(RecommendationStatus.VERIFIED, "ana", NOW, ""))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is draft and cannot become verified")
                .hasMessageContaining("accepted, rejected, wont_fix");
        assertThatThrownBy(() -> r.implemented("ana", NOW, Optional.empty(), ""))
                .hasMessageContaining("cannot become implemented");
        assertThatThrownBy(() -> r.move(RecommendationStatus.ACCEPTED, " ", NOW, ""))
                .hasMessageContaining("needs who made it");
    }

    @Test
    void theLifecycleIsTheDesignedOne() {
        assertThat(RecommendationStatus.DRAFT.next()).containsExactlyInAnyOrder(RecommendationStatus.ACCEPTED,
                RecommendationStatus.REJECTED, RecommendationStatus.WONT_FIX);
        assertThat(RecommendationStatus.ACCEPTED.canMoveTo(RecommendationStatus.IMPLEMENTED)).isTrue();
        assertThat(RecommendationStatus.IMPLEMENTED.next()).containsExactlyInAnyOrder(
                RecommendationStatus.VERIFIED, RecommendationStatus.INEFFECTIVE);
        assertThat(RecommendationStatus.REJECTED.canMoveTo(RecommendationStatus.IMPLEMENTED)).isFalse();
        assertThat(RecommendationStatus.parse("wont-fix")).isEqualTo(RecommendationStatus.WONT_FIX);
        assertThatThrownBy(() -> RecommendationStatus.parse("done")).hasMessageContaining("unknown recommendation"
                + " status 'done'");
    }

    @Test
    void priorityFollowsTheDocumentedFormula() {
        Instant now = T0.plus(Duration.ofDays(20));
        // severity 3, 120 occurrences (+2), 12 tests (+2), broken (+2), first seen 20 days ago and still seen (+1)
        Priority high = Priority.of(3, 120, 12, Optional.of(HealthState.BROKEN), T0, now.minusSeconds(60), now);
        assertThat(high.score()).isEqualTo(10);
        assertThat(high.reasons()).contains("frequency +2 (120 occurrences)", "test state +2 (broken)");
        // severity 2, once, one test, not seen for 15 days: 2 - 2 clamps to 1
        assertThat(Priority.of(2, 1, 1, Optional.empty(), T0, T0, T0.plus(Duration.ofDays(15))).score())
                .isEqualTo(1);
        // severity 3, 10 occurrences (+1), 3 tests (+1), flaky (+1), new: 6
        assertThat(Priority.of(3, 10, 3, Optional.of(HealthState.FLAKY), T0, T0, T0).score()).isEqualTo(6);
        assertThatThrownBy(() -> Priority.of(6, 1, 1, Optional.empty(), T0, T0, T0))
                .hasMessageContaining("severity must be within 1..5, was 6");
    }

    @Test
    void storedFormReadsBackEqual() {
        Recommendation r = draft().move(RecommendationStatus.ACCEPTED, "ana", NOW, "ok")
                .implemented("bo", NOW, Optional.of("abcdef1"), "in");
        Recommendation judged = r.judged(RecommendationStatus.VERIFIED, new Effectiveness(10, 0.4, 0), NOW, "clean");
        assertThat(RecommendationJson.read(RecommendationJson.write(judged))).isEqualTo(judged);
        assertThat(RecommendationJson.summary(judged).toString()).contains("\"kind\":\"immediate_fix\"",
                "\"status\":\"verified\"", "\"effectiveness\":0.4", "\"testIds\":[");
    }
}
