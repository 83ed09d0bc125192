package dev.feedbackloop.adapter.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a response is one of GitHub's rate limits, and how long it asks to wait (docs.github.com, "Rate limits for
 * the REST API", "Exceeding the rate limit"): {@code retry-after} seconds first; else, with
 * {@code x-ratelimit-remaining: 0}, until {@code x-ratelimit-reset} (epoch seconds); else a 403 whose message says
 * "secondary rate limit", or any 429, waits the default (GitHub asks for at least a minute).
 */
final class RateLimit {

    private RateLimit() {
    }

    static Optional<Duration> waitFor(GitHubHttp.Response response, Clock clock, Duration secondaryDefault) {
        if (response.status() != 403 && response.status() != 429) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = response.header("retry-after").flatMap(RateLimit::seconds);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        if (response.header("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent()) {
            Optional<Duration> untilReset = response.header("x-ratelimit-reset").flatMap(RateLimit::seconds)
                    .map(epoch -> Duration.between(clock.instant(), Instant.ofEpochSecond(epoch.toSeconds())))
                    .map(d -> d.isNegative() ? Duration.ZERO : d).map(d -> d.plusSeconds(1));
            if (untilReset.isPresent()) {
                return untilReset;
            }
        }
        boolean secondary = response.text().toLowerCase(Locale.ROOT).contains("secondary rate limit");
        return secondary || response.status() == 429 ? Optional.of(secondaryDefault) : Optional.empty();
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
