package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a history load held of one run for the outage guard, written at its end ({@link HealthStore#putJudgements}):
 * the report tallies not written yet and the run's last verdict, if one was made.
 *
 * @param run       the run
 * @param tallies   tallies to write, each replacing the report's stored one
 * @param verdict   the run's verdict to keep on it, replacing an earlier one
 * @param judgedAt  when the verdict was made; present exactly when the verdict is
 */
public record RunJudgement(RunKey run, List<ReportTally> tallies, Optional<RunVerdict> verdict,
                           Optional<Instant> judgedAt) {

    public RunJudgement {
        Objects.requireNonNull(run, "run");
        tallies = List.copyOf(tallies);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(judgedAt, "judgedAt");
        if (verdict.isPresent() != judgedAt.isPresent()) {
            throw new IllegalArgumentException("run " + run + ": a verdict needs the time it was made, and a time a"
                    + " verdict (verdict " + verdict + ", judged at " + judgedAt + ")");
        }
    }
}
