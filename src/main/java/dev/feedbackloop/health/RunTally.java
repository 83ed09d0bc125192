package dev.feedbackloop.health;

import dev.feedbackloop.rootcause.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run's results add up to, as far as the outage guard needs: how many tests ran, how many ended red and
 * their root causes. A run reported in several parts (CI shards) is the {@link #plus} of its parts.
 *
 * @param ran                tests that ran (skipped ones left out)
 * @param failed             of those, the ones that ended red (failed or errored; a pass on retry is a pass)
 * @param failuresByCategory root causes of those failures; unclassified ones may be left out or counted as
 *                           {@code UNKNOWN}
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
}
