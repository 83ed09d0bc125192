package dev.feedbackloop.report.ctrf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * One CTRF test object, already valid against the schema, as a {@link TestResult}.
 *
 * <p>Statuses: {@code passed}, {@code failed} and {@code skipped} map one to one. {@code pending} (declared but
 * not run: todo, pending, not yet implemented) is {@link AttemptStatus#SKIPPED}. {@code other} is what a tool
 * writes for an outcome CTRF has no word for (interrupted, broken, unknown): with a failure message or trace it is
 * an {@link AttemptStatus#ERROR}, since something went wrong that a person should see; without either it is
 * {@link AttemptStatus#SKIPPED}. The raw status is kept as the property {@code ctrf.status}.
 *
 * <p>Attempts: producers write retries two ways. Some list every execution in {@code retryAttempts}, the final one
 * included (the CTRF example: {@code retries: 2} and attempts 1-3); others list only the earlier, failed executions
 * and leave the final one to the test's own fields ({@code retries} equal to the list's length). The list is taken to
 * include the final execution when it holds {@code retries + 1} entries, or, without {@code retries}, when its last
 * entry has the test's final status; otherwise the test's own fields are appended as the final attempt. With no
 * {@code retryAttempts}, {@code retries: N} gives N earlier attempts without details (failing, as retries follow
 * failures), and {@code flaky: true} on a passed test means at least one. The test's {@code duration} goes to its
 * final attempt; attempts without details take 0 ms.
 *
 * <p>Identity: {@code suite} (the hierarchy) joined with {@code " › "} is the suite (a pre-1.0 document's string
 * {@code suite} is the suite as written), {@code filePath} the file.
 * {@code type}, {@code labels}, the scalar values of {@code extra} (where generator metadata such as
 * {@code promptVersion} lives), {@code browser}, {@code device}, {@code threadId} and {@code rawStatus} become
 * properties.
 */
final class CtrfTests {

    static final String SUITE_SEPARATOR = " › ";
    static final String STATUS_PROPERTY = "ctrf.status";

    private CtrfTests() {
    }

    static TestResult toResult(JsonNode test) {
        return TestResult.of(testCase(test), attempts(test));
    }

    private static TestCase testCase(JsonNode test) {
        String suite = "";
        JsonNode suiteNode = test.get("suite");
        if (suiteNode != null && suiteNode.isArray()) {
            StringJoiner joiner = new StringJoiner(SUITE_SEPARATOR);
            suiteNode.forEach(part -> joiner.add(part.asText()));
            suite = joiner.toString();
        } else if (suiteNode != null && suiteNode.isTextual()) {
            suite = suiteNode.asText(); // pre-1.0 CTRF: the hierarchy as one string, kept as written
        }
        OptionalInt line = JsonInput.integer(test, "line").stream()
                .filter(l -> l > 0 && l <= Integer.MAX_VALUE).mapToInt(l -> (int) l).findFirst();
        List<String> tags = new ArrayList<>();
        test.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new TestCase(suite, JsonInput.text(test, "name").orElse(""), JsonInput.text(test, "filePath"), line,
                tags, properties(test));
    }

    private static Map<String, String> properties(JsonNode test) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : test.path("labels").properties()) {
            properties.put(label.getKey(), scalarOrList(label.getValue()));
        }
        for (Map.Entry<String, JsonNode> extra : test.path("extra").properties()) {
            if (extra.getValue().isValueNode() && !extra.getValue().isNull()) {
                properties.put(extra.getKey(), extra.getValue().asText());
            }
        }
        JsonInput.text(test, "type").ifPresent(type -> properties.put(TestCase.TEST_TYPE, type));
        for (String field : List.of("browser", "device", "threadId", "rawStatus")) {
            JsonInput.text(test, field).ifPresent(value -> properties.put(field, value));
        }
        String status = JsonInput.text(test, "status").orElse("");
        if (status.equals("pending") || status.equals("other")) {
            properties.put(STATUS_PROPERTY, status);
        }
        return properties;
    }

    private static List<Attempt> attempts(JsonNode test) {
        List<JsonNode> listed = new ArrayList<>();
        test.path("retryAttempts").forEach(listed::add);
        listed.sort(Comparator.comparingLong(a -> a.path("attempt").asLong()));
        List<Attempt> attempts = new ArrayList<>();
        if (listed.isEmpty()) {
            attempts.addAll(undetailedEarlierAttempts(test));
        } else {
            listed.forEach(a -> attempts.add(attempt(attempts.size(), a, a.path("duration").asLong(0))));
        }
        if (listed.isEmpty() || !listIncludesFinal(test, listed)) {
            attempts.add(attempt(attempts.size(), test, test.path("duration").asLong(0)));
        }
        return attempts;
    }

    private static boolean listIncludesFinal(JsonNode test, List<JsonNode> listed) {
        JsonNode retries = test.get("retries");
        if (retries != null && retries.isIntegralNumber()) {
            if (listed.size() == retries.asLong() + 1) {
                return true;
            }
            if (listed.size() == retries.asLong()) {
                return false;
            }
        }
        return status(listed.get(listed.size() - 1)) == status(test);
    }

    private static List<Attempt> undetailedEarlierAttempts(JsonNode test) {
        AttemptStatus last = status(test);
        if (last == AttemptStatus.SKIPPED) {
            return List.of();
        }
        long retries = Math.max(0, test.path("retries").asLong(0));
        if (last == AttemptStatus.PASSED && test.path("flaky").asBoolean(false)) {
            retries = Math.max(1, retries);
        }
        AttemptStatus earlier = last == AttemptStatus.PASSED ? AttemptStatus.FAILED : last;
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < retries; i++) {
            attempts.add(Attempt.failing(i, earlier, 0, Failure.of("")));
        }
        return attempts;
    }

    /** An attempt from a test object or a retry-attempt object, which share their field names. */
    private static Attempt attempt(int index, JsonNode node, long durationMillis) {
        AttemptStatus status = status(node);
        String message = TextLimits.cap(ErrorMessages.stripAnsi(JsonInput.text(node, "message").orElse("")),
                TextLimits.MESSAGE);
        String trace = TextLimits.cap(ErrorMessages.stripAnsi(JsonInput.text(node, "trace").orElse("")),
                TextLimits.STACK_TRACE);
        Optional<Failure> failure = Optional.empty();
        boolean skipReason = status == AttemptStatus.SKIPPED && !(message.isBlank() && trace.isBlank());
        if (status.isFailing() || skipReason) {
            Optional<String> type = ErrorMessages.leadingType(message).or(() -> ErrorMessages.leadingType(trace));
            failure = Optional.of(new Failure(message, type, Optional.of(trace)));
        }
        return new Attempt(index, status, Math.max(0, durationMillis), failure, lines(node.get("stdout")),
                lines(node.get("stderr")));
    }

    private static AttemptStatus status(JsonNode node) {
        return switch (JsonInput.text(node, "status").orElse("other")) {
            case "passed" -> AttemptStatus.PASSED;
            case "failed" -> AttemptStatus.FAILED;
            case "skipped", "pending" -> AttemptStatus.SKIPPED;
            default -> hasFailureText(node) ? AttemptStatus.ERROR : AttemptStatus.SKIPPED;
        };
    }

    private static boolean hasFailureText(JsonNode node) {
        return !JsonInput.text(node, "message").orElse("").isBlank()
                || !JsonInput.text(node, "trace").orElse("").isBlank();
    }

    private static String lines(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("\n");
        array.forEach(line -> joined.add(line.asText()));
        return TextLimits.cap(ErrorMessages.stripAnsi(joined.toString()), TextLimits.OUTPUT);
    }

    private static String scalarOrList(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        StringJoiner joiner = new StringJoiner(", ");
        value.forEach(v -> joiner.add(v.asText()));
        return joiner.toString();
    }
}
