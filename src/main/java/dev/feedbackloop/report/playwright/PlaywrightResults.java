package dev.feedbackloop.report.playwright;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** One Playwright test result (one retry) as an {@link Attempt}; see {@link PlaywrightSpecs} for the statuses. */
final class PlaywrightResults {

    private PlaywrightResults() {
    }

    static Attempt attempt(int index, JsonNode result, String expectedStatus, Optional<String> skipReason) {
        String status = JsonInput.text(result, "status").orElse("");
        AttemptStatus attemptStatus = status(status, expectedStatus);
        long duration = Math.max(0, Math.round(result.path("duration").asDouble(0)));
        Optional<Failure> failure = switch (attemptStatus) {
            case PASSED -> Optional.empty();
            case SKIPPED -> status.equals("interrupted")
                    ? Optional.of(Failure.of("interrupted: the run stopped before this test finished"))
                    : skipReason.map(Failure::of);
            case FAILED, ERROR -> Optional.of(failure(errors(result), Optional.ofNullable(result.get("errorLocation")),
                    fallbackMessage(status, expectedStatus)));
        };
        return new Attempt(index, attemptStatus, duration, failure, output(result.get("stdout")),
                output(result.get("stderr")), attachments(result.path("attachments")));
    }

    /**
     * {@code attachments[]}: {@code {name, contentType, path}} for a file Playwright wrote, or {@code {name,
     * contentType, body}} with the content in base64 (the {@code error-context} page snapshot may come inline); the
     * first {@link Attachment#MAX_PER_ATTEMPT} are kept, see {@link Attachment#capped}.
     */
    static List<Attachment> attachments(JsonNode attachments) {
        if (!attachments.isArray()) {
            return List.of();
        }
        List<Attachment> kept = new ArrayList<>();
        for (JsonNode a : attachments) {
            if (kept.size() == Attachment.MAX_PER_ATTEMPT) {
                break;
            }
            String name = JsonInput.text(a, "name").orElse(null);
            String body = Attachment.ERROR_CONTEXT.equals(name)
                    ? JsonInput.text(a, "body").map(PlaywrightResults::decodeText).orElse(null) : null;
            Attachment.capped(name, JsonInput.text(a, "contentType").orElse(null),
                    JsonInput.text(a, "path").orElse(null), body).ifPresent(kept::add);
        }
        return kept;
    }

    /** An inline body: base64 as Playwright writes it, or the text itself when it is not base64. */
    private static String decodeText(String body) {
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    static AttemptStatus status(String status, String expectedStatus) {
        return switch (status) {
            case "skipped", "interrupted" -> AttemptStatus.SKIPPED;
            case "timedOut" -> AttemptStatus.ERROR; // never an expected status
            default -> status.equals(expectedStatus) ? AttemptStatus.PASSED : AttemptStatus.FAILED;
        };
    }

    /**
     * The failure of an attempt from Playwright errors ({@code message}, {@code stack}, {@code location}): the first
     * error's message with any further errors (soft assertions) after it, the first error's stack, or where it
     * happened when there is no stack. ANSI colours are removed; text is capped by {@link TextLimits}.
     */
    static Failure failure(List<JsonNode> errors, Optional<JsonNode> location, String fallbackMessage) {
        if (errors.isEmpty()) {
            return new Failure(fallbackMessage, Optional.empty(), location.flatMap(PlaywrightResults::where));
        }
        JsonNode first = errors.get(0);
        StringBuilder message = new StringBuilder(errorMessage(first));
        for (JsonNode more : errors.subList(1, errors.size())) {
            message.append("\n\n").append(errorMessage(more));
        }
        String stack = ErrorMessages.stripAnsi(JsonInput.text(first, "stack").orElse(""));
        if (stack.isBlank()) {
            stack = where(first.path("location")).or(() -> location.flatMap(PlaywrightResults::where)).orElse("");
        }
        String text = message.toString().isBlank() ? fallbackMessage : message.toString();
        Optional<String> type = ErrorMessages.leadingType(stack).or(() -> ErrorMessages.leadingType(text));
        return new Failure(TextLimits.cap(text, TextLimits.MESSAGE), type,
                Optional.of(TextLimits.cap(stack, TextLimits.STACK_TRACE)));
    }

    /** {@code error} and {@code errors} of a result; Playwright writes the first of {@code errors} as {@code error}. */
    private static List<JsonNode> errors(JsonNode result) {
        List<JsonNode> errors = new ArrayList<>();
        JsonNode error = result.get("error");
        JsonNode all = result.path("errors");
        if (error != null && error.isObject()) {
            errors.add(error);
            for (int i = 1; i < all.size(); i++) {
                errors.add(all.get(i));
            }
        } else {
            all.forEach(errors::add);
        }
        return errors;
    }

    private static String errorMessage(JsonNode error) {
        // 'value' is what Playwright records when something other than an Error was thrown.
        return ErrorMessages.stripAnsi(JsonInput.text(error, "message").or(() -> JsonInput.text(error, "value"))
                .orElse("")).strip();
    }

    private static Optional<String> where(JsonNode location) {
        return JsonInput.text(location, "file").map(file -> "    at " + file + ":" + location.path("line").asInt()
                + ":" + location.path("column").asInt());
    }

    private static String fallbackMessage(String status, String expectedStatus) {
        if (status.equals("passed")) {
            return "expected to " + expectedStatus.replace("failed", "fail") + ", but passed";
        }
        return (status.equals("timedOut") ? "timed out" : status.isEmpty() ? "no status" : status)
                + " (the report gives no error details)";
    }

    /** stdout or stderr: chunks of {@code {text}} or base64 {@code {buffer}}, in the order they were written. */
    private static String output(JsonNode chunks) {
        if (chunks == null || !chunks.isArray() || chunks.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode chunk : chunks) {
            if (chunk.has("text")) {
                out.append(chunk.path("text").asText());
            } else if (chunk.has("buffer")) {
                out.append(decode(chunk.path("buffer").asText()));
            } else if (chunk.isTextual()) {
                out.append(chunk.asText());
            }
        }
        return TextLimits.cap(ErrorMessages.stripAnsi(out.toString()), TextLimits.OUTPUT);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "[undecodable output buffer]";
        }
    }
}
