package dev.feedbackloop.adapter.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.guard.Severity;
import dev.feedbackloop.regenerate.FixAnswer;
import dev.feedbackloop.regenerate.FixAnswer.Evidence;
import dev.feedbackloop.regenerate.FixAnswer.EvidenceSource;
import dev.feedbackloop.regenerate.FixAnswer.Hypothesis;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.regenerate.TokenUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A fix analysis's model calls and recommendation as JSON documents inside its item (each is read and written whole,
 * never queried by field), with their field names defined here once.
 */
final class FixAnalysisItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixAnalysisItems() {
    }

    static String call(ModelCall c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("round", c.round()).put("provider", c.provider()).put("model", c.model())
                .put("promptSha256", c.promptSha256()).put("estimatedInputTokens", c.estimatedInputTokens())
                .put("latencyMillis", c.latency().toMillis()).put("costUsd", c.costUsd().toPlainString())
                .put("attempts", c.attempts());
        n.putObject("usage").put("input", c.usage().inputTokens()).put("output", c.usage().outputTokens())
                .put("cacheRead", c.usage().cacheReadTokens()).put("cacheWrite", c.usage().cacheWriteTokens());
        c.answerJson().ifPresent(a -> n.put("answer", a));
        c.rawResponse().ifPresent(r -> n.put("rawResponse", r));
        c.fault().ifPresent(f -> n.put("fault", f.name()));
        c.faultMessage().ifPresent(m -> n.put("faultMessage", m));
        return n.toString();
    }

    static ModelCall call(String json) {
        JsonNode n = read(json);
        JsonNode u = n.get("usage");
        return new ModelCall(n.get("round").asInt(), n.get("provider").asText(), n.get("model").asText(),
                n.get("promptSha256").asText(), n.get("estimatedInputTokens").asLong(),
                new TokenUsage(u.get("input").asLong(), u.get("output").asLong(), u.get("cacheRead").asLong(),
                        u.get("cacheWrite").asLong()), Duration.ofMillis(n.get("latencyMillis").asLong()),
                new BigDecimal(n.get("costUsd").asText()), n.get("attempts").asInt(), text(n, "answer"),
                text(n, "rawResponse"), text(n, "fault").map(FixModelFault::valueOf), text(n, "faultMessage"));
    }

    static String recommendation(FixRecommendation r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("outcome", r.outcome().name()).put("generated", r.generated()).put("note", r.note());
        r.rootCause().ifPresent(c -> {
            ObjectNode cause = n.putObject("rootCause");
            cause.set("primary", hypothesis(c.primary()));
            ArrayNode secondary = cause.putArray("secondary");
            c.secondary().forEach(h -> secondary.add(hypothesis(h)));
        });
        r.fix().ifPresent(f -> {
            ObjectNode fix = n.putObject("fix");
            fix.put("path", f.path()).put("content", f.content()).put("explanation", f.explanation());
            f.steps().forEach(fix.putArray("steps")::add);
            f.validation().forEach(fix.putArray("validation")::add);
        });
        r.confidence().ifPresent(c -> n.put("confidence", c));
        ArrayNode findings = n.putArray("guardFindings");
        r.guardFindings().forEach(f -> {
            ObjectNode o = findings.addObject().put("rule", f.rule().id()).put("severity", f.severity().name())
                    .put("message", f.message());
            f.line().ifPresent(l -> o.put("line", l));
        });
        r.advice().forEach(n.putArray("advice")::add);
        return n.toString();
    }

    static FixRecommendation recommendation(String json) {
        JsonNode n = read(json);
        Optional<FixAnswer.RootCause> cause = Optional.ofNullable(n.get("rootCause")).map(c -> {
            List<Hypothesis> secondary = new ArrayList<>();
            c.get("secondary").forEach(h -> secondary.add(hypothesis(h)));
            return new FixAnswer.RootCause(hypothesis(c.get("primary")), secondary);
        });
        Optional<FixAnswer.ProposedFix> fix = Optional.ofNullable(n.get("fix")).map(f -> new FixAnswer.ProposedFix(
                f.get("path").asText(), f.get("content").asText(), f.get("explanation").asText(),
                texts(f.get("steps")), texts(f.get("validation"))));
        List<Finding> findings = new ArrayList<>();
        n.get("guardFindings").forEach(f -> findings.add(new Finding(GuardRule.byId(f.get("rule").asText())
                .orElseThrow(() -> new IllegalStateException("unknown guard rule " + f.get("rule"))),
                Severity.valueOf(f.get("severity").asText()), f.get("message").asText(),
                f.has("line") ? OptionalInt.of(f.get("line").asInt()) : OptionalInt.empty())));
        return new FixRecommendation(FixOutcome.valueOf(n.get("outcome").asText()), n.get("generated").asBoolean(),
                cause, fix, n.has("confidence") ? OptionalDouble.of(n.get("confidence").asDouble())
                : OptionalDouble.empty(), findings, texts(n.get("advice")), n.get("note").asText());
    }

    private static ObjectNode hypothesis(Hypothesis h) {
        ObjectNode o = JSON.createObjectNode().put("statement", h.statement()).put("confidence", h.confidence());
        ArrayNode evidence = o.putArray("evidence");
        h.evidence().forEach(e -> evidence.addObject().put("source", e.source().name()).put("excerpt", e.excerpt()));
        return o;
    }

    private static Hypothesis hypothesis(JsonNode h) {
        List<Evidence> evidence = new ArrayList<>();
        h.get("evidence").forEach(e -> evidence.add(new Evidence(EvidenceSource.valueOf(e.get("source").asText()),
                e.get("excerpt").asText())));
        return new Hypothesis(h.get("statement").asText(), h.get("confidence").asDouble(), evidence);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static Optional<String> text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).filter(v -> !v.isNull()).map(JsonNode::asText);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored fix analysis document is not JSON: " + e.getOriginalMessage(),
                    e);
        }
    }
}
