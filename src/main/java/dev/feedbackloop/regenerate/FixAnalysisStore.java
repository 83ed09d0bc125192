package dev.feedbackloop.regenerate;

import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where fix work is claimed and its model calls and results are kept, so that a redelivered piece of work never
 * calls a model twice. Every write is conditional and idempotent.
 */
public interface FixAnalysisStore {

    /**
     * Claims {@code key} for {@code recommendationId} unless it was claimed before.
     *
     * @return empty when claimed now; the existing record otherwise
     * @throws dev.feedbackloop.store.StoreException when the store fails
     */
    Optional<FixAnalysis> claim(AnalysisKey key, String recommendationId, Instant at);

    /** Stores a model call of a claimed piece of work; a call of the same round stored before is kept as it was. */
    void recordCall(AnalysisKey key, ModelCall call);

    /** Stores the result; a result stored before is kept as it was. */
    void complete(AnalysisKey key, FixRecommendation recommendation);

    /** Gives a claim back (a transient fault before any call was stored); does nothing once a call or result is. */
    void release(AnalysisKey key);

    /** The record of {@code key}, if claimed. */
    Optional<FixAnalysis> find(AnalysisKey key);

    /** A scenario's analyses, newest claim first, at most {@code limit}. */
    List<FixAnalysis> ofScenario(ScenarioKey scenario, int limit);
}
