package dev.feedbackloop.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixAnswer;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.redact.Redactor;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A scenario's fix analyses as the read API shows them (the design's {@code failure_analysis}): each model call's
 * model, tokens, latency, cost and fault, and the result with the guard's verdict and findings and the proposed fix's
 * explanation and steps. Never a key or a prompt: only the prompt's hash is stored, and every text a model or a
 * report wrote is redacted again on the way out. The fix's whole file is left out; its diff is on the scenario's
 * recommendation.
 */
final class FixAnalysisJson {

    private static final Redactor REDACTOR = Redactor.standard();

    private FixAnalysisJson() {
    }

    static void analyses(JsonGenerator g, List<FixAnalysis> analyses) throws IOException {
        g.writeArrayFieldStart("analyses");
        for (FixAnalysis analysis : analyses) {
            analysis(g, analysis);
        }
        g.writeEndArray();
    }

    private static void analysis(JsonGenerator g, FixAnalysis analysis) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", analysis.key().id());
        g.writeStringField("sourceVersion", analysis.key().sourceVersion());
        g.writeStringField("analysisVersion", analysis.key().analysisVersion());
        g.writeStringField("recommendationId", analysis.recommendationId());
        g.writeStringField("claimedAt", analysis.claimedAt().toString());
        g.writeArrayFieldStart("calls");
        for (ModelCall call : analysis.calls()) {
            call(g, call);
        }
        g.writeEndArray();
        g.writeFieldName("result");
        if (analysis.recommendation().isPresent()) {
            result(g, analysis.recommendation().get());
        } else {
            g.writeNull(); // claimed, not finished (or finishing now)
        }
        g.writeEndObject();
    }

    private static void call(JsonGenerator g, ModelCall call) throws IOException {
        g.writeStartObject();
        g.writeNumberField("round", call.round());
        g.writeStringField("provider", call.provider());
        g.writeStringField("model", call.model());
        g.writeStringField("promptSha256", call.promptSha256());
        g.writeNumberField("estimatedInputTokens", call.estimatedInputTokens());
        g.writeNumberField("inputTokens", call.usage().inputTokens());
        g.writeNumberField("outputTokens", call.usage().outputTokens());
        g.writeNumberField("cacheReadTokens", call.usage().cacheReadTokens());
        g.writeNumberField("cacheWriteTokens", call.usage().cacheWriteTokens());
        g.writeNumberField("latencyMillis", call.latency().toMillis());
        g.writeStringField("costUsd", call.costUsd().toPlainString());
        g.writeNumberField("attempts", call.attempts());
        ViewJson.nullable(g, "fault", call.fault().map(f -> f.name().toLowerCase(Locale.ROOT)));
        ViewJson.nullable(g, "faultMessage", call.faultMessage().map(REDACTOR::redact));
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, FixRecommendation r) throws IOException {
        g.writeStartObject();
        g.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        g.writeBooleanField("generated", r.generated());
        ViewJson.nullable(g, "rootCause", r.rootCause().map(c -> REDACTOR.redact(c.primary().statement())));
        if (r.confidence().isPresent()) {
            g.writeNumberField("confidence", r.confidence().getAsDouble());
        } else {
            g.writeNullField("confidence");
        }
        g.writeObjectFieldStart("guard");
        g.writeStringField("verdict", verdict(r.outcome()));
        g.writeArrayFieldStart("findings");
        for (Finding f : r.guardFindings()) {
            g.writeStartObject();
            g.writeStringField("rule", f.rule().id());
            g.writeStringField("severity", f.severity().name().toLowerCase(Locale.ROOT));
            if (f.line().isPresent()) {
                g.writeNumberField("line", f.line().getAsInt());
            } else {
                g.writeNullField("line");
            }
            g.writeStringField("message", REDACTOR.redact(f.message()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        fix(g, r.fix());
        redacted(g, "advice", r.advice());
        g.writeStringField("note", REDACTOR.redact(r.note()));
        g.writeEndObject();
    }

    /** Accepted for a draft, rejected when both fixes were refused, none when no fix reached the guard. */
    private static String verdict(FixOutcome outcome) {
        return switch (outcome) {
            case DRAFT -> "accepted";
            case REJECTED_BY_GUARD -> "rejected";
            default -> "none";
        };
    }

    private static void fix(JsonGenerator g, Optional<FixAnswer.ProposedFix> fix) throws IOException {
        if (fix.isEmpty()) {
            g.writeNullField("fix");
            return;
        }
        g.writeObjectFieldStart("fix");
        g.writeStringField("path", REDACTOR.redact(fix.get().path()));
        g.writeNumberField("lines", fix.get().content().split("\n", -1).length);
        g.writeStringField("explanation", REDACTOR.redact(fix.get().explanation()));
        redacted(g, "steps", fix.get().steps());
        redacted(g, "validation", fix.get().validation());
        g.writeEndObject();
    }

    private static void redacted(JsonGenerator g, String name, List<String> texts) throws IOException {
        g.writeArrayFieldStart(name);
        for (String text : texts) {
            g.writeString(REDACTOR.redact(text));
        }
        g.writeEndArray();
    }
}
