package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Each project's custom classification rules, versioned: every change is a new version, older ones are kept (an
 * analysis names the version that produced it). Rules are validated before they are saved; the store keeps text.
 */
public interface ProjectRulesStore {

    /** The project's newest rules; empty when it never had any. */
    Optional<ProjectRules> current(String project);

    /**
     * Saves {@code text} as the project's rules: a new version, one more than the newest, unless the newest already
     * has this text, which is returned unchanged (saving twice is one version). Safe against a concurrent save: the
     * version numbers stay unique.
     */
    ProjectRules save(String project, String text, Instant now);
}
