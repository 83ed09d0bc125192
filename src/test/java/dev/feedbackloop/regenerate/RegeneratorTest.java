package dev.feedbackloop.regenerate;

import dev.feedbackloop.store.SpendLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegeneratorTest {

    private static final String REC = "b".repeat(64);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final MemoryFixAnalysisStore store = new MemoryFixAnalysisStore();
    private final ScriptedFixModel model = new ScriptedFixModel();

    private Regenerator regenerator() {
        FixModelCaller caller = new FixModelCaller(model, new SpendBudget(SpendLedger.inMemory(),
                ModelPrices.standard(), Optional.empty(), clock), FixModelCaller.Settings.DEFAULT, clock,
                d -> clock.advance(d), () -> 0.5);
        return new Regenerator(store, Optional.of(new Regenerator.ModelChoice(caller, "claude-sonnet-4-5", 8192)),
                clock, Regenerator.DEFAULT_CLAIM_LEASE);
    }

    private Regenerator.Result run() {
        return regenerator().regenerate(REC, FixCases.evidence(), Optional.empty());
    }

    @Test
    void aFixTheGuardAcceptsIsKeptAsADraft() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        Regenerator.Result result = run();

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(result.recommendation().fix().orElseThrow().content()).contains("name: 'Pay now'");
        assertThat(result.recommendation().confidence()).hasValue(0.8);
        assertThat(result.calls()).hasSize(1);
        assertThat(store.find(result.key()).orElseThrow().recommendation()).contains(result.recommendation());
    }

    @Test
    void aRejectedFixIsAskedForOnceMore_withTheFindings_andTheSecondAnswerGuarded() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, badFix())).answering(FixCases.fixAnswer(FixCases.FILE,
                goodFix()));

        Regenerator.Result result = run();

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(model.asked).hasSize(2);
        assertThat(model.asked.get(1).userContent()).contains("guard_findings", "fixed-sleep");
        assertThat(result.calls()).extracting(ModelCall::round).containsExactly(1, 2);
    }

    @Test
    void twoRejectedFixesKeepTheOriginal_withTheFindings() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, badFix())).answering(FixCases.fixAnswer(FixCases.FILE,
                badFix()));

        FixRecommendation rec = run().recommendation();

        assertThat(rec.outcome()).isEqualTo(FixOutcome.REJECTED_BY_GUARD);
        assertThat(rec.fix()).isEmpty();
        assertThat(rec.rootCause()).isPresent();
        assertThat(rec.guardFindings()).extracting(f -> f.rule()).contains(GuardRule.FIXED_SLEEP);
        assertThat(model.asked).hasSize(2);
    }

    @Test
    void aFixForAnotherFileIsRejected() {
        model.answering(FixCases.fixAnswer("tests/other.spec.ts", goodFix()))
                .answering(FixCases.fixAnswer("tests/other.spec.ts", goodFix()));

        FixRecommendation rec = run().recommendation();

        assertThat(rec.outcome()).isEqualTo(FixOutcome.REJECTED_BY_GUARD);
        assertThat(rec.guardFindings()).extracting(f -> f.rule()).contains(GuardRule.SCOPE_ESCAPE);
    }

    @Test
    void aDeclinedFixKeepsTheRootCause() {
        model.answering(FixCases.cannotFixAnswer());

        FixRecommendation rec = run().recommendation();

        assertThat(rec.outcome()).isEqualTo(FixOutcome.ANALYSIS_ONLY);
        assertThat(rec.note()).contains("not_a_test_problem");
        assertThat(rec.rootCause()).isPresent();
    }

    @Test
    void aRefusalIsStoredAsAFailedModel_andNotRetried() {
        model.failing(FixModelFault.REFUSED);

        Regenerator.Result result = run();

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.MODEL_FAILED);
        assertThat(result.recommendation().note()).contains("REFUSED");
        assertThat(result.calls()).singleElement().satisfies(c -> assertThat(c.fault()).contains(FixModelFault.REFUSED));
        assertThat(model.asked).hasSize(1);
    }

    @Test
    void aTimeoutGoesBackToTheQueue_claimGivenBack_andIsAskedAgainLater() {
        model.failing(FixModelFault.TIMEOUT).answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        assertThatThrownBy(this::run).isInstanceOf(Regenerator.Deferred.class).hasMessageContaining("TIMEOUT");
        assertThat(store.releases).isEqualTo(1);

        assertThat(run().recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
    }

    @Test
    void aRedeliveryOfFinishedWorkNeverAsksAgain() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));
        Regenerator.Result first = run();

        Regenerator.Result again = run();

        assertThat(again.fresh()).isFalse();
        assertThat(again.recommendation()).isEqualTo(first.recommendation());
        assertThat(model.asked).hasSize(1);
    }

    @Test
    void aRedeliveryAfterAStoredAnswerGoesOnFromIt() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, badFix())).failing(FixModelFault.OVERLOADED)
                .failing(FixModelFault.OVERLOADED).failing(FixModelFault.OVERLOADED);
        assertThatThrownBy(this::run).isInstanceOf(Regenerator.Deferred.class);
        model.asked.clear();
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        Regenerator.Result result = run();

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(model.asked).as("round 1 is read from the store").hasSize(1);
        assertThat(model.asked.get(0).userContent()).contains("guard_findings");
    }

    @Test
    void aClaimWithoutAnAnswer_isInProgress_thenAbandoned() {
        AnalysisKey key = AnalysisKey.of(FixCases.evidence(), true);
        store.claim(key, REC, clock.instant());

        assertThatThrownBy(this::run).isInstanceOf(Regenerator.Deferred.class).hasMessageContaining("in progress");
        clock.advance(Regenerator.DEFAULT_CLAIM_LEASE.plus(Duration.ofSeconds(1)));

        assertThat(run().recommendation().outcome()).isEqualTo(FixOutcome.ABANDONED);
        assertThat(model.asked).isEmpty();
    }

    @Test
    void noCallStartsThatCannotEndBeforeTheDeadline() {
        assertThatThrownBy(() -> regenerator().regenerate(REC, FixCases.evidence(),
                Optional.of(clock.instant().plusSeconds(30)))).isInstanceOf(Regenerator.Deferred.class)
                .hasMessageContaining("deadline");
        assertThat(model.asked).isEmpty();
        assertThat(store.find(AnalysisKey.of(FixCases.evidence(), true))).isEmpty();
    }

    @Test
    void withoutAModel_thePlaybook() {
        Regenerator playbook = new Regenerator(store, Optional.empty(), clock, Regenerator.DEFAULT_CLAIM_LEASE);

        FixRecommendation rec = playbook.regenerate(REC, FixCases.evidence(), Optional.empty()).recommendation();

        assertThat(rec.outcome()).isEqualTo(FixOutcome.PLAYBOOK);
        assertThat(rec.generated()).isFalse();
        assertThat(rec.advice()).anyMatch(s -> s.contains("getByRole"));
        assertThat(rec.note()).contains("Not generated", "--llm");
    }

    @Test
    void withoutASource_aProposedFileIsNotKept() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        FixRecommendation rec = regenerator().regenerate(REC, FixCases.evidence(Optional.empty()),
                Optional.empty()).recommendation();

        assertThat(rec.outcome()).isEqualTo(FixOutcome.ANALYSIS_ONLY);
        assertThat(rec.fix()).isEmpty();
    }

    /** The good fix on the redacted source the model was given. */
    private static String goodFix() {
        return FixCases.source().content().replace("page.locator('#pay-button')",
                "page.getByRole('button', { name: 'Pay now' })");
    }

    private static String badFix() {
        return FixCases.source().content().replace("await page.locator('#pay-button').click();",
                "await page.waitForTimeout(5000);\n    await page.locator('#pay-button').click({ force: true });");
    }
}
