package dev.feedbackloop.scenario;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure scenario as stored: one root cause, everything seen of it so far.
 *
 * @param key                the project and fingerprint
 * @param category           root cause, from the most recent run that saw it
 * @param failureType        kind of failure, likewise
 * @param severity           1 (cosmetic) to 5 (blocks everything), likewise
 * @param autoFixable        whether regenerating the test can fix it, likewise
 * @param firstSeen          time of the earliest run that saw it
 * @param lastSeen           time of the latest run that saw it; not before {@code firstSeen}
 * @param occurrences        (run, test) pairs that failed with it, each counted once
 * @param testsAffected      distinct tests that ever failed with it
 * @param runsAffected       distinct runs that saw it
 * @param sampleMessage      a failure message showing it, already redacted; may be empty
 * @param reproductionRecipe how to reproduce it (steps, as text or JSON), if known
 * @param environment        environment facts of the latest run that saw it (browser, OS, base URL)
 * @param snapshotRef        where large context (page snapshot, browser state) is kept, such as an {@code s3://} URI
 * @param version            optimistic-lock version, incremented by every recorded occurrence batch
 */
public record Scenario(ScenarioKey key, Category category, FailureType failureType, int severity,
                       boolean autoFixable, Instant firstSeen, Instant lastSeen, long occurrences,
                       long testsAffected, long runsAffected, String sampleMessage,
                       Optional<String> reproductionRecipe, Map<String, String> environment,
                       Optional<String> snapshotRef, long version) {

    public Scenario {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(failureType, "failureType");
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity of " + key + " must be within 1..5, was " + severity);
        }
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("scenario " + key + " last seen " + lastSeen + " before first seen "
                    + firstSeen);
        }
        if (occurrences < 1 || testsAffected < 1 || runsAffected < 1) {
            throw new IllegalArgumentException("scenario " + key + " needs at least one occurrence, test and run, was "
                    + occurrences + "/" + testsAffected + "/" + runsAffected);
        }
        if (testsAffected > occurrences || runsAffected > occurrences) {
            throw new IllegalArgumentException("scenario " + key + " cannot affect more tests (" + testsAffected
                    + ") or runs (" + runsAffected + ") than its occurrences (" + occurrences + ")");
        }
        Objects.requireNonNull(sampleMessage, "sampleMessage");
        reproductionRecipe = Objects.requireNonNull(reproductionRecipe, "reproductionRecipe").filter(r -> !r.isBlank());
        environment = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
        snapshotRef = Objects.requireNonNull(snapshotRef, "snapshotRef").filter(r -> !r.isBlank());
        if (version < 1) {
            throw new IllegalArgumentException("scenario " + key + " version must be >= 1, was " + version);
        }
    }

    /**
     * A scenario first seen in a run.
     *
     * @param occurrences (run, test) occurrences the run contributes, one per distinct test; at least 1
     */
    public static Scenario start(ScenarioKey key, ScenarioObservation observation, Instant seenAt, long occurrences) {
        return new Scenario(key, observation.category(), observation.failureType(), observation.severity(),
                observation.autoFixable(), seenAt, seenAt, occurrences, occurrences, 1, observation.sampleMessage(),
                observation.reproductionRecipe(), observation.environment(), observation.snapshotRef(), 1);
    }

    /**
     * This scenario after another run's observation was counted. Counts add up; first and last seen widen; the
     * classification, sample, environment and context follow the most recent run, so a late-arriving older run does
     * not overwrite what a newer run said (recipe and snapshot reference are kept when the newer run has none).
     *
     * @param seenAt      the run's time
     * @param occurrences new (run, test) occurrences counted; at least 1
     * @param newTests    tests affected for the first time
     * @param newRuns     1 if the run was not counted for this scenario before, else 0
     */
    public Scenario record(ScenarioObservation observation, Instant seenAt, long occurrences, long newTests,
                           long newRuns) {
        if (occurrences < 1 || newTests < 0 || newTests > occurrences || newRuns < 0 || newRuns > 1) {
            throw new IllegalArgumentException("cannot record " + occurrences + " occurrences, " + newTests
                    + " new tests and " + newRuns + " new runs on " + key);
        }
        boolean latest = !seenAt.isBefore(lastSeen);
        ScenarioObservation o = observation;
        return new Scenario(key, latest ? o.category() : category, latest ? o.failureType() : failureType,
                latest ? o.severity() : severity, latest ? o.autoFixable() : autoFixable,
                seenAt.isBefore(firstSeen) ? seenAt : firstSeen, latest ? seenAt : lastSeen,
                this.occurrences + occurrences, testsAffected + newTests, runsAffected + newRuns,
                latest && !o.sampleMessage().isBlank() ? o.sampleMessage() : sampleMessage,
                latest && o.reproductionRecipe().isPresent() ? o.reproductionRecipe() : reproductionRecipe,
                latest ? o.environment() : environment,
                latest && o.snapshotRef().isPresent() ? o.snapshotRef() : snapshotRef, version + 1);
    }
}
