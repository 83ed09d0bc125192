package dev.feedbackloop.health;

import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run's results add up to, as far as the outage guard needs: how many tests ran, how many had a failure and
 * their root causes. A run reported in several parts (CI shards) is the {@link #plus} of its parts; {@link Counter}
 * adds up results one by one.
 *
 * @param ran                tests that ran (skipped ones left out)
 * @param failed             of those, the ones with a failed attempt: ended red (failed or errored), or passed only
 *                           on a retry. A blip of the network or the browser grid fails the first attempts and is
 *                           over by the retries; counting only the red ones would hide it, and every test it hit
 *                           would show a pass on retry (flaky evidence) from one incident
 * @param failuresByCategory root causes of those failures (of the failed attempt, for a pass on retry);
 *                           unclassified ones may be left out or counted as {@code UNKNOWN}
 */
public record RunTally(long ran, long failed, Map<Category, Long> failuresByCategory) {

    public RunTally {
        if (ran < 0 || failed < 0 || failed > ran) {
            throw new IllegalArgumentException("a run cannot have " + failed + " failed of " + ran + " tests run");
        }
        EnumMap<Category, Long> copy = new EnumMap<>(Category.class);
        Objects.requireNonNull(failuresByCategory, "failuresByCategory").forEach((category, n) -> {
            if (n != null && n > 0) {
                copy.put(category, n);
            }
        });
        long classified = copy.values().stream().mapToLong(Long::longValue).sum();
        if (classified > failed) {
            throw new IllegalArgumentException("a run with " + failed + " failures cannot have " + classified
                    + " failures by category");
        }
        failuresByCategory = Collections.unmodifiableMap(copy);
    }

    /** The tally of two parts of one run. */
    public RunTally plus(RunTally other) {
        EnumMap<Category, Long> merged = new EnumMap<>(Category.class);
        merged.putAll(failuresByCategory);
        other.failuresByCategory.forEach((c, n) -> merged.merge(c, n, Long::sum));
        return new RunTally(ran + other.ran, failed + other.failed, merged);
    }

    /** Failures classified {@code INFRA}. */
    public long infraFailures() {
        return failuresByCategory.getOrDefault(Category.INFRA, 0L);
    }

    /**
     * Failures of the test's environment: {@code INFRA} (a crashed browser, no Docker, a service down) and
     * {@code NAVIGATION_FAIL} (the test could not reach the page or server: DNS, a refused connection). The latter is
     * how a test sees an unreachable environment, so an incident shows as a mix of the two.
     */
    public long environmentFailures() {
        return infraFailures() + failuresByCategory.getOrDefault(Category.NAVIGATION_FAIL, 0L);
    }

    /** Adds up a run's results one at a time: what counts as ran and as failed is decided here only. */
    public static final class Counter {

        private long ran;
        private long failed;
        private final EnumMap<Category, Long> categories = new EnumMap<>(Category.class);

        /**
         * Counts one result: a skip is left out; a final failure or a pass on retry is a failure, with the root
         * cause of its (last) failed attempt, {@code UNKNOWN} when it has none.
         */
        public void add(TestStatus status, Optional<Category> cause) {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(cause, "cause");
            if (status == TestStatus.SKIPPED) {
                return;
            }
            ran++;
            if (status.isFailing() || status == TestStatus.FLAKY) {
                failed++;
                categories.merge(cause.orElse(Category.UNKNOWN), 1L, Long::sum);
            }
        }

        public RunTally tally() {
            return new RunTally(ran, failed, categories);
        }
    }
}
