package dev.feedbackloop.scenario;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a scenario: a root cause within one project.
 *
 * @param project     project key, as in {@link dev.feedbackloop.model.RunKey#project()}
 * @param fingerprint the root cause
 */
public record ScenarioKey(String project, Fingerprint fingerprint) {

    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public ScenarioKey {
        Objects.requireNonNull(project, "project");
        if (!PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException(
                    "project must be 1-100 letters, digits, '.', '_' or '-', was '" + project + "'");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public String toString() {
        return project + "/" + fingerprint;
    }
}
