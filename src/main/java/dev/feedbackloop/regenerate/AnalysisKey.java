package dev.feedbackloop.regenerate;

import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.text.Sha256;
import java.util.Objects;

/**
 * One piece of fix work: a scenario, the version of its test's source, and the analysis version (prompts and rules).
 * A model is asked at most once per key, however often the work is delivered: one call per scenario and source
 * version, not per failing test or per run.
 *
 * @param scenario        the scenario
 * @param sourceVersion   the SHA-256 of the redacted source given, or {@code none}
 * @param analysisVersion {@link FixPrompts#VERSION} (with a digest of the reviewers' decisions given, when any), or
 *                        {@link #PLAYBOOK_VERSION} without a model
 */
public record AnalysisKey(ScenarioKey scenario, String sourceVersion, String analysisVersion) {

    /** The analysis version of playbook advice, given without a model. */
    public static final String PLAYBOOK_VERSION = "playbook-v1";

    /**
     * The analysis version of advice given because the {@link ModelCallPolicy} sent no model call, with the reason
     * ({@code not-asked-v1+NOT_RECURRED}): a model-version key stays free, so the same scenario is asked once it
     * qualifies, and a changed reason is new advice.
     */
    public static final String NOT_ASKED_VERSION = "not-asked-v1";

    public AnalysisKey {
        Objects.requireNonNull(scenario, "scenario");
        if (sourceVersion == null || !sourceVersion.matches("none|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("source version must be 'none' or 64 hex digits, was '"
                    + sourceVersion + "'");
        }
        if (analysisVersion == null || analysisVersion.isBlank()) {
            throw new IllegalArgumentException("analysis version must not be blank");
        }
    }

    /**
     * The key of {@code evidence}'s work at the current analysis version: {@link FixPrompts#VERSION} when a model
     * answers, {@link #PLAYBOOK_VERSION} when none is configured (so that turning a model on later asks it).
     */
    public static AnalysisKey of(Evidence evidence, boolean generated) {
        return new AnalysisKey(evidence.scenario(), evidence.sourceVersion(),
                generated ? modelVersion(evidence) : PLAYBOOK_VERSION);
    }

    /** The key of advice for {@code evidence} given without a model call for {@code reason}. */
    public static AnalysisKey notAsked(Evidence evidence, ModelCallPolicy.Reason reason) {
        return new AnalysisKey(evidence.scenario(), evidence.sourceVersion(), NOT_ASKED_VERSION + "+" + reason.name());
    }

    /**
     * The prompts' version, and with reviewers' decisions a digest of them: a new rejection is new work (the model
     * hears its reason once), while a redelivery under the same decisions is the same work.
     */
    private static String modelVersion(Evidence evidence) {
        return evidence.decisions().isEmpty() ? FixPrompts.VERSION : FixPrompts.VERSION + "+triage-"
                + Sha256.hex(String.join("\u0000", evidence.decisions())).substring(0, 16);
    }

    /** 64 hex digits naming this work within its scenario. */
    public String id() {
        return Sha256.hex(sourceVersion + '\u0000' + analysisVersion);
    }
}
