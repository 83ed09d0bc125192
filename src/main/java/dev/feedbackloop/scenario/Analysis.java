package dev.feedbackloop.scenario;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One analysis of a scenario: what its root cause is and why, by rules or by an LLM.
 *
 * @param scenario         the scenario analysed
 * @param analysisId       caller-chosen id, stable across retries of the same analysis (for example the run that
 *                         triggered it plus the analyser version): letters, digits, {@code . _ : -}, 1-100 characters
 * @param createdAt        when it was made; keep it stable across retries too (the triggering run's time)
 * @param category         the root cause found
 * @param confidence       0..1
 * @param evidence         what supports it, strongest first
 * @param rootCause        a sentence describing the root cause, if the analyser wrote one
 * @param similarScenarios other scenarios of the project with the same cause, most similar first
 * @param patternInsights  patterns seen across failures ("fails only on WebKit", "since commit abc123")
 * @param impact           how much it hurts
 * @param analyzer         what made it: {@code rules-v1}, a model name, ...
 */
public record Analysis(ScenarioKey scenario, String analysisId, Instant createdAt, Category category,
                       double confidence, List<Evidence> evidence, Optional<String> rootCause,
                       List<Fingerprint> similarScenarios, List<String> patternInsights, Impact impact,
                       String analyzer) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public Analysis {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(analysisId, "analysisId");
        if (!ID.matcher(analysisId).matches()) {
            throw new IllegalArgumentException("analysis id of " + scenario
                    + " must be 1-100 letters, digits, '.', '_', ':' or '-', was '" + analysisId + "'");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(category, "category");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
        rootCause = Objects.requireNonNull(rootCause, "rootCause").filter(r -> !r.isBlank());
        similarScenarios = List.copyOf(Objects.requireNonNull(similarScenarios, "similarScenarios"));
        patternInsights = List.copyOf(Objects.requireNonNull(patternInsights, "patternInsights"));
        Objects.requireNonNull(impact, "impact");
        if (analyzer == null || analyzer.isBlank()) {
            throw new IllegalArgumentException("analysis " + analysisId + " must name its analyzer");
        }
    }
}
