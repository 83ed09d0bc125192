package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.dynamodb.DynamoFixAnalysisStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Received;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.regenerate.Evidence;
import dev.feedbackloop.regenerate.FixCases;
import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.regenerate.Regenerator;
import dev.feedbackloop.regenerate.TestSource;
import dev.feedbackloop.regenerate.TokenUsage;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The regenerate stage with real parts: the provider adapters over a local server speaking the Anthropic Messages
 * API and OpenAI Chat Completions, the fix guard, and the fix analyses on DynamoDB Local.
 */
class RegenerationOverHttpTest {

    private static final String KEY = "sk-ant-api03-regeneration-test-key";
    private static final String REC = "a".repeat(64);
    private static final DynamoDbClient DYNAMO = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of());
    private static final DynamoSettings TABLE = DynamoSettings.of(TestEngines.newTable(DYNAMO, "regeneration"));

    private final FakeProviderServer server = new FakeProviderServer();
    private final HttpTransport transport = Callers.transport();
    private final Callers callers = new Callers();
    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    /** A scenario of its own per test: the table is shared. */
    private final ScenarioKey scenario = new ScenarioKey("shop-web", new Fingerprint(String.format("%016x",
            0xabc000 + SCENARIOS.incrementAndGet())));
    private final DynamoFixAnalysisStore store = new DynamoFixAnalysisStore(DYNAMO, TABLE);

    @AfterEach
    void close() {
        transport.close();
        server.close();
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    private Regenerator regenerator(FixModel model) {
        return new Regenerator(store, Optional.of(new Regenerator.ModelChoice(callers.in(model), "claude-sonnet-4-5",
                8_192)), callers.clock, Regenerator.DEFAULT_CLAIM_LEASE);
    }

    private AnthropicFixModel anthropic() {
        return new AnthropicFixModel(server.baseUrl(), ApiKeySource.of(KEY), transport, callers.clock);
    }

    private Evidence evidence() {
        return FixCases.evidence(scenario, Optional.of(FixCases.source()));
    }

    private static String message(String answer) {
        return ProviderResponses.anthropic(answer, "end_turn", 2_095, 503, 0);
    }

    private static String goodFix() {
        return FixCases.source().content().replace("page.locator('#pay-button')",
                "page.getByRole('button', { name: 'Pay now' })");
    }

    private static String badFix() {
        return FixCases.source().content().replace("await page.locator('#pay-button').click();",
                "await page.locator('#pay-button').click({ force: true });");
    }

    @Test
    void anthropic_aRejectedFix_thenAnAcceptedOne_isStoredAsADraft_andNeverAskedForAgain() {
        server.then(Scripted.json(200, message(FixCases.fixAnswer(FixCases.FILE, badFix()))))
                .then(Scripted.json(200, message(FixCases.fixAnswer(FixCases.FILE, goodFix()))));

        Regenerator.Result result = regenerator(anthropic()).regenerate(REC, evidence(), Optional.empty());
        Regenerator.Result again = regenerator(anthropic()).regenerate(REC, evidence(), Optional.empty());

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(result.calls()).extracting(ModelCall::usage).containsOnly(new TokenUsage(2_095, 503, 0, 0));
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).json().path("messages").get(0).path("content").asText())
                .contains("guard_findings", "force-action");
        assertThat(again.fresh()).isFalse();
        assertThat(again.recommendation()).isEqualTo(result.recommendation());
        assertThat(store.find(result.key()).orElseThrow().calls()).hasSize(2);
    }

    @Test
    void plantedSecretsNeverReachTheProvider() {
        server.then(Scripted.json(200, message(FixCases.fixAnswer(FixCases.FILE, goodFix()))));

        regenerator(anthropic()).regenerate(REC, evidence(), Optional.empty());

        Received sent = server.last();
        assertThat(sent.bodyText()).doesNotContain(FixCases.SECRET).contains("[REDACTED:", "#pay-button");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void aRateLimitIsWaitedOutAsTheProviderAsks_thenAnswered() {
        server.then(Scripted.json(429, AnthropicFixModelTest.error("rate_limit_error", "Number of requests has "
                        + "exceeded your per-minute rate limit")).withHeader("retry-after", "7"))
                .then(Scripted.json(529, AnthropicFixModelTest.error("overloaded_error", "Overloaded")))
                .then(Scripted.json(200, message(FixCases.fixAnswer(FixCases.FILE, goodFix()))));

        Regenerator.Result result = regenerator(anthropic()).regenerate(REC, evidence(), Optional.empty());

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(callers.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(1_500));
        assertThat(result.calls()).singleElement().satisfies(c -> assertThat(c.attempts()).isEqualTo(3));
    }

    @Test
    void aLastingOverloadGoesBackToTheQueue_withNothingStored() {
        for (int i = 0; i < 3; i++) {
            server.then(Scripted.json(529, AnthropicFixModelTest.error("overloaded_error", "Overloaded")));
        }

        assertThatThrownBy(() -> regenerator(anthropic()).regenerate(REC, evidence(), Optional.empty()))
                .isInstanceOf(Regenerator.Deferred.class).hasMessageContaining("529");
        assertThat(store.ofScenario(scenario, 10)).isEmpty();
    }

    @Test
    void openAi_aRefusalIsStoredAsTheOutcome_theOriginalKept() {
        server.then(Scripted.json(200, ProviderResponses.openai(null, "stop",
                "I'm sorry, I can't help with that request.", 1_800, 12, 0)));
        OpenAiFixModel openai = new OpenAiFixModel(server.baseUrl(), OpenAiFixModel.Dialect.OPENAI, Optional.empty(),
                ApiKeySource.of("sk-proj-regeneration-test"), transport, callers.clock);

        Regenerator.Result result = regenerator(openai).regenerate("9".repeat(64),
                FixCases.evidence(scenario, Optional.of(TestSource.of("tests/refused.spec.ts",
                        FixCases.ORIGINAL))), Optional.empty());

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.MODEL_FAILED);
        assertThat(result.recommendation().note()).contains("REFUSED");
        assertThat(result.recommendation().fix()).isEmpty();
        assertThat(store.find(result.key()).orElseThrow().calls()).singleElement()
                .satisfies(c -> assertThat(c.usage().outputTokens()).isEqualTo(12));
        assertThat(server.last().bodyText()).doesNotContain(FixCases.SECRET);
    }
}
