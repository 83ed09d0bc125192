package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.guard.Severity;
import dev.feedbackloop.regenerate.AnalysisKey;
import dev.feedbackloop.regenerate.FixAnswer;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.FixPrompts;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.regenerate.TokenUsage;
import dev.feedbackloop.regenerate.FixCases;
import dev.feedbackloop.scenario.ScenarioKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fix analysis store's contract on DynamoDB Local. */
class DynamoFixAnalysisStoreTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("fixes");

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final String REC = "c".repeat(64);

    private final DynamoFixAnalysisStore store = new DynamoFixAnalysisStore(fixture.client, fixture.settings);

    private static AnalysisKey key() {
        ScenarioKey scenario = new ScenarioKey("shop-web", new Fingerprint(String.format("%016x",
                SCENARIOS.incrementAndGet())));
        return new AnalysisKey(scenario, "d".repeat(64), FixPrompts.VERSION);
    }

    @Test
    void claimsOnce_andReturnsTheRecordToLaterClaims() {
        AnalysisKey key = key();

        assertThat(store.claim(key, REC, AT)).isEmpty();
        Optional<FixAnalysis> again = store.claim(key, "e".repeat(64), AT.plusSeconds(5));

        assertThat(again).hasValueSatisfying(a -> {
            assertThat(a.recommendationId()).isEqualTo(REC);
            assertThat(a.claimedAt()).isEqualTo(AT);
            assertThat(a.calls()).isEmpty();
            assertThat(a.recommendation()).isEmpty();
        });
    }

    @Test
    void keepsEachRoundsFirstCall_andTheFirstResult() {
        AnalysisKey key = key();
        store.claim(key, REC, AT);
        ModelCall answered = answered(1);

        store.recordCall(key, answered);
        store.recordCall(key, failed(1));
        store.recordCall(key, failed(2));
        store.complete(key, draft());
        store.complete(key, playbook());

        FixAnalysis stored = store.find(key).orElseThrow();
        assertThat(stored.calls()).containsExactly(answered, failed(2));
        assertThat(stored.recommendation()).contains(draft());
    }

    @Test
    void aReleaseGivesBackOnlyAClaimWithoutCalls() {
        AnalysisKey bare = key();
        AnalysisKey answered = key();
        store.claim(bare, REC, AT);
        store.claim(answered, REC, AT);
        store.recordCall(answered, answered(1));

        store.release(bare);
        store.release(answered);

        assertThat(store.find(bare)).isEmpty();
        assertThat(store.find(answered)).isPresent();
        assertThat(store.claim(bare, REC, AT.plusSeconds(60))).isEmpty();
    }

    @Test
    void aCallOrResultForAnUnclaimedKeyIsNotStored() {
        AnalysisKey key = key();

        store.recordCall(key, answered(1));
        store.complete(key, draft());

        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void listsAScenariosAnalyses_newestFirst() {
        AnalysisKey first = key();
        AnalysisKey second = new AnalysisKey(first.scenario(), "none", FixPrompts.VERSION);
        store.claim(first, REC, AT);
        store.claim(second, REC, AT.plusSeconds(60));

        assertThat(store.ofScenario(first.scenario(), 10)).extracting(FixAnalysis::key)
                .containsExactly(second, first);
        assertThat(store.ofScenario(first.scenario(), 1)).hasSize(1);
    }

    private static ModelCall answered(int round) {
        return new ModelCall(round, "anthropic", "claude-sonnet-4-5-20250929", "f".repeat(64), 2_000,
                new TokenUsage(1_900, 450, 100, 0), Duration.ofMillis(812), new BigDecimal("0.012450"), 1,
                Optional.of(FixCases.fixAnswer(FixCases.FILE, FixCases.GOOD_FIX)), Optional.of("{\"id\":\"msg\"}"),
                Optional.empty(), Optional.empty());
    }

    private static ModelCall failed(int round) {
        return new ModelCall(round, "anthropic", "claude-sonnet-4-5", "f".repeat(64), 2_000, TokenUsage.NONE,
                Duration.ZERO, BigDecimal.ZERO, 2, Optional.empty(), Optional.empty(),
                Optional.of(FixModelFault.REFUSED), Optional.of("anthropic refused"));
    }

    private static FixRecommendation draft() {
        FixAnswer answer = FixAnswerSchema.standard().read(FixCases.fixAnswer(FixCases.FILE, FixCases.GOOD_FIX));
        return new FixRecommendation(FixOutcome.DRAFT, true, Optional.of(answer.rootCause()), answer.fix(),
                OptionalDouble.of(0.8), List.of(new Finding(GuardRule.BRITTLE_SELECTOR, Severity.WARNING,
                "a warning", OptionalInt.of(6))), List.of("step"), "a draft");
    }

    private static FixRecommendation playbook() {
        return new FixRecommendation(FixOutcome.PLAYBOOK, false, Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), List.of(), List.of("step"), "not generated");
    }
}
