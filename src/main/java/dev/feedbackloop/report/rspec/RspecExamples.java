package dev.feedbackloop.report.rspec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonFields;
import dev.feedbackloop.report.json.RepeatedNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RSpec example ({@code description}, {@code full_description}, {@code status}, {@code file_path},
 * {@code line_number}, {@code run_time}, {@code pending_message}, {@code exception}) as a result.
 *
 * <p>Identity: the suite is the example group path ({@code full_description} without the trailing
 * {@code description}), the name the {@code description}; file and line are {@code file_path} and
 * {@code line_number}. Examples sharing suite and name (generated descriptions such as {@code is expected to eq 3})
 * are numbered ({@link RepeatedNames}).
 *
 * <p>Outcome: {@code passed}; {@code pending} (skipped, {@code xit}, or {@code pending} that failed as expected) is
 * skipped with {@code pending_message} as the reason; {@code failed} failed when its exception is an expectation
 * or mock failure ({@code RSpec::Expectations::*}, {@code RSpec::Mocks::*}, a pending example that passed, a Minitest
 * assertion), and was an error for any other exception ({@code NoMethodError}, {@code Timeout::Error}): the code
 * under test, not a check, went wrong. The exception's class is the failure type, its message the message, its
 * backtrace the stack trace.
 */
final class RspecExamples {

    // Exceptions that mean "a check did not hold": RSpec's expectation and mock failures, a pending example that
    // passed, Minitest's assertions.
    private static final Pattern CHECK_FAILURE = Pattern.compile(
            "^(?:RSpec::(?:Expectations|Mocks)::\\w+(?:::\\w+)*"  // RSpec::Expectations::ExpectationNotMetError
                    + "|RSpec::Core::Pending::PendingExampleFixedError"
                    + "|Minitest::Assertion)$");
    // A Ruby exception class alone on a line, as RSpec prints it in messages: "NameError:" or "  NoMethodError:"
    private static final Pattern ERROR_LINE = Pattern.compile(
            "^[ \\t]*+([A-Z]\\w{0,100}(?:::[A-Z]\\w{0,100}){0,10}):[ \\t]*$", Pattern.MULTILINE);

    private RspecExamples() {
    }

    static TestResult toResult(JsonFields example, RepeatedNames names) {
        String description = example.text("description").orElse("");
        String full = example.text("full_description").orElse(description);
        if (description.isBlank()) {
            description = full;
        }
        if (description.isBlank()) {
            throw example.problem("description", "is required: an example needs a description");
        }
        String suite = full.endsWith(description) && !full.equals(description)
                ? full.substring(0, full.length() - description.length()).strip() : "";
        long line = example.integer("line_number").orElse(0);
        TestCase test = new TestCase(suite, names.name(suite, description),
                example.text("file_path").filter(f -> !f.isBlank()),
                line > 0 && line <= Integer.MAX_VALUE ? OptionalInt.of((int) line) : OptionalInt.empty(),
                List.of(), Map.of());
        return TestResult.of(test, List.of(attempt(example)));
    }

    private static Attempt attempt(JsonFields example) {
        long millis = Math.round(Math.max(0, example.number("run_time").orElse(0)) * 1000);
        String status = example.requiredText("status");
        return switch (status) {
            case "passed" -> Attempt.passed(0, millis);
            case "pending" -> {
                String reason = example.text("pending_message").orElse("");
                yield new Attempt(0, AttemptStatus.SKIPPED, millis,
                        reason.isBlank() ? Optional.empty() : Optional.of(Failure.of(reason)), "", "");
            }
            case "failed" -> {
                JsonFields exception = example.object("exception");
                Optional<String> type = exception.text("class").filter(c -> !c.isBlank());
                boolean checkFailed = type.map(c -> CHECK_FAILURE.matcher(c).matches()).orElse(true);
                yield Attempt.failing(0, checkFailed ? AttemptStatus.FAILED : AttemptStatus.ERROR, millis,
                        failure(exception, type));
            }
            default -> throw example.problem("status", "must be passed, failed or pending, was \"" + status + "\"");
        };
    }

    private static Failure failure(JsonFields exception, Optional<String> type) {
        String message = ErrorMessages.stripAnsi(exception.text("message").orElse(""));
        StringJoiner backtrace = new StringJoiner("\n");
        JsonNode lines = exception.array("backtrace");
        for (int i = 0; i < lines.size() && backtrace.length() < TextLimits.STACK_TRACE * 2; i++) {
            backtrace.add(lines.get(i).asText());
        }
        return new Failure(TextLimits.cap(message, TextLimits.MESSAGE), type,
                Optional.of(TextLimits.cap(backtrace.toString(), TextLimits.STACK_TRACE)));
    }

    /** The exception class RSpec names on a line of its own in a message ({@code NameError:}), if any. */
    static Optional<String> namedError(String message) {
        Matcher named = ERROR_LINE.matcher(message);
        return named.find() ? Optional.of(named.group(1)) : ErrorMessages.leadingType(message);
    }
}
