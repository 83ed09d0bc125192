package dev.feedbackloop.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CI run of a project: where the results came from.
 *
 * @param key         project, run id and attempt
 * @param commitSha   the commit the run tested
 * @param branch      the branch (or ref) the run tested
 * @param ciProvider  {@code github-actions}, {@code gitlab-ci}, {@code jenkins}, ...
 * @param buildUrl    link to the CI run
 * @param startedAt   when the run started, if known
 * @param finishedAt  when the run finished, if known; not before {@code startedAt}
 * @param environment free-form environment facts (OS, browser, node version, base URL); insertion order kept
 */
public record Run(RunKey key, Optional<String> commitSha, Optional<String> branch, Optional<String> ciProvider,
                  Optional<String> buildUrl, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                  Map<String, String> environment) {

    public Run {
        Objects.requireNonNull(key, "key");
        commitSha = Objects.requireNonNull(commitSha, "commitSha").filter(s -> !s.isBlank());
        branch = Objects.requireNonNull(branch, "branch").filter(s -> !s.isBlank());
        ciProvider = Objects.requireNonNull(ciProvider, "ciProvider").filter(s -> !s.isBlank());
        buildUrl = Objects.requireNonNull(buildUrl, "buildUrl").filter(s -> !s.isBlank());
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (startedAt.isPresent() && finishedAt.isPresent() && finishedAt.get().isBefore(startedAt.get())) {
            throw new IllegalArgumentException("run " + key.runId() + " finished (" + finishedAt.get()
                    + ") before it started (" + startedAt.get() + ")");
        }
        environment = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
    }

    /** A run known only by its key. */
    public static Run of(RunKey key) {
        return new Run(key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
    }
}
