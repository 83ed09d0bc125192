package dev.feedbackloop.store;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a test went in one run, without the attempts' text: one line of its history.
 *
 * @param run            the run
 * @param runTime        the run's time (see {@link StoredRun#runTime()})
 * @param status         the test's final status in that run
 * @param attempts       how many times it ran (1 = no retry)
 * @param durationMillis wall time over all attempts, in milliseconds
 * @param fingerprint    the scenario its failure belongs to, if it failed and was classified
 * @param category       the root cause, if classified
 * @param headline       first words of its last failure (at most 300 characters), if it failed
 */
public record HistoryEntry(RunKey run, Instant runTime, TestStatus status, int attempts, long durationMillis,
                           Optional<Fingerprint> fingerprint, Optional<Category> category,
                           Optional<String> headline) {

    public HistoryEntry {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(status, "status");
        if (attempts < 1) {
            throw new IllegalArgumentException("a history entry needs at least one attempt, was " + attempts);
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must be >= 0 ms, was " + durationMillis);
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
        headline = Objects.requireNonNull(headline, "headline").filter(h -> !h.isBlank());
    }
}
