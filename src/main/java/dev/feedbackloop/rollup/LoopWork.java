package dev.feedbackloop.rollup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the loop itself did on the day.
 *
 * @param analyses                how many failure analyses ran (report classifications, LLM analyses)
 * @param analysisMillis          their total time, in milliseconds
 * @param recommendations         recommendations generated
 * @param fixImplementationTimes  for each fix implemented that day, the time from its recommendation to its
 *                                implementation; empty while fixes are not tracked
 */
public record LoopWork(long analyses, long analysisMillis, long recommendations,
                       List<Duration> fixImplementationTimes) {

    /** A day on which the loop recorded no work of its own. */
    public static final LoopWork NONE = new LoopWork(0, 0, 0, List.of());

    public LoopWork {
        if (analyses < 0 || analysisMillis < 0 || recommendations < 0) {
            throw new IllegalArgumentException("loop work cannot be negative: " + analyses + " analyses, "
                    + analysisMillis + " ms, " + recommendations + " recommendations");
        }
        fixImplementationTimes = List.copyOf(Objects.requireNonNull(fixImplementationTimes,
                "fixImplementationTimes"));
        fixImplementationTimes.forEach(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a fix cannot be implemented before it was recommended: " + d);
            }
        });
    }
}
