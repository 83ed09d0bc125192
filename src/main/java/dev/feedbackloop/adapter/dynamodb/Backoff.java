package dev.feedbackloop.adapter.dynamodb;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (sleep a random time up to {@code min(cap, base * 2^retry)}), the scheme AWS
 * recommends for throttled and conflicting writes because it spreads competing retries apart
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 *
 * @param base        delay bound of the first retry
 * @param cap         largest delay bound
 * @param maxAttempts attempts in all, the first included; at least 1
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

    /**
     * Bounds for Lambda: 10 attempts with delays up to 50 ms, 100 ms, ... 3.2 s, 5 s, 5 s: at most about 19 s of
     * waiting, 10 s on average, well inside a function timeout of minutes, long enough for on-demand capacity to
     * scale out after a burst.
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10);

    public Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive, was " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs at least 1 attempt, was " + maxAttempts);
        }
    }

    /** Waits before retry number {@code retry} (1 = the first retry). */
    void pause(int retry) {
        long bound = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry - 1, 30));
        long millis = ThreadLocalRandom.current().nextLong(bound + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
