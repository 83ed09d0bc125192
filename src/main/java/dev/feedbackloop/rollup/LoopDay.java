package dev.feedbackloop.rollup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the recommendation stage recorded on one project's day, read by {@link LoopRecords}.
 *
 * @param recommendations        recommendations made that day
 * @param fixImplementationTimes for each recommendation marked implemented that day, the time since it was made
 * @param judgements             implemented fixes verified or found ineffective that day
 */
public record LoopDay(long recommendations, List<Duration> fixImplementationTimes, List<FixJudgement> judgements) {

    /** A day on which the recommendation stage recorded nothing. */
    public static final LoopDay NONE = new LoopDay(0, List.of(), List.of());

    public LoopDay {
        if (recommendations < 0) {
            throw new IllegalArgumentException("recommendations made cannot be negative, was " + recommendations);
        }
        fixImplementationTimes = List.copyOf(Objects.requireNonNull(fixImplementationTimes,
                "fixImplementationTimes"));
        judgements = List.copyOf(Objects.requireNonNull(judgements, "judgements"));
    }
}
