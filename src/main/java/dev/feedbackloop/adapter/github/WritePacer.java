package dev.feedbackloop.adapter.github;

import dev.feedbackloop.tracker.IssueTrackerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Keeps writes under GitHub's secondary rate limit for content creation ("no more than 80 content-generating requests
 * per minute", docs.github.com, "Rate limits for the REST API"): before a write, waits until fewer than
 * {@code perMinute} writes were sent in the last minute. Not thread-safe: one sync writes serially, as GitHub asks.
 */
final class WritePacer {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> sent = new ArrayDeque<>();

    WritePacer(int perMinute, Clock clock, Sleeper sleeper) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("writes per minute must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Waits, if needed, then counts one write as sent now. */
    void beforeWrite() {
        forgetOlderThanAMinute();
        if (sent.size() >= perMinute) {
            Duration wait = Duration.between(clock.instant(), sent.peekFirst().plus(WINDOW));
            if (!wait.isNegative() && !wait.isZero()) {
                sleep(sleeper, wait);
            }
            forgetOlderThanAMinute();
        }
        sent.addLast(clock.instant());
    }

    private void forgetOlderThanAMinute() {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(cutoff)) {
            sent.removeFirst();
        }
    }

    static void sleep(Sleeper sleeper, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssueTrackerException("interrupted while waiting " + wait.toSeconds() + " s for GitHub", e);
        }
    }
}
