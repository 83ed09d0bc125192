package dev.feedbackloop.report.gotest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.json.JsonFields;
import java.util.Optional;

/**
 * One test2json event, its fields checked as it is read: {@code Action} is required; {@code Package}, {@code Test},
 * {@code Output}, {@code ImportPath}, {@code FailedBuild}, {@code Time}, {@code Key} and {@code Value} are strings
 * and {@code Elapsed} (seconds) a number when present. A field of the wrong type is an error naming the line.
 */
record GoEvent(String action, String pkg, Optional<String> test, String output, String importPath,
               Optional<String> failedBuild, Optional<String> time, String key, String value, long elapsedMillis) {

    static GoEvent of(JsonNode node, int line) {
        JsonFields fields = JsonFields.ofLine(node, line);
        String action = fields.text("Action").filter(a -> !a.isEmpty())
                .orElseThrow(() -> fields.problem("Action", "is required: every go test event has an action"));
        double elapsed = fields.number("Elapsed").orElse(0);
        Optional<String> test = fields.text("Test").filter(t -> !t.isEmpty());
        if (action.equals("run") && test.isEmpty()) {
            throw fields.problem("Test", "is required for a 'run' event");
        }
        return new GoEvent(action, fields.text("Package").orElse(""),
                test, fields.text("Output").orElse(""),
                fields.text("ImportPath").orElse(""), fields.text("FailedBuild").filter(b -> !b.isEmpty()),
                fields.text("Time"), fields.text("Key").orElse(""), fields.text("Value").orElse(""),
                elapsed > 0 ? Math.round(Math.min(elapsed, 1e9) * 1000) : 0);
    }

    /** The test of a {@code run} event, which always names one. */
    String requireTest() {
        return test.orElseThrow();
    }
}
