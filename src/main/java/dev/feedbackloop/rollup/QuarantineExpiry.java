package dev.feedbackloop.rollup;

import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes the quarantines that expired into their tests' timelines, at night: an expired quarantine already shows
 * nowhere ({@code TestHealth.stateAt}, {@code TestEntry.quarantineAt}), but until the test's next execution its
 * timeline, the quarantine list item and the day's state changes would not say so, and a test that stopped running
 * would never say so.
 *
 * <p>Reads the project's quarantine list only (as long as quarantines are common, not as the history is long), then
 * each expired test's health. Idempotent: the change is recorded at the expiry time by {@link HealthJudge#expire},
 * and a test whose quarantine was already dropped is no longer on the list (or, read again, changes nothing). Each
 * write is conditioned on the version read; a test written meanwhile is read again.
 */
public final class QuarantineExpiry {

    static final int MAX_ROUNDS = 8;

    private final HealthStore health;
    private final HealthJudge judge;

    public QuarantineExpiry(HealthStore health, HealthJudge judge) {
        this.health = Objects.requireNonNull(health, "health");
        this.judge = Objects.requireNonNull(judge, "judge");
    }

    /**
     * Records every quarantine of {@code project} that expired by {@code now}.
     *
     * @return how many were recorded now
     * @throws StoreConflictException when a test kept being written by others for {@link #MAX_ROUNDS} rounds
     */
    public int expire(String project, Instant now) {
        int expired = 0;
        for (TestEntry entry : health.quarantined(project)) {
            if (entry.quarantine().isPresent() && entry.quarantineAt(now).isEmpty()
                    && expire(project, entry.test(), now)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expire(String project, TestId test, Instant now) {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            StoredHealth stored = health.find(project, List.of(test)).get(test);
            HealthUpdate update = judge.expire(stored.health(), now);
            if (!stored.stored() || !update.changed()) {
                return false;
            }
            if (health.write(project, List.of(new HealthWrite(update.health(), stored.version(), stored.label(),
                    update.changes()))).isEmpty()) {
                return true;
            }
        }
        throw new StoreConflictException("ExpireQuarantine", project + "/" + test.value(), MAX_ROUNDS, null);
    }
}
