package dev.feedbackloop.report.mocha;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonFields;
import dev.feedbackloop.report.json.JsonInput;
import dev.feedbackloop.report.json.RepeatedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One entry of a mocha JSON report ({@code title}, {@code fullTitle}, {@code file}, {@code duration},
 * {@code currentRetry}, {@code err}) as a result.
 *
 * <p>Identity: the suite is the describe path ({@code fullTitle} without the trailing {@code title}), the name the
 * {@code title}, the file {@code file}. A test outside any describe has no suite; its identity then rests on its
 * file. Tests sharing suite and name are numbered ({@link RepeatedNames}).
 *
 * <p>Outcome: in {@code passes}, {@code pending} and {@code failures} the array says it. In {@code tests}, mocha
 * writes no status, so it is read from what mocha fills in: an {@code err} with a message or stack failed; otherwise a
 * test with a {@code duration} ran and passed, and one without was pending (skipped); a {@code state} field, which
 * some writers add, is used when present. A failure is an error when it is mocha's timeout ({@code ERR_MOCHA_TIMEOUT},
 * {@code Timeout of 2000ms exceeded}) or a failed hook, else failed. {@code currentRetry: N} on the final entry means N
 * earlier tries, all failed (mocha retries only after a failure), so a passed test with retries is flaky.
 */
final class MochaTests {

    /** Where an entry was read, which decides its outcome. */
    enum Kind { ENDED, PASSES, PENDING, FAILURES, HOOK }

    // mocha titles hooks "\"before each\" hook for \"test\"", "\"after all\" hook in \"suite\"", "\"before all\" hook: name"
    private static final Pattern HOOK_TITLE = Pattern.compile("^\"(?:before|after) (?:all|each)\" hook\\b");
    private static final Pattern TIMEOUT = Pattern.compile("^Timeout of \\d+ms exceeded");
    private static final int MAX_RETRIES = 99;

    private MochaTests() {
    }

    static boolean isHook(JsonFields entry) {
        return HOOK_TITLE.matcher(entry.text("title").orElse("")).find();
    }

    static TestResult toResult(JsonFields entry, Kind kind, RepeatedNames names) {
        String title = entry.requiredText("title");
        String fullTitle = entry.text("fullTitle").orElse(title);
        String suite = fullTitle.endsWith(title) ? fullTitle.substring(0, fullTitle.length() - title.length()).strip()
                : "";
        String name = suite.isEmpty() && !fullTitle.endsWith(title) ? fullTitle : title;
        if (name.isBlank()) {
            throw entry.problem("title", "must not be blank");
        }
        TestCase test = new TestCase(suite, names.name(suite, name), entry.text("file").filter(f -> !f.isBlank()),
                OptionalInt.empty(), List.of(), Map.of());
        return TestResult.of(test, attempts(entry, kind));
    }

    private static List<Attempt> attempts(JsonFields entry, Kind kind) {
        long duration = Math.round(Math.max(0, entry.number("duration").orElse(0)));
        AttemptStatus status = status(entry, kind);
        List<Attempt> attempts = new ArrayList<>();
        long retries = Math.min(MAX_RETRIES, Math.max(0, entry.integer("currentRetry").orElse(0)));
        if (status != AttemptStatus.SKIPPED) {
            for (int i = 0; i < retries; i++) {
                attempts.add(Attempt.failing(i, AttemptStatus.FAILED, 0, Failure.of("")));
            }
        }
        int index = attempts.size();
        attempts.add(status.isFailing() ? Attempt.failing(index, status, duration, failure(entry))
                : new Attempt(index, status, duration, Optional.empty(), "", ""));
        return attempts;
    }

    private static AttemptStatus status(JsonFields entry, Kind kind) {
        boolean failed = switch (kind) {
            case PASSES -> false;
            case PENDING -> false;
            case FAILURES, HOOK -> true;
            case ENDED -> endedFailed(entry);
        };
        if (kind == Kind.PENDING || (kind == Kind.ENDED && !failed && isPending(entry))) {
            return AttemptStatus.SKIPPED;
        }
        if (!failed) {
            return AttemptStatus.PASSED;
        }
        return kind == Kind.HOOK || isTimeout(entry.object("err")) ? AttemptStatus.ERROR : AttemptStatus.FAILED;
    }

    private static boolean endedFailed(JsonFields entry) {
        Optional<String> state = entry.text("state");
        if (state.isPresent()) {
            return state.get().equals("failed");
        }
        JsonFields err = entry.object("err");
        return err.has("message") || err.has("stack");
    }

    private static boolean isPending(JsonFields entry) {
        Optional<String> state = entry.text("state");
        return state.map(s -> s.equals("pending")).orElseGet(() -> !entry.has("duration"));
    }

    private static boolean isTimeout(JsonFields err) {
        return "ERR_MOCHA_TIMEOUT".equals(scalar(err.node().get("code")))
                || TIMEOUT.matcher(scalar(err.node().get("message"))).find();
    }

    /** The failure of an entry's {@code err}: mocha copies the error's own properties, whatever their types. */
    private static Failure failure(JsonFields entry) {
        JsonNode err = entry.object("err").node();
        String message = TextLimits.cap(ErrorMessages.stripAnsi(scalar(err.get("message"))), TextLimits.MESSAGE);
        String stack = TextLimits.cap(ErrorMessages.stripAnsi(scalar(err.get("stack"))), TextLimits.STACK_TRACE);
        Optional<String> type = Optional.of(scalar(err.get("name"))).filter(n -> !n.isBlank())
                .or(() -> ErrorMessages.leadingType(stack)).or(() -> ErrorMessages.leadingType(message));
        return new Failure(message, type, Optional.of(stack));
    }

    /** A value as text: strings as they are, other scalars as written, objects and arrays as JSON, null as empty. */
    private static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : JsonInput.toJson(value);
    }
}
