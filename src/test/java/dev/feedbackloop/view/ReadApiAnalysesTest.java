package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoFixAnalysisStore;
import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.guard.Severity;
import dev.feedbackloop.regenerate.AnalysisKey;
import dev.feedbackloop.regenerate.FixAnswer;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.regenerate.TokenUsage;
import dev.feedbackloop.scenario.ScenarioKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scenario read alone carries its fix analyses (the design's {@code failure_analysis}), newest first and bounded:
 * each call's model, tokens, latency and cost, the guard's verdict and findings, the fix's explanation; every text
 * redacted again, and never the prompt or the whole proposed file. On the real stores (DynamoDB Local).
 */
class ReadApiAnalysesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadTokens TOKENS = new ReadTokens("a read secret of at least 32 bytes!!"
            .getBytes(StandardCharsets.UTF_8));
    private static final String LEAK = "password=hunter2-very-secret";
    private static ViewHistory history;
    private static ReadApi api;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        DynamoFixAnalysisStore analyses = new DynamoFixAnalysisStore(history.loop.dynamoDb, history.loop.settings);
        ScenarioKey scenario = new ScenarioKey("web", ViewHistory.LOCATOR);
        AnalysisKey older = new AnalysisKey(scenario, "none", "playbook-v1");
        analyses.claim(older, "rec-older", ViewHistory.T0);
        analyses.complete(older, new FixRecommendation(FixOutcome.PLAYBOOK, false, Optional.empty(),
                Optional.empty(), OptionalDouble.empty(), List.of(), List.of("wait for the element"),
                "not generated: no model configured"));
        AnalysisKey newer = new AnalysisKey(scenario, "a".repeat(64), "fix-v3");
        analyses.claim(newer, "rec-newer", ViewHistory.T0.plusSeconds(60));
        analyses.recordCall(newer, new ModelCall(1, "anthropic", "claude-sonnet-4-5", "f".repeat(64), 2_000,
                TokenUsage.NONE, Duration.ofMillis(300), BigDecimal.ZERO, 2, Optional.empty(), Optional.empty(),
                Optional.of(FixModelFault.REFUSED), Optional.of("refused; " + LEAK)));
        analyses.recordCall(newer, new ModelCall(2, "anthropic", "claude-sonnet-4-5", "e".repeat(64), 2_100,
                new TokenUsage(1_900, 450, 100, 0), Duration.ofMillis(812), new BigDecimal("0.012450"), 1,
                Optional.of("{}"), Optional.of("{\"raw\":\"" + LEAK + "\"}"), Optional.empty(), Optional.empty()));
        FixAnswer.Hypothesis cause = new FixAnswer.Hypothesis("the selector changed; " + LEAK, 0.8,
                List.of(new FixAnswer.Evidence(FixAnswer.EvidenceSource.FAILURE_MESSAGE, "not found")));
        analyses.complete(newer, new FixRecommendation(FixOutcome.DRAFT, true,
                Optional.of(new FixAnswer.RootCause(cause, List.of())),
                Optional.of(new FixAnswer.ProposedFix("tests/login.spec.ts", "line 1\nline 2\nWHOLE FILE",
                        "use the role locator", List.of("replace the css selector"), List.of("the test passes"))),
                OptionalDouble.of(0.8), List.of(new Finding(GuardRule.BRITTLE_SELECTOR, Severity.WARNING,
                "a brittle selector remains", OptionalInt.of(6))), List.of("step"), "a draft"));
        api = new ReadApi(history.reads().withFixAnalyses(analyses), TOKENS);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void aScenarioCarriesItsFixAnalysesNewestFirstWithCallsAndTheGuardsVerdict() throws Exception {
        JsonNode scenario = get("");

        JsonNode analyses = scenario.get("analyses");
        assertThat(analyses.findValuesAsText("recommendationId")).containsExactly("rec-newer", "rec-older");
        JsonNode draft = analyses.get(0);
        assertThat(draft.get("analysisVersion").asText()).isEqualTo("fix-v3");
        assertThat(draft.get("calls").findValuesAsText("fault")).containsExactly("refused", "null");
        JsonNode answered = draft.at("/calls/1");
        assertThat(answered.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(answered.get("inputTokens").asLong()).isEqualTo(1_900);
        assertThat(answered.get("outputTokens").asLong()).isEqualTo(450);
        assertThat(answered.get("latencyMillis").asLong()).isEqualTo(812);
        assertThat(answered.get("costUsd").asText()).isEqualTo("0.012450");
        assertThat(draft.at("/result/outcome").asText()).isEqualTo("draft");
        assertThat(draft.at("/result/guard/verdict").asText()).isEqualTo("accepted");
        assertThat(draft.at("/result/guard/findings/0/rule").asText()).isEqualTo(GuardRule.BRITTLE_SELECTOR.id());
        assertThat(draft.at("/result/guard/findings/0/line").asInt()).isEqualTo(6);
        assertThat(draft.at("/result/fix/path").asText()).isEqualTo("tests/login.spec.ts");
        assertThat(draft.at("/result/fix/lines").asInt()).isEqualTo(3);
        assertThat(draft.at("/result/fix/explanation").asText()).isEqualTo("use the role locator");
        JsonNode playbook = analyses.get(1);
        assertThat(playbook.get("calls")).isEmpty();
        assertThat(playbook.at("/result/guard/verdict").asText()).isEqualTo("none");
        assertThat(playbook.at("/result/fix").isNull()).isTrue();
    }

    @Test
    void analysesAreRedactedAndCarryNeitherPromptsNorWholeFilesNorRawResponses() throws Exception {
        String body = JSON.writeValueAsString(get("").get("analyses"));

        assertThat(body).doesNotContain("hunter2").contains("[REDACTED").doesNotContain("WHOLE FILE")
                .doesNotContain("\"raw\"").doesNotContain("rawResponse").doesNotContain("answerJson");
    }

    @Test
    void analysesAreBoundedByTheQuery() throws Exception {
        assertThat(get("analyses=1").get("analyses").findValuesAsText("recommendationId"))
                .containsExactly("rec-newer");
        assertThat(get("analyses=0").get("analyses")).isEmpty();
        ReadResponse tooMany = api.handle(new ReadRequest("GET", path(), "analyses=51",
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("analyses must be within 0..50, was 51");
    }

    @Test
    void aScenarioOfAServerWithoutAnalysesListsNone() throws Exception {
        ReadResponse response = new ReadApi(history.reads(), TOKENS).handle(new ReadRequest("GET", path(), "",
                Optional.of("Bearer " + TOKENS.token("web"))));

        assertThat(JSON.readTree(response.body()).get("analyses")).isEmpty();
    }

    private static String path() {
        return "/api/v1/projects/web/scenarios/" + ViewHistory.LOCATOR.value();
    }

    private static JsonNode get(String query) throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", path(), query,
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
