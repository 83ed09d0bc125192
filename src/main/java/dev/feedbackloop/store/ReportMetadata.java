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
 */
public record ReportMetadata(RunKey run, Optional<String> commitSha, Optional<String> branch,
                             Optional<String> buildUrl, Optional<String> ciProvider) {

    public ReportMetadata {
        Objects.requireNonNull(run, "run");
        commitSha = Objects.requireNonNull(commitSha, "commitSha").filter(s -> !s.isBlank());
        branch = Objects.requireNonNull(branch, "branch").filter(s -> !s.isBlank());
        buildUrl = Objects.requireNonNull(buildUrl, "buildUrl").filter(s -> !s.isBlank());
        ciProvider = Objects.requireNonNull(ciProvider, "ciProvider").filter(s -> !s.isBlank());
    }

    /** The metadata of a run. */
    public static ReportMetadata of(Run run) {
        return new ReportMetadata(run.key(), run.commitSha(), run.branch(), run.buildUrl(), run.ciProvider());
    }

    /** A run with this metadata and the report-level facts the report itself gave. */
    public Run toRun(Optional<Instant> startedAt, Optional<Instant> finishedAt, Map<String, String> environment) {
        return new Run(run, commitSha, branch, ciProvider, buildUrl, startedAt, finishedAt, environment);
    }
}
