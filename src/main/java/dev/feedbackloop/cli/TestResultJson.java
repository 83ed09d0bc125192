package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.ClassifiedFailure;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the model of one test result as JSON. Every field is always present (absent values are {@code null}), so
 * consumers can rely on the shape:
 * <pre>{@code
 * {"id","suite","name","file","line","tags":[],"properties":{},"status","durationMillis",
 *  "classification":{"category","confidence","failureType","severity","autoFixable","assertionMethod",
 *                    "fingerprint","evidence"}|null,
 *  "attempts":[{"index","status","durationMillis","failure":{"message","type","stackTrace"}|null,"stdout","stderr"}]}
 * }</pre>
 * Statuses are lower case ({@code passed failed error skipped flaky}); durations are milliseconds. The
 * classification is that of the last failing attempt, present for failed, errored and flaky tests. Failure text,
 * stdout and stderr are written with secrets redacted ({@code [REDACTED:<kind>]}), so the output can go to CI logs.
 */
final class TestResultJson {

    private static final Redactor REDACTOR = Redactor.standard();

    private TestResultJson() {
    }

    /** Writes {@code raw}, redacted. */
    static void write(JsonGenerator json, TestResult raw, String project, FailureClassifier classifier)
            throws IOException {
        TestResult result = REDACTOR.redact(raw);
        TestCase test = result.test();
        json.writeStartObject();
        json.writeStringField("id", test.id(project).value());
        json.writeStringField("suite", test.suite());
        json.writeStringField("name", test.name());
        writeNullable(json, "file", test.file());
        json.writeFieldName("line");
        if (test.line().isPresent()) {
            json.writeNumber(test.line().getAsInt());
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("tags");
        for (String tag : test.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> property : test.properties().entrySet()) {
            json.writeStringField(property.getKey(), property.getValue());
        }
        json.writeEndObject();
        json.writeStringField("status", lowerCase(result.status()));
        json.writeNumberField("durationMillis", result.durationMillis());
        json.writeFieldName("classification");
        Optional<ClassifiedFailure> cause = classifier.classifyLastFailure(result);
        if (cause.isPresent()) {
            FailureJsonLines.writeClassification(json, cause.get().classification());
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("attempts");
        for (Attempt attempt : result.attempts()) {
            writeAttempt(json, attempt);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeAttempt(JsonGenerator json, Attempt attempt) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", attempt.index());
        json.writeStringField("status", lowerCase(attempt.status()));
        json.writeNumberField("durationMillis", attempt.durationMillis());
        json.writeFieldName("failure");
        if (attempt.failure().isPresent()) {
            Failure failure = attempt.failure().get();
            json.writeStartObject();
            json.writeStringField("message", failure.message());
            writeNullable(json, "type", failure.type());
            writeNullable(json, "stackTrace", failure.stackTrace());
            json.writeEndObject();
        } else {
            json.writeNull();
        }
        json.writeStringField("stdout", attempt.stdout());
        json.writeStringField("stderr", attempt.stderr());
        json.writeEndObject();
    }

    private static void writeNullable(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        } else {
            json.writeNullField(field);
        }
    }

    private static String lowerCase(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
