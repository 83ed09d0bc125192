package dev.feedbackloop.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of one CI run of a project. A re-run of the same CI run (GitHub's "re-run jobs") keeps the run id and
 * increments {@code attempt}.
 *
 * @param project project key: letters, digits, {@code . _ -}, 1-100 characters
 * @param runId   the CI run id (or any id the caller chooses); not blank, at most 200 characters
 * @param attempt the CI run attempt, 1 for the first
 */
public record RunKey(String project, String runId, int attempt) {

    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public RunKey {
        requireProjectKey(project);
        if (runId == null || runId.isBlank() || runId.length() > 200) {
            throw new IllegalArgumentException("run id must be 1-200 characters, was '" + runId + "'");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("run attempt must be >= 1, was " + attempt);
        }
    }

    /**
     * Checks a project key: letters, digits, {@code . _ -}, 1-100 characters.
     *
     * @return {@code project}
     * @throws IllegalArgumentException naming the bad key
     * @throws NullPointerException     if {@code project} is null
     */
    public static String requireProjectKey(String project) {
        Objects.requireNonNull(project, "project");
        if (!PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException(
                    "project must be 1-100 letters, digits, '.', '_' or '-', was '" + project + "'");
        }
        return project;
    }
}
