package dev.feedbackloop.classify;

import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.rootcause.InvalidRuleException;
import dev.feedbackloop.rootcause.RuleSet;
import dev.feedbackloop.store.ProjectRules;
import dev.feedbackloop.store.ProjectRulesStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The classifier each project's reports are classified with: the built-in rules, preceded by the project's own rules
 * when it has saved some ({@link #save}). Which rules decided is part of the analyser's name
 * ({@code rules-v5.project-rules-3}), so every analysis records the version of the rules that produced it.
 *
 * <p>Reads the project's newest rules once per report (one small query); a rule file is parsed once per version.
 * Thread-safe.
 */
public final class ProjectClassifiers {

    private final Optional<ProjectRulesStore> store;
    private final FailureClassifier standard;
    private final ConcurrentMap<String, FailureClassifier> parsed = new ConcurrentHashMap<>();

    private ProjectClassifiers(Optional<ProjectRulesStore> store, FailureClassifier standard) {
        this.store = store;
        this.standard = Objects.requireNonNull(standard, "standard");
    }

    /** Each project's saved rules before the built-in ones. */
    public static ProjectClassifiers stored(ProjectRulesStore store) {
        return new ProjectClassifiers(Optional.of(Objects.requireNonNull(store, "store")),
                FailureClassifier.standard());
    }

    /** The same classifier for every project, with no stored rules (tests, tools). */
    public static ProjectClassifiers fixed(FailureClassifier classifier) {
        return new ProjectClassifiers(Optional.empty(), classifier);
    }

    /**
     * A classifier and the analyser name that says which rules it applies.
     *
     * @param rulesVersion the project's rules version, empty for the built-in rules alone
     */
    public record Selected(FailureClassifier classifier, String analyzer, Optional<Integer> rulesVersion) {
        public Selected {
            Objects.requireNonNull(classifier, "classifier");
            Objects.requireNonNull(analyzer, "analyzer");
            Objects.requireNonNull(rulesVersion, "rulesVersion");
        }
    }

    /** The classifier for {@code project}'s reports now. */
    public Selected forProject(String project) {
        Optional<ProjectRules> rules = store.flatMap(s -> s.current(project));
        if (rules.isEmpty()) {
            return new Selected(standard, ScenarioAnalyst.ANALYZER, Optional.empty());
        }
        ProjectRules current = rules.get();
        FailureClassifier classifier = parsed.computeIfAbsent(current.digest(), digest -> FailureClassifier
                .withCustomRules(parse(current.text(), "rules version " + current.version() + " of project "
                        + current.project())));
        return new Selected(classifier, ScenarioAnalyst.ANALYZER + ".project-rules-" + current.version(),
                Optional.of(current.version()));
    }

    /**
     * Validates {@code text} as a rule file and saves it as {@code project}'s rules.
     *
     * @param source how errors name the file ({@code rules.json})
     * @throws InvalidRuleException naming the file, the rule and what is wrong, before anything is saved
     * @throws IllegalStateException when there is no store to save to
     */
    public ProjectRules save(String project, String text, String source, Instant now) {
        parse(text, source); // an empty list is valid: it clears the project's rules, as a new version
        return store.orElseThrow(() -> new IllegalStateException("no rule store: rules cannot be saved here"))
                .save(project, text, now);
    }

    /** Parses a rule file, with errors naming {@code source}. */
    public static RuleSet parse(String text, String source) {
        return RuleSet.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
    }
}
