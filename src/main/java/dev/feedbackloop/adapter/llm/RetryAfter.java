package dev.feedbackloop.adapter.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a provider asked to wait: {@code retry-after-ms} (OpenAI, Azure OpenAI), else {@code retry-after} in
 * seconds (Anthropic, OpenAI; RFC 9110 also allows an HTTP date, honoured against the clock).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(HttpTransport.Response response, Clock clock) {
        Optional<Duration> millis = response.header("retry-after-ms").flatMap(v -> number(v, 1));
        if (millis.isPresent()) {
            return millis;
        }
        return response.header("retry-after").flatMap(v -> number(v, 1000).or(() -> date(v, clock)));
    }

    private static Optional<Duration> number(String value, long millisPerUnit) {
        try {
            double units = Double.parseDouble(value.trim());
            return units >= 0 && units < 1e9 ? Optional.of(Duration.ofMillis((long) Math.ceil(units * millisPerUnit)))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> date(String value, Clock clock) {
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
