package dev.feedbackloop.regenerate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.regenerate.FixAnswer.Hypothesis;
import java.util.List;
import java.util.Locale;

/**
 * A {@link FixAnswer} written back in the answer schema's JSON, to be stored and read again with
 * {@link FixAnswerSchema#read} (a redelivered piece of work goes on from the stored answer).
 */
public final class FixAnswerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixAnswerJson() {
    }

    /** The answer as one JSON object valid against the answer schema. */
    public static String write(FixAnswer answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", answer.fix().isPresent() ? "fix" : "cannot_fix");
        ObjectNode cause = root.putObject("rootCause");
        cause.set("primary", hypothesis(answer.rootCause().primary()));
        ArrayNode secondary = cause.putArray("secondary");
        answer.rootCause().secondary().forEach(h -> secondary.add(hypothesis(h)));
        answer.fix().ifPresentOrElse(fix -> {
            ObjectNode f = root.putObject("fix");
            f.put("path", fix.path());
            f.put("content", fix.content());
            f.put("explanation", fix.explanation());
            strings(f.putArray("steps"), fix.steps());
            strings(f.putArray("validation"), fix.validation());
        }, () -> root.putNull("fix"));
        answer.cannotFix().ifPresentOrElse(c -> {
            ObjectNode n = root.putObject("cannotFix");
            n.put("reason", c.reason().name().toLowerCase(Locale.ROOT));
            n.put("explanation", c.explanation());
        }, () -> root.putNull("cannotFix"));
        return root.toString();
    }

    private static ObjectNode hypothesis(Hypothesis h) {
        ObjectNode node = JSON.createObjectNode();
        node.put("statement", h.statement());
        node.put("confidence", h.confidence());
        ArrayNode evidence = node.putArray("evidence");
        h.evidence().forEach(e -> evidence.addObject().put("source", e.source().name().toLowerCase(Locale.ROOT))
                .put("excerpt", e.excerpt()));
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
