package dev.feedbackloop.regenerate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model answered about a failing test, after it passed {@link FixAnswerSchema}: the root cause as a primary
 * and secondary hypotheses, and either a corrected test file or the reason none can be given. Only these fields are
 * ever taken from an answer: nothing in it can name an id, a project or a review status.
 *
 * @param rootCause why the test failed
 * @param fix       the corrected file; present exactly when {@code cannotFix} is absent
 * @param cannotFix why no fix is given; present exactly when {@code fix} is absent
 */
public record FixAnswer(RootCause rootCause, Optional<ProposedFix> fix, Optional<CannotFix> cannotFix) {

    public FixAnswer {
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(cannotFix, "cannotFix");
        if (fix.isPresent() == cannotFix.isPresent()) {
            throw new IllegalArgumentException("an answer has either a fix or a reason it cannot fix, had "
                    + (fix.isPresent() ? "both" : "neither"));
        }
    }

    /**
     * The root cause.
     *
     * @param primary   the most likely explanation
     * @param secondary other explanations still open, most likely first, at most three; may be empty
     */
    public record RootCause(Hypothesis primary, List<Hypothesis> secondary) {
        public RootCause {
            Objects.requireNonNull(primary, "primary");
            secondary = List.copyOf(secondary);
        }
    }

    /**
     * One explanation of the failure.
     *
     * @param statement  what went wrong
     * @param confidence how likely, 0 (a guess) to 1 (certain)
     * @param evidence   what in the given evidence it rests on; at least one item
     */
    public record Hypothesis(String statement, double confidence, List<Evidence> evidence) {
        public Hypothesis {
            requireText(statement, "statement");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
            }
            evidence = List.copyOf(evidence);
            if (evidence.isEmpty()) {
                throw new IllegalArgumentException("a hypothesis rests on at least one piece of evidence");
            }
        }
    }

    /**
     * A piece of the evidence a hypothesis rests on.
     *
     * @param source  which part of the evidence given to the model it comes from
     * @param excerpt the words of that evidence, as the model quoted them (not checked against it here)
     */
    public record Evidence(EvidenceSource source, String excerpt) {
        public Evidence {
            Objects.requireNonNull(source, "source");
            requireText(excerpt, "excerpt");
        }
    }

    /** The parts of the evidence a model is given. */
    public enum EvidenceSource {
        /** The failure message. */
        FAILURE_MESSAGE,
        /** The stack trace. */
        STACK_TRACE,
        /** The code frame around the failing line. */
        CODE_FRAME,
        /** The test's source file. */
        TEST_SOURCE,
        /** The page snapshot (ARIA) at the failure. */
        PAGE_SNAPSHOT,
        /** The scenario's history: runs, tests, first seen, flaky or broken. */
        HISTORY,
        /** The classification and its evidence. */
        CLASSIFICATION
    }

    /**
     * A corrected test file, as proposed: never applied by itself.
     *
     * @param path        the file, relative to the source root (relative, no {@code ..}); the guard checks it is the
     *                    failing test's
     * @param content     the whole corrected file
     * @param explanation why the change fixes the cause
     * @param steps       the changes made, at least one
     * @param validation  how a person can tell it worked, at least one check
     */
    public record ProposedFix(String path, String content, String explanation, List<String> steps,
                              List<String> validation) {
        public ProposedFix {
            requireText(path, "path");
            requireText(content, "content");
            requireText(explanation, "explanation");
            steps = List.copyOf(steps);
            validation = List.copyOf(validation);
            if (steps.isEmpty() || validation.isEmpty()) {
                throw new IllegalArgumentException("a fix names at least one step and one validation criterion");
            }
        }
    }

    /**
     * Why the model gives no fix.
     *
     * @param reason      the kind of reason
     * @param explanation in the model's words
     */
    public record CannotFix(CannotFixReason reason, String explanation) {
        public CannotFix {
            Objects.requireNonNull(reason, "reason");
            requireText(explanation, "explanation");
        }
    }

    /** Why a model may decline to propose a fix. */
    public enum CannotFixReason {
        /** The test's source was not given, so no corrected file can be written. */
        NO_SOURCE,
        /** The product or the environment is at fault, not the test. */
        NOT_A_TEST_PROBLEM,
        /** The evidence does not say enough. */
        INSUFFICIENT_EVIDENCE
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
