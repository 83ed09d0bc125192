package dev.feedbackloop.regenerate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored record of one piece of fix work: who claimed it and when, every model call made for it with its answer
 * (stored before it was acted on), and, once done, the recommendation.
 *
 * @param key              the work
 * @param recommendationId the pending recommendation it was claimed for
 * @param claimedAt        when it was claimed
 * @param calls            model calls, by round
 * @param recommendation   the result, once done
 */
public record FixAnalysis(AnalysisKey key, String recommendationId, Instant claimedAt, List<ModelCall> calls,
                          Optional<FixRecommendation> recommendation) {

    public FixAnalysis {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recommendationId, "recommendationId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        calls = calls.stream().sorted(Comparator.comparingInt(ModelCall::round)).toList();
        Objects.requireNonNull(recommendation, "recommendation");
    }

    /** The call of {@code round}, if it was stored. */
    public Optional<ModelCall> call(int round) {
        return calls.stream().filter(c -> c.round() == round).findFirst();
    }
}
