package dev.feedbackloop.regenerate;

import dev.feedbackloop.guard.FixGuard;
import dev.feedbackloop.guard.Framework;
import dev.feedbackloop.guard.GuardVerdict;
import dev.feedbackloop.guard.ProposedFix;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The regenerate stage: turns one scenario's evidence into a recommendation for a person to review. With a model,
 * it asks for the root cause and a corrected test, runs the {@link FixGuard} on a proposed fix, and on a rejection
 * asks once more with the guard's findings; without one, it gives the category's {@link Playbook}.
 *
 * <p>Delivery is at least once, and a model call costs money, so the work is claimed in the {@link FixAnalysisStore}
 * first and each model answer is stored before it is acted on: a redelivery of finished work returns the stored
 * recommendation, one of half-finished work goes on from the stored answers, and no answer is ever asked for twice.
 * A transient fault before any answer was stored gives the claim back and throws {@link Deferred}, for the queue to
 * redeliver; a claim found without an answer after {@code claimLease} (its delivery died during the call, which may
 * have been billed) ends as {@link FixOutcome#ABANDONED} rather than calling again.
 */
public final class Regenerator {

    /** How long a claim without an answer is taken to be in progress: a Lambda invocation's longest life. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(15);

    /**
     * The model to ask.
     *
     * @param caller          calls it under the deadline, budget and retry rules
     * @param model           the model id
     * @param maxOutputTokens most tokens an answer may take (a whole test file fits)
     */
    public record ModelChoice(FixModelCaller caller, String model, int maxOutputTokens) {
        public ModelChoice {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(model, "model");
            if (maxOutputTokens < 1) {
                throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
            }
        }
    }

    /**
     * What came of one delivery.
     *
     * @param key            the work
     * @param recommendation its recommendation
     * @param calls          every model call stored for it
     * @param fresh          false when the work had been finished by an earlier delivery
     */
    public record Result(AnalysisKey key, FixRecommendation recommendation, List<ModelCall> calls, boolean fresh) {
        public Result {
            calls = List.copyOf(calls);
        }
    }

    /** The work cannot go on now but may later: the message goes back to the queue, the work is untouched. */
    public static final class Deferred extends RuntimeException {
        public Deferred(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final FixAnalysisStore store;
    private final Optional<ModelChoice> model;
    private final Clock clock;
    private final Duration claimLease;

    public Regenerator(FixAnalysisStore store, Optional<ModelChoice> model, Clock clock, Duration claimLease) {
        this.store = Objects.requireNonNull(store, "store");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimLease = Objects.requireNonNull(claimLease, "claimLease");
    }

    /** Whether a model is configured. */
    public boolean generates() {
        return model.isPresent();
    }

    /**
     * Does the work for {@code evidence}, once.
     *
     * @param recommendationId the pending recommendation asking for it
     * @param deadline         when the caller must be done (a Lambda's remaining time); empty on the command line
     * @throws Deferred when it must be tried again later; nothing was stored for it then, or only answers
     */
    public Result regenerate(String recommendationId, Evidence evidence, Optional<Instant> deadline) {
        AnalysisKey key = AnalysisKey.of(evidence, model.isPresent());
        Optional<FixAnalysis> existing = store.claim(key, recommendationId, clock.instant());
        if (existing.isPresent() && existing.get().recommendation().isPresent()) {
            return new Result(key, existing.get().recommendation().get(), existing.get().calls(), false);
        }
        List<ModelCall> calls = new ArrayList<>(existing.map(FixAnalysis::calls).orElse(List.of()));
        FixRecommendation recommendation;
        if (model.isEmpty()) {
            recommendation = playbook(evidence);
        } else if (existing.isPresent() && calls.isEmpty()) {
            recommendation = abandonedOrDeferred(existing.get());
        } else {
            recommendation = new Work(key, evidence, deadline, calls, model.get()).run();
        }
        store.complete(key, recommendation);
        return new Result(key, recommendation, calls, true);
    }

    /**
     * Records, once, the advice for {@code evidence} when the {@link ModelCallPolicy} sends no model call: the
     * category's playbook, marked not generated, with the policy's reason.
     */
    public Result notAsked(String recommendationId, Evidence evidence, ModelCallPolicy.Decision decision) {
        if (decision.asks()) {
            throw new IllegalArgumentException("the policy asks a model for " + evidence.scenario() + " ("
                    + decision.reason() + "); there is nothing to record without one");
        }
        AnalysisKey key = AnalysisKey.notAsked(evidence, decision.reason());
        Optional<FixAnalysis> existing = store.claim(key, recommendationId, clock.instant());
        if (existing.isPresent() && existing.get().recommendation().isPresent()) {
            return new Result(key, existing.get().recommendation().get(), List.of(), false);
        }
        FixRecommendation advice = new FixRecommendation(FixOutcome.NOT_ASKED, false, Optional.empty(),
                Optional.empty(), OptionalDouble.empty(), List.of(), Playbook.steps(evidence.category()),
                "Not generated: " + decision.explanation());
        store.complete(key, advice);
        return new Result(key, advice, List.of(), true);
    }

    private FixRecommendation abandonedOrDeferred(FixAnalysis claimed) {
        Instant expires = claimed.claimedAt().plus(claimLease);
        if (clock.instant().isBefore(expires)) {
            throw new Deferred("claimed at " + claimed.claimedAt() + " by another delivery, still in progress until "
                    + expires, null);
        }
        return new FixRecommendation(FixOutcome.ABANDONED, false, Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), List.of(), List.of(), "an earlier delivery claimed this work at "
                + claimed.claimedAt() + " and stored no answer; the model was not asked again, as the earlier call "
                + "may have been billed");
    }

    static FixRecommendation playbook(Evidence evidence) {
        return new FixRecommendation(FixOutcome.PLAYBOOK, false, Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), List.of(), Playbook.steps(evidence.category()),
                "Not generated: no model is configured. With --llm anthropic|openai|bedrock (or "
                        + "FEEDBACK_LLM_PROVIDER) and FEEDBACK_LLM_API_KEY a model proposes a fix, which the fix guard "
                        + "checks before it is kept as a draft.");
    }

    /** One delivery's work with a model: at most two rounds, each answer stored before it is used. */
    private final class Work {
        private final AnalysisKey key;
        private final Evidence evidence;
        private final Optional<Instant> deadline;
        private final List<ModelCall> calls;
        private final ModelChoice choice;

        Work(AnalysisKey key, Evidence evidence, Optional<Instant> deadline, List<ModelCall> calls,
             ModelChoice choice) {
            this.key = key;
            this.evidence = evidence;
            this.deadline = deadline;
            this.calls = calls;
            this.choice = choice;
        }

        FixRecommendation run() {
            ModelCall first = calls.stream().filter(c -> c.round() == 1).findFirst()
                    .orElseGet(() -> ask(1, FixPrompts.first(evidence)));
            if (first.fault().isPresent()) {
                return failed(first);
            }
            FixAnswer answer = read(first);
            Judgement judged = judge(answer);
            if (judged.verdict().isEmpty() || judged.verdict().get().accepted()) {
                return judged.recommendation();
            }
            GuardVerdict rejected = judged.verdict().get();
            ModelCall second = calls.stream().filter(c -> c.round() == 2).findFirst()
                    .orElseGet(() -> ask(2, FixPrompts.retry(evidence, rejected.findings())));
            if (second.fault().isPresent()) {
                return rejectedByGuard(answer, rejected, "the guard rejected the fix, and asking again failed: "
                        + second.faultMessage().orElse(""));
            }
            FixAnswer again = read(second);
            Judgement judgedAgain = judge(again);
            if (judgedAgain.verdict().isEmpty() || judgedAgain.verdict().get().accepted()) {
                return judgedAgain.recommendation();
            }
            return rejectedByGuard(again, judgedAgain.verdict().get(), "the guard rejected the fix twice; the "
                    + "original test is kept");
        }

        private ModelCall ask(int round, FixPrompt prompt) {
            FixModelRequest request = FixModelRequest.of(prompt.system(), prompt.user(), choice.maxOutputTokens(),
                    choice.model(), deadline);
            ModelCall call;
            try {
                FixModelReply reply = choice.caller().ask(evidence.scenario().project(), request);
                call = ModelCall.answered(round, prompt, reply);
            } catch (FixModelException e) {
                if (e.isTransient()) {
                    if (calls.isEmpty()) {
                        store.release(key);
                    }
                    throw new Deferred("model call of round " + round + " deferred: " + e.getMessage(), e);
                }
                call = ModelCall.failed(round, prompt, choice.model(), e, BigDecimal.ZERO);
            }
            store.recordCall(key, call);
            calls.add(call);
            return call;
        }

        private FixAnswer read(ModelCall call) {
            return FixAnswerSchema.standard().read(call.answerJson().orElseThrow());
        }

        private FixRecommendation failed(ModelCall call) {
            return new FixRecommendation(FixOutcome.MODEL_FAILED, false, Optional.empty(), Optional.empty(),
                    OptionalDouble.empty(), List.of(), Playbook.steps(evidence.category()),
                    "The model gave no usable answer (" + call.fault().orElseThrow().name() + "): "
                            + call.faultMessage().orElse("") + ". The original test is kept; the playbook's steps "
                            + "stand in.");
        }

        private FixRecommendation rejectedByGuard(FixAnswer answer, GuardVerdict verdict, String note) {
            return new FixRecommendation(FixOutcome.REJECTED_BY_GUARD, true, Optional.of(answer.rootCause()),
                    Optional.empty(), OptionalDouble.of(answer.rootCause().primary().confidence()),
                    verdict.findings(), Playbook.steps(evidence.category()), note);
        }

        /** The answer judged: a verdict when a fix was guarded, else the recommendation it makes by itself. */
        private Judgement judge(FixAnswer answer) {
            OptionalDouble confidence = OptionalDouble.of(answer.rootCause().primary().confidence());
            if (answer.cannotFix().isPresent()) {
                FixAnswer.CannotFix declined = answer.cannotFix().get();
                return Judgement.done(analysisOnly(answer, "No fix: " + declined.reason().name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + declined.explanation()));
            }
            FixAnswer.ProposedFix fix = answer.fix().orElseThrow();
            if (evidence.source().isEmpty()) {
                return Judgement.done(analysisOnly(answer, "The model proposed a file without having been given "
                        + "the test's source; it cannot be checked, so it is not kept."));
            }
            TestSource source = evidence.source().get();
            Optional<Framework> framework = Frameworks.detect(source);
            if (framework.isEmpty()) {
                return Judgement.done(analysisOnly(answer, "The fix guard does not know the framework of "
                        + source.path() + ", so the proposed fix is not kept."));
            }
            GuardVerdict verdict = FixGuard.check(new ProposedFix(framework.get(), source.path(), fix.path(),
                    evidence.test(), Optional.of(evidence.category().name()), evidence.message(), source.content(),
                    fix.content(), evidence.pageSnapshot()));
            FixRecommendation draft = verdict.accepted() ? new FixRecommendation(FixOutcome.DRAFT, true,
                    Optional.of(answer.rootCause()), Optional.of(fix), confidence, verdict.findings(), fix.steps(),
                    "A draft for review, checked by the fix guard (" + verdict.findings().size()
                            + " warnings); never applied by itself. " + fix.explanation()) : null;
            return new Judgement(Optional.of(verdict), draft);
        }

        private FixRecommendation analysisOnly(FixAnswer answer, String note) {
            return new FixRecommendation(FixOutcome.ANALYSIS_ONLY, true, Optional.of(answer.rootCause()),
                    Optional.empty(), OptionalDouble.of(answer.rootCause().primary().confidence()), List.of(),
                    Playbook.steps(evidence.category()), note);
        }
    }

    /** A guard verdict on a fix (with the draft when accepted), or, with no fix to guard, the recommendation. */
    private record Judgement(Optional<GuardVerdict> verdict, FixRecommendation recommendation) {
        static Judgement done(FixRecommendation recommendation) {
            return new Judgement(Optional.empty(), recommendation);
        }
    }
}
