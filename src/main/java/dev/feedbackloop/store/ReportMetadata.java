package dev.feedbackloop.store;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run a raw report belongs to, as kept with the stored report.
 *
 * @param run        project, run id and attempt
 * @param commitSha  the commit tested
 * @param branch     the branch or ref tested
 * @param buildUrl   link to the CI run
 * @param ciProvider {@code github-actions}, {@code gitlab-ci}, ...
 * @param time       the run's time as the sender gave it ({@code --time}), for a report that carries no plausible
 *                   start time of its own (see {@link #toRun})
 */
public record ReportMetadata(RunKey run, Optional<String> commitSha, Optional<String> branch,
                             Optional<String> buildUrl, Optional<String> ciProvider, Optional<Instant> time) {

    public ReportMetadata {
        Objects.requireNonNull(run, "run");
        commitSha = Objects.requireNonNull(commitSha, "commitSha").filter(s -> !s.isBlank());
        branch = Objects.requireNonNull(branch, "branch").filter(s -> !s.isBlank());
        buildUrl = Objects.requireNonNull(buildUrl, "buildUrl").filter(s -> !s.isBlank());
        ciProvider = Objects.requireNonNull(ciProvider, "ciProvider").filter(s -> !s.isBlank());
        Objects.requireNonNull(time, "time");
    }

    /** Metadata without a sender-given time. */
    public ReportMetadata(RunKey run, Optional<String> commitSha, Optional<String> branch, Optional<String> buildUrl,
                          Optional<String> ciProvider) {
        this(run, commitSha, branch, buildUrl, ciProvider, Optional.empty());
    }

    /**
     * A run with this metadata and the report-level facts the report itself gave. Its start is the report's own when
     * that is plausible ({@link StoredRun#plausibleStart}), else the sender's {@link #time()}, else none (the run is
     * then ordered by when it was recorded); a finish before the chosen start is dropped.
     *
     * @param now when the run is being recorded, against which a start time is judged plausible
     */
    public Run toRun(Optional<Instant> startedAt, Optional<Instant> finishedAt, Map<String, String> environment,
                     Instant now) {
        Optional<Instant> reported = startedAt.filter(t -> StoredRun.plausibleStart(t, now));
        Optional<Instant> started = reported.isPresent() || time.isEmpty() ? startedAt : time;
        Optional<Instant> finished = finishedAt.filter(f -> started.isEmpty() || !f.isBefore(started.get()));
        return new Run(run, commitSha, branch, ciProvider, buildUrl, started, finished, environment);
    }
}
