package dev.feedbackloop.recommend;

import static dev.feedbackloop.recommend.Scenarios.PROJECT;
import static dev.feedbackloop.recommend.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommenderTest {

    private static final Instant NOW = T0.plusSeconds(86_400);
    private final Recommender recommender = new Recommender();

    @Test
    void withoutADraftTheScenarioGetsItsCategorysPlaybookAdvice() {
        Recommendation r = recommender.immediateFix(Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3),
                Optional.empty(), TriageMemory.empty(), NOW).orElseThrow();
        assertThat(r.kind()).isEqualTo(RecommendationKind.IMMEDIATE_FIX);
        assertThat(r.status()).isEqualTo(RecommendationStatus.DRAFT);
        assertThat(r.advice().direction()).isEqualTo("selector:role-locator");
        assertThat(r.fix()).isEmpty();
        assertThat(r.effort().level()).isEqualTo(Level.LOW);
        // severity 3 + 12 occurrences (+1) + 3 tests (+1)
        assertThat(r.priority().score()).isEqualTo(5);
        assertThat(r.impact()).isEqualTo(new Estimate(Level.MEDIUM, "priority 5, 3 tests fail with it"));
        assertThat(r.evidence().facts().get(0)).contains("SELECTOR_ISSUE");
    }

    @Test
    void aDraftedFixIsTheRecommendationAndKeepsThePendingId() {
        var facts = Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3);
        String pendingId = "a".repeat(64);
        Recommendation r = recommender.immediateFix(facts, Optional.of(new Recommender.Draft(
                        facts.scenario().key(), pendingId, Scenarios.fix("selector:role-locator"))),
                TriageMemory.empty(), NOW).orElseThrow();
        assertThat(r.id()).isEqualTo(pendingId);
        assertThat(r.fix()).isPresent();
        assertThat(r.advice().title()).startsWith("Fix: Use getByRole");
    }

    @Test
    void aRejectedDirectionIsNotProposedAgainAndItsReasonIsKept() {
        var facts = Scenarios.facts(1, Category.SELECTOR_ISSUE, 12, 3);
        Recommendation first = recommender.immediateFix(facts, Optional.empty(), TriageMemory.empty(), NOW)
                .orElseThrow();
        Triage rejected = Triage.decide(first, TriageDecision.REJECT, "our buttons have no accessible names yet",
                "ana", NOW).triage();
        TriageMemory memory = new TriageMemory(List.of(rejected));

        Recommendation second = recommender.immediateFix(facts, Optional.empty(), memory, NOW).orElseThrow();
        assertThat(second.advice().direction()).isEqualTo("selector:test-id");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.advice().implementationNotes()).contains("Do not propose selector:role-locator again",
                "our buttons have no accessible names yet");
        // a draft in the rejected direction is dropped too; the playbook's next approach stands
        Recommendation withDraft = recommender.immediateFix(facts, Optional.of(new Recommender.Draft(
                facts.scenario().key(), "b".repeat(64), Scenarios.fix("selector:role-locator"))), memory, NOW)
                .orElseThrow();
        assertThat(withDraft.fix()).isEmpty();
        assertThat(withDraft.advice().direction()).isEqualTo("selector:test-id");
        // every approach rejected: nothing is proposed
        Triage alsoRejected = Triage.decide(second, TriageDecision.REJECT, "no", "ana", NOW.plusSeconds(1)).triage();
        assertThat(recommender.immediateFix(facts, Optional.empty(),
                new TriageMemory(List.of(rejected, alsoRejected)), NOW)).isEmpty();
    }

    @Test
    void wontFixAndProductBugSilenceTheScenario() {
        var facts = Scenarios.facts(1, Category.ASSERTION_FAIL, 3, 1);
        Recommendation r = recommender.immediateFix(facts, Optional.empty(), TriageMemory.empty(), NOW).orElseThrow();
        for (TriageDecision decision : List.of(TriageDecision.WONT_FIX, TriageDecision.PRODUCT_BUG)) {
            TriageMemory memory = new TriageMemory(List.of(Triage.decide(r, decision, "the total is wrong in the"
                    + " app", "ana", NOW).triage()));
            assertThat(recommender.immediateFix(facts, Optional.empty(), memory, NOW)).as(decision.name()).isEmpty();
        }
    }

    @Test
    void patternsAcrossScenariosNameTheirEvidence() {
        List<ScenarioFacts> scenarios = List.of(
                Scenarios.facts(1, Category.URL_MISMATCH, 5, 4),
                Scenarios.facts(2, Category.URL_MISMATCH, 4, 4),
                Scenarios.facts(3, Category.URL_MISMATCH, 3, 3),
                Scenarios.facts(4, Category.TIMEOUT, 40, 6),
                Scenarios.facts(5, Category.SELECTOR_ISSUE, 2, 1));
        List<Recommendation> patterns = recommender.patterns(PROJECT, scenarios, TriageMemory.empty(), NOW);

        Recommendation strategic = patterns.stream()
                .filter(r -> r.advice().direction().equals("practice:assert:content-not-url")).findFirst()
                .orElseThrow();
        assertThat(strategic.kind()).isEqualTo(RecommendationKind.STRATEGIC_IMPROVEMENT);
        assertThat(strategic.evidence().facts()).containsExactly(
                "11 tests in 3 scenarios fail because the page ended up at another URL than the test asserts");
        assertThat(strategic.evidence().scenarios()).containsExactly(Scenarios.fingerprint(1),
                Scenarios.fingerprint(2), Scenarios.fingerprint(3));
        assertThat(strategic.scenario()).isEmpty();
        assertThat(strategic.fingerprint()).contains(Scenarios.fingerprint(1));

        Recommendation architecture = patterns.stream()
                .filter(r -> r.kind() == RecommendationKind.ARCHITECTURE_CHANGE).findFirst().orElseThrow();
        assertThat(architecture.evidence().facts().get(0)).startsWith("74% of failures (40 of 54) are TIMEOUT");
        assertThat(architecture.advice().suggestedChanges()).contains("Mock the slow or unstable backend");
        // the timeout scenario alone (6 tests) is also a strategic pattern; a lone selector scenario is not
        assertThat(patterns).noneMatch(r -> r.category().equals(Optional.of(Category.SELECTOR_ISSUE)));
        // the same patterns make the same ids: refreshing twice is idempotent
        assertThat(recommender.patterns(PROJECT, scenarios, TriageMemory.empty(), NOW.plusSeconds(60)))
                .extracting(Recommendation::id).containsExactlyElementsOf(patterns.stream().map(Recommendation::id)
                        .toList());
    }

    @Test
    void aRejectedPatternIsNotProposedAgain() {
        List<ScenarioFacts> scenarios = List.of(Scenarios.flaky(1, Category.TIMEOUT),
                Scenarios.flaky(2, Category.ASSERTION_FAIL), Scenarios.flaky(3, Category.SELECTOR_ISSUE));
        Recommendation flaky = recommender.patterns(PROJECT, scenarios, TriageMemory.empty(), NOW).stream()
                .filter(r -> r.advice().direction().equals("practice:flaky-quarantine")).findFirst().orElseThrow();
        TriageMemory memory = new TriageMemory(List.of(Triage.decide(flaky, TriageDecision.REJECT,
                "we do not quarantine", "ana", NOW).triage()));
        assertThat(recommender.patterns(PROJECT, scenarios, memory, NOW))
                .noneMatch(r -> r.advice().direction().equals("practice:flaky-quarantine"));
        assertThat(new ScenarioKey(PROJECT, Scenarios.fingerprint(1))).isEqualTo(scenarios.get(0).scenario().key());
    }
}
