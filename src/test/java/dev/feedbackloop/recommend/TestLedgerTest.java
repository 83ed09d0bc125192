package dev.feedbackloop.recommend;

import static dev.feedbackloop.recommend.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reproduction, validation and regression bookkeeping, and detecting an implemented fix, as pure rules. */
class TestLedgerTest {

    private static final Instant NOW = T0.plus(Duration.ofDays(1));
    private static final String FAILING = "a".repeat(64);
    private static final String FIXED = "b".repeat(64);

    private static Recommendation accepted() {
        return new Recommender().immediateFix(Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3), Optional.empty(),
                TriageMemory.empty(), NOW).orElseThrow().move(RecommendationStatus.ACCEPTED, "ana", NOW, "ok");
    }

    private static TestId test(Recommendation r) {
        return r.tests().get(0);
    }

    private static RunObservation run(String id, Instant at, String branch, TestId test, boolean passed,
                                      String hash) {
        return new RunObservation(id + "#1", at, Optional.of("c0ffee" + id.length()), Optional.of(branch),
                List.of(new RunObservation.TestObservation(test, passed, Optional.ofNullable(hash))));
    }

    /** The ledger after the failing run before acceptance: the reproduction stands for the failing source. */
    private static TestLedger afterFailure(Recommendation r) {
        return r.ledger().opened(r).count(run("r1", NOW.minusSeconds(60), "main", test(r), false, FAILING))
                .orElseThrow();
    }

    @Test
    void aReproductionCountsRunsOfTheFailingSourceAndLearnsItFromTheFirstFailure() {
        Recommendation r = accepted();
        TestLedger ledger = afterFailure(r);
        TrackedTest reproduction = ledger.find(TestRole.REPRODUCTION, test(r)).orElseThrow();
        assertThat(reproduction.sourceHash()).contains(FAILING);
        assertThat(reproduction.commit()).contains("c0ffee2");
        assertThat(reproduction.runs()).isEqualTo(1);
        assertThat(reproduction.successes()).isZero();
        assertThat(reproduction.last().orElseThrow().passed()).isFalse();

        TestLedger again = ledger.count(run("r2", NOW.plusSeconds(60), "feature", test(r), true, FAILING))
                .orElseThrow().count(run("r3", NOW.plusSeconds(120), "main", test(r), true, FIXED)).orElseThrow();
        TrackedTest counted = again.find(TestRole.REPRODUCTION, test(r)).orElseThrow();
        assertThat(counted.runs()).as("the run with another source is not the reproduction's").isEqualTo(2);
        assertThat(counted.successes()).isEqualTo(1);
        assertThat(counted.last().orElseThrow().run()).isEqualTo("r2#1");
        assertThat(again.find(TestRole.VALIDATION, test(r))).as("no validation before implementation").isEmpty();
    }

    @Test
    void aRedeliveredRunOrAnOlderOneNeverCountsTwice() {
        Recommendation r = accepted();
        TestLedger ledger = afterFailure(r);
        assertThat(ledger.count(run("r1", NOW.minusSeconds(60), "main", test(r), false, FAILING))).isEmpty();
        assertThat(ledger.count(run("r0", NOW.minusSeconds(600), "main", test(r), false, FAILING))).isEmpty();
        assertThat(ledger.countedThrough()).contains(new TestLedger.Mark(NOW.minusSeconds(60), "r1#1"));
    }

    @Test
    void aRunCountedBeforeItsHashesCame_teachesTheHashLater_withoutCountingAgain() {
        Recommendation r = accepted();
        RunObservation bare = run("r1", NOW.minusSeconds(60), "main", test(r), false, null);
        TestLedger counted = r.ledger().opened(r).count(bare).orElseThrow();
        RunObservation hashed = run("r1", NOW.minusSeconds(60), "main", test(r), false, FAILING);

        TestLedger learnt = counted.learn(hashed);

        TrackedTest reproduction = learnt.find(TestRole.REPRODUCTION, test(r)).orElseThrow();
        assertThat(reproduction.sourceHash()).contains(FAILING);
        assertThat(reproduction.runs()).isEqualTo(1);
        assertThat(learnt.countedThrough()).isEqualTo(counted.countedThrough());
        assertThat(learnt.learn(run("r1", NOW.minusSeconds(60), "main", test(r), false, FIXED)))
                .as("a learnt hash is never replaced").isEqualTo(learnt);
        assertThat(counted.learn(run("r1", NOW.minusSeconds(60), "main", test(r), true, FAILING)))
                .as("a reproduction learns from a failure only").isEqualTo(counted);
    }

    @Test
    void aChangedSourceOnTheDefaultBranchAfterAcceptanceImplementsTheFix() {
        Recommendation r = accepted();
        TestLedger ledger = afterFailure(r);
        RunObservation changed = run("r9", NOW.plusSeconds(3600), "main", test(r), true, FIXED);

        Recommendation implemented = ImplementationRule.detect(r, ledger, changed, "main").orElseThrow();
        assertThat(implemented.status()).isEqualTo(RecommendationStatus.IMPLEMENTED);
        assertThat(implemented.implementedCommit()).contains("c0ffee2");
        assertThat(implemented.implementedAt()).contains(changed.at());
        StatusChange move = implemented.history().get(implemented.history().size() - 1);
        assertThat(move.by()).isEqualTo(StatusChange.LOOP);
        assertThat(move.reason()).contains("source of " + test(r).value(), "aaaaaaaaaaaa", "bbbbbbbbbbbb",
                "on main", "run r9#1", "after the fix was accepted");

        TestLedger opened = ledger.opened(implemented).count(changed).orElseThrow();
        TrackedTest validation = opened.find(TestRole.VALIDATION, test(r)).orElseThrow();
        assertThat(validation.sourceHash()).as("the validation stands for the fixed source").contains(FIXED);
        assertThat(validation.runs()).isEqualTo(1);
        assertThat(validation.successes()).isEqualTo(1);
    }

    @Test
    void theSameSourceAnotherBranchOrARunBeforeAcceptanceDetectNothing() {
        Recommendation r = accepted();
        TestLedger ledger = afterFailure(r);
        Instant later = NOW.plusSeconds(3600);
        assertThat(ImplementationRule.detect(r, ledger, run("s", later, "main", test(r), false, FAILING), "main"))
                .isEmpty();
        assertThat(ImplementationRule.detect(r, ledger, run("b", later, "feature/x", test(r), true, FIXED), "main"))
                .isEmpty();
        assertThat(ImplementationRule.detect(r, ledger, run("e", NOW.minusSeconds(1), "main", test(r), true, FIXED),
                "main")).isEmpty();
        assertThat(ImplementationRule.detect(r, ledger, run("n", later, "main", test(r), true, null), "main"))
                .as("no hash seen").isEmpty();
        assertThat(ImplementationRule.detect(r, r.ledger().opened(r), run("u", later, "main", test(r), true, FIXED),
                "main")).as("the failing source was never learnt").isEmpty();
        Recommendation draft = new Recommender().immediateFix(Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3),
                Optional.empty(), TriageMemory.empty(), NOW).orElseThrow();
        assertThat(ImplementationRule.detect(draft, ledger, run("d", later, "main", test(r), true, FIXED), "main"))
                .as("not accepted").isEmpty();
    }

    @Test
    void aVerifiedFixOpensItsRegressionSetOnTheFixedSource() {
        Recommendation r = accepted();
        TestLedger ledger = afterFailure(r);
        RunObservation changed = run("r9", NOW.plusSeconds(3600), "main", test(r), true, FIXED);
        Recommendation implemented = ImplementationRule.detect(r, ledger, changed, "main").orElseThrow();
        TestLedger validated = ledger.opened(implemented).count(changed).orElseThrow();
        Recommendation verified = implemented.withLedger(validated).judged(RecommendationStatus.VERIFIED,
                new Effectiveness(1, 1, 0), NOW.plusSeconds(7200), "clean");

        TestLedger regression = verified.ledger().opened(verified)
                .count(run("r10", NOW.plusSeconds(7300), "main", test(r), true, FIXED)).orElseThrow();
        assertThat(regression.tests()).filteredOn(t -> t.test().equals(test(r))).extracting(TrackedTest::role)
                .containsExactly(TestRole.REPRODUCTION, TestRole.VALIDATION, TestRole.REGRESSION);
        TrackedTest set = regression.find(TestRole.REGRESSION, test(r)).orElseThrow();
        assertThat(set.sourceHash()).contains(FIXED);
        assertThat(set.runs()).isEqualTo(1);
        assertThat(regression.find(TestRole.VALIDATION, test(r)).orElseThrow().runs()).isEqualTo(2);
    }

    @Test
    void theLedgerSurvivesItsStoredForm() {
        Recommendation r = accepted();
        Recommendation stored = r.withLedger(afterFailure(r));
        Recommendation read = RecommendationJson.read(RecommendationJson.write(stored));
        assertThat(read.ledger()).isEqualTo(stored.ledger());
        assertThat(RecommendationJson.summary(stored).get("tests").get(0).get("role").asText())
                .isEqualTo("reproduction");
    }

    @Test
    void badObservationsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new RunObservation("r1", NOW, Optional.empty(), Optional.empty(), List.of()))
                .hasMessageContaining("<runId>#<attempt>, was 'r1'");
        assertThatThrownBy(() -> new RunObservation.TestObservation(new TestId("0123456789abcdef"), true, Optional.of("xyz")))
                .hasMessageContaining("64 lower-case hex digits, was 'xyz'");
        assertThatThrownBy(() -> new TrackedTest(TestRole.VALIDATION, new TestId("0123456789abcdef"), Optional.empty(), NOW,
                Optional.empty(), 1, 2, Optional.empty())).hasMessageContaining("successes must be within 0..1");
    }
}
