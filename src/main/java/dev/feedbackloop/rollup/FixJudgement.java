package dev.feedbackloop.rollup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One implemented fix the loop judged on the day, as the success metrics need it.
 *
 * @param verified          whether it was verified (else it was found ineffective)
 * @param firstAttempt      whether it is the first fix of its recommendation to be judged (no earlier ineffective
 *                          verdict in its history)
 * @param effectiveness     the drop in its scenario's failure rate, before against after, -1..1
 * @param sinceFirstSeen    for a verified fix, the time from its scenario's first sighting to the verdict: the time
 *                          to resolution; empty when the scenario is no longer stored
 * @param handsFree         whether the loop handled it without a person: analysed (a known root cause), fix drafted
 *                          (a diff of its own), verified, with no person's change but accepting and marking
 *                          implemented (docs/test-health.md, "Success metrics")
 * @param failures          the failures it stands for: its scenario's occurrences (failed run and test pairs), 1
 *                          when the scenario is no longer stored; at least 1
 */
public record FixJudgement(boolean verified, boolean firstAttempt, double effectiveness,
                           Optional<Duration> sinceFirstSeen, boolean handsFree, long failures) {

    public FixJudgement {
        if (!(effectiveness >= -1 && effectiveness <= 1)) {
            throw new IllegalArgumentException("effectiveness must be within -1..1, was " + effectiveness);
        }
        Objects.requireNonNull(sinceFirstSeen, "sinceFirstSeen");
        sinceFirstSeen.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a scenario cannot be resolved before it was seen: " + d);
            }
        });
        if (!verified && sinceFirstSeen.isPresent()) {
            throw new IllegalArgumentException("only a verified fix resolves its scenario");
        }
        if (!verified && handsFree) {
            throw new IllegalArgumentException("only a verified fix was handled without a person");
        }
        if (failures < 1) {
            throw new IllegalArgumentException("a judged fix stands for at least 1 failure, was " + failures);
        }
    }

    /** A judgement of a fix standing for one failure, handled with a person. */
    public FixJudgement(boolean verified, boolean firstAttempt, double effectiveness,
                        Optional<Duration> sinceFirstSeen) {
        this(verified, firstAttempt, effectiveness, sinceFirstSeen, false, 1);
    }
}
