package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.guard.Framework;
import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.guard.GuardVerdict;
import dev.feedbackloop.guard.ProposedFix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a fix-guard JSON Lines file: {@code {"id", "framework", "file", "test", "category", "failure",
 * "original", "proposed"}} with optional {@code proposedFile} (the path the proposal is for) and {@code snapshot}
 * (the page's ARIA snapshot); for evaluation also {@code expected} ({@code accept}|{@code reject}), {@code rules}
 * and {@code hard}. Other fields are ignored.
 */
final class GuardLines {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a labelled line says the verdict should be. */
    record Label(boolean reject, List<GuardRule> rules, boolean hard) {
    }

    /** A parsed line. */
    record Line(String id, ProposedFix fix, Optional<Label> label) {
    }

    private GuardLines() {
    }

    static Line parse(String text) throws BadLine {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("expected a JSON object", null);
        }
        String id = node.hasNonNull("id") && node.get("id").isValueNode() ? node.get("id").asText() : null;
        if (id == null || id.isBlank()) {
            throw new BadLine("missing \"id\"", null);
        }
        String name = required(node, "framework", id);
        Framework framework = Framework.byId(name).orElseThrow(() -> new BadLine("unknown \"framework\" '" + name
                + "' (known: " + Framework.knownIds() + ")", id));
        String file = required(node, "file", id);
        ProposedFix fix;
        try {
            fix = new ProposedFix(framework, file, optional(node, "proposedFile", id).orElse(file),
                    required(node, "test", id), optional(node, "category", id).filter(c -> !c.isBlank()),
                    optional(node, "failure", id).orElse(""), required(node, "original", id),
                    required(node, "proposed", id), optional(node, "snapshot", id)
                    .or(() -> optionalQuietly(node, "pageSnapshot")).filter(s -> !s.isBlank()));
        } catch (IllegalArgumentException e) {
            throw new BadLine(e.getMessage(), id);
        }
        return new Line(id, fix, label(node, id));
    }

    private static Optional<Label> label(JsonNode node, String id) throws BadLine {
        if (!node.hasNonNull("expected")) {
            return Optional.empty();
        }
        String expected = node.get("expected").asText();
        if (!expected.equals("accept") && !expected.equals("reject")) {
            throw new BadLine("\"expected\" must be \"accept\" or \"reject\", was '" + expected + "'", id);
        }
        List<GuardRule> rules = new ArrayList<>();
        JsonNode list = node.path("rules");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw new BadLine("\"rules\" must be an array of rule names", id);
        }
        for (JsonNode rule : list) {
            String ruleName = rule.asText();
            rules.add(GuardRule.byId(ruleName).orElseThrow(() -> new BadLine("unknown rule '" + ruleName
                    + "' in \"rules\"", id)));
        }
        JsonNode hard = node.path("hard");
        if (!hard.isMissingNode() && !hard.isNull() && !hard.isBoolean()) {
            throw new BadLine("\"hard\" must be true or false", id);
        }
        return Optional.of(new Label(expected.equals("reject"), rules, hard.asBoolean(false)));
    }

    private static String required(JsonNode node, String field, String id) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadLine("missing \"" + field + "\"", id);
        }
        if (!value.isTextual()) {
            throw new BadLine("\"" + field + "\" must be a string", id);
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode node, String field, String id) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadLine("\"" + field + "\" must be a string", id);
        }
        return Optional.of(value.asText());
    }

    private static Optional<String> optionalQuietly(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Writes {@code {"id", "verdict", "findings": [{"rule", "severity", "message", "line"}]}}. */
    static void write(JsonGenerator g, String id, GuardVerdict verdict) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("verdict", verdict.verdict());
        g.writeArrayFieldStart("findings");
        for (Finding f : verdict.findings()) {
            g.writeStartObject();
            g.writeStringField("rule", f.rule().id());
            g.writeStringField("severity", f.severity().id());
            g.writeStringField("message", f.message());
            if (f.line().isPresent()) {
                g.writeNumberField("line", f.line().getAsInt());
            } else {
                g.writeNullField("line");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes {@code {"line", "id"?, "error"}} in place of a bad line's verdict. */
    static void writeError(JsonGenerator g, long line, BadLine e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", line);
        if (e.id().isPresent()) {
            g.writeStringField("id", e.id().get());
        }
        g.writeStringField("error", e.getMessage());
        g.writeEndObject();
    }
}
