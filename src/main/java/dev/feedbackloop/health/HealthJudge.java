package dev.feedbackloop.health;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Advances a test's {@link TestHealth} as its executions arrive and as people quarantine it: the entry point of
 * test health. Pure and deterministic: the same state and input give the same result, so a store can apply each
 * result as it is ingested (one read, at most one write, work bounded by the window) and a redelivery changes
 * nothing.
 *
 * <p>The rules, in the order they are tried (reasons in {@code docs/test-health.md}):
 * <ol>
 *   <li><b>broken</b>: the default branch's current streak of failing runs since its last pass is at least
 *       {@link Assessment#runsToBreak()} long; broken wins over any flaky evidence while the streak lasts, and ends
 *       at the first pass;</li>
 *   <li><b>flaky</b>: enters with at least {@link HealthSettings#flakyEnterFailures()} executions with a failure
 *       among the last {@link HealthSettings#window()} counted ones and flaky evidence among them (a pass on retry,
 *       a pass and a failure on one commit, or one root cause recurring in short episodes); stays while at least {@link HealthSettings#flakyExitFailures()}
 *       such executions remain in the window (the hysteresis);</li>
 *   <li><b>new</b>: never judged yet and fewer than {@link HealthSettings#minExecutions()} counted executions;</li>
 *   <li><b>fixed</b>: was flaky or broken and has run clean {@link HealthSettings#fixedAfterCleanRuns()} times in a
 *       row since; it stays fixed until it is in trouble again;</li>
 *   <li><b>healthy</b> otherwise.</li>
 * </ol>
 * A quarantine overlays the verdict until it expires; the auto-quarantine policy quarantines flaky tests only, and
 * lifts its quarantine as soon as the test is no longer flaky (a broken test must be seen).
 */
public final class HealthJudge {

    private static final int EVIDENCE_SHOWN = 5;
    private static final String POLICY = "policy";

    private final HealthSettings settings;

    public HealthJudge(HealthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public HealthSettings settings() {
        return settings;
    }

    /** What the rules read about {@code health} now. */
    public Assessment assess(TestHealth health) {
        return Assessment.of(health, settings);
    }

    /**
     * Records one execution and judges the test again.
     *
     * <p>Idempotent: the same execution again (same run attempt, same content) returns the same state, unchanged.
     * Order-tolerant: an execution older than others already applied takes its place in time order; one older than
     * a full window changes nothing (it cannot be among the last {@code window}). A different execution for a run
     * attempt already held replaces it, so a run found to be an outage after the fact can be applied again with
     * {@code outage = true} and drops out.
     *
     * @throws IllegalArgumentException when the execution is of another test or project
     */
    public HealthUpdate apply(TestHealth health, Execution execution) {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(execution, "execution");
        if (!execution.test().equals(health.test()) || !execution.run().project().equals(health.project())) {
            throw new IllegalArgumentException("execution of test " + execution.test() + " in project "
                    + execution.run().project() + " applied to the health of test " + health.test() + " in "
                    + health.project());
        }
        String defaultBranch = Assessment.defaultBranch(settings, health, Optional.of(execution));
        Optional<TestHealth> recorded = health.record(execution, settings.window(), defaultBranch);
        if (recorded.isEmpty()) {
            return HealthUpdate.unchanged(health);
        }
        TestHealth next = recorded.get();
        Instant at = next.newest().filter(t -> t.isAfter(execution.time())).orElse(execution.time());
        List<StateChange> changes = new ArrayList<>();
        next = dropExpired(next, at, changes);
        Assessment assessment = assess(next);
        next = judge(next, assessment, at, Optional.of(execution.run()), changes);
        next = applyPolicy(next, assessment, at, Optional.of(execution.run()), changes);
        return new HealthUpdate(next, changes, true);
    }

    /**
     * Quarantines the test (a person's decision, or a policy run outside {@link #apply}), replacing any quarantine
     * it had; the same quarantine again changes nothing.
     */
    public HealthUpdate quarantine(TestHealth health, Quarantine quarantine) {
        Objects.requireNonNull(quarantine, "quarantine");
        if (health.quarantine().equals(Optional.of(quarantine))) {
            return HealthUpdate.unchanged(health);
        }
        List<StateChange> changes = new ArrayList<>();
        HealthState verdict = health.verdict().state();
        // A quarantine replacing one in force ends it first, so that the timeline (and the counts kept from it)
        // never sees a test quarantined twice.
        health.activeQuarantine(quarantine.since()).ifPresent(old -> changes.add(new StateChange(health.project(),
                health.test(), quarantine.since(), HealthState.QUARANTINED, verdict, "quarantine by " + old.by()
                + " replaced by " + quarantine.by() + "'s", List.of(), Optional.empty(),
                Optional.of(quarantine.by()))));
        changes.add(new StateChange(health.project(), health.test(), quarantine.since(), verdict,
                HealthState.QUARANTINED, "quarantined by " + quarantine.by() + " until " + quarantine.expires() + ": "
                + quarantine.reason(), List.of(), Optional.empty(), Optional.of(quarantine.by())));
        return new HealthUpdate(health.withQuarantine(Optional.of(quarantine)), changes, true);
    }

    /** Ends the test's quarantine before its expiry, recording who and why; without a quarantine, nothing changes. */
    public HealthUpdate release(TestHealth health, String by, String reason, Instant at) {
        Objects.requireNonNull(at, "at");
        if (by == null || by.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("releasing a quarantine needs who and why");
        }
        if (health.quarantine().isEmpty()) {
            return HealthUpdate.unchanged(health);
        }
        StateChange change = new StateChange(health.project(), health.test(), at, HealthState.QUARANTINED,
                health.verdict().state(), "quarantine released by " + by + ": " + reason, List.of(), Optional.empty(),
                Optional.of(by));
        return new HealthUpdate(health.withQuarantine(Optional.empty()), List.of(change), true);
    }

    /**
     * Drops the test's quarantine if it expired by {@code now}, recording the change at the expiry. An expired
     * quarantine shows nowhere even before this runs ({@link TestHealth#stateAt}); this writes it into the timeline.
     */
    public HealthUpdate expire(TestHealth health, Instant now) {
        List<StateChange> changes = new ArrayList<>();
        TestHealth next = dropExpired(health, now, changes);
        return next == health ? HealthUpdate.unchanged(health) : new HealthUpdate(next, changes, true);
    }

    private TestHealth dropExpired(TestHealth health, Instant now, List<StateChange> changes) {
        Optional<Quarantine> quarantine = health.quarantine();
        if (quarantine.isEmpty() || quarantine.get().inForceAt(now)) {
            return health;
        }
        Quarantine q = quarantine.get();
        changes.add(new StateChange(health.project(), health.test(), q.expires(), HealthState.QUARANTINED,
                health.verdict().state(), "quarantine by " + q.by() + " expired", List.of(), Optional.empty(),
                Optional.of(q.by())));
        return health.withQuarantine(Optional.empty());
    }

    private TestHealth judge(TestHealth health, Assessment assessment, Instant at, Optional<RunKey> cause,
                             List<StateChange> changes) {
        Verdict before = health.verdict();
        Ruling ruling = rule(health, assessment);
        Optional<HealthState> recovering = recovering(before.state(), ruling.state(), health.recoveringFrom());
        if (ruling.state() == before.state()) {
            Verdict kept = before.since().isPresent() ? before
                    : new Verdict(before.state(), Optional.of(at), ruling.reason());
            return health.withVerdict(kept, recovering);
        }
        changes.add(new StateChange(health.project(), health.test(), at, before.state(), ruling.state(),
                ruling.reason(), ruling.evidence(), cause, Optional.empty()));
        return health.withVerdict(new Verdict(ruling.state(), Optional.of(at), ruling.reason()), recovering);
    }

    private Ruling rule(TestHealth health, Assessment a) {
        HealthState before = health.verdict().state();
        if (a.brokenOnDefaultBranch()) {
            Evidence.FailureStreak streak = a.defaultStreak().orElseThrow();
            return new Ruling(HealthState.BROKEN, streak.describe(), List.of(streak, a.rootCauses()));
        }
        boolean enters = a.flakyFailing() >= settings.flakyEnterFailures() && a.flakyEvidence() > 0
                || settings.flakyOnOneProof() && a.flakyFailing() >= 1 && a.proofs() > 0;
        boolean stays = before == HealthState.FLAKY && (a.flakyFailing() >= settings.flakyExitFailures()
                || a.cleanRuns() < a.exitRuns());
        if (enters || stays) {
            return flaky(a);
        }
        List<Evidence> rates = List.of(a.branches().get(0));
        if (before == HealthState.NEW && a.executions() < settings.minExecutions()) {
            return new Ruling(HealthState.NEW, a.executions() + " of " + settings.minExecutions()
                    + " runs needed to judge", rates);
        }
        Optional<HealthState> troubled = before.troubled() ? Optional.of(before) : health.recoveringFrom();
        if (troubled.isPresent() && a.cleanRuns() >= settings.fixedAfterCleanRuns()) {
            return new Ruling(HealthState.FIXED, a.cleanRuns() + " clean runs in a row since it was "
                    + lower(troubled.get()), rates);
        }
        if (before == HealthState.FIXED) {
            return new Ruling(HealthState.FIXED, health.verdict().reason(), rates);
        }
        return new Ruling(HealthState.HEALTHY, healthyReason(before, a), rates);
    }

    private Ruling flaky(Assessment a) {
        List<Evidence> evidence = new ArrayList<>();
        a.retryPasses().stream().limit(EVIDENCE_SHOWN).forEach(evidence::add);
        a.disagreements().stream().limit(EVIDENCE_SHOWN).forEach(evidence::add);
        a.recurring().ifPresent(evidence::add);
        evidence.add(a.branches().get(0));
        evidence.add(a.rootCauses());
        String shown = evidence.stream().filter(e -> e instanceof Evidence.RetryPass
                        || e instanceof Evidence.SameCommitDisagreement || e instanceof Evidence.RecurringFailure)
                .findFirst().map(Evidence::describe)
                .orElse("no flaky evidence left in the window");
        if (a.flakyFailing() == 0) {
            return new Ruling(HealthState.FLAKY, "no failure in its last " + a.cleanRuns() + " runs, but at its "
                    + "failure rate while flaky (" + percent(a.flakyRate()) + ") that is no proof yet: "
                    + a.exitRuns() + " clean runs are", evidence);
        }
        return new Ruling(HealthState.FLAKY, "failed " + a.flakyFailing() + " of its last " + a.executions()
                + " runs with " + a.flakyEvidence() + " piece" + (a.flakyEvidence() == 1 ? "" : "s")
                + " of flaky evidence, e.g. " + shown, evidence);
    }

    private static String healthyReason(HealthState before, Assessment a) {
        return switch (before) {
            case BROKEN -> "passed again on " + a.defaultBranch() + "; " + a.cleanRuns() + " clean run"
                    + (a.cleanRuns() == 1 ? "" : "s") + " since";
            case FLAKY -> "no failure left in its last " + a.executions() + " runs";
            default -> a.executions() + " runs without flaky evidence or a failing streak";
        };
    }

    private static Optional<HealthState> recovering(HealthState before, HealthState after,
                                                    Optional<HealthState> recoveringFrom) {
        if (after.troubled() || after == HealthState.FIXED) {
            return Optional.empty();
        }
        return before.troubled() ? Optional.of(before) : recoveringFrom;
    }

    private TestHealth applyPolicy(TestHealth health, Assessment a, Instant at, Optional<RunKey> cause,
                                   List<StateChange> changes) {
        HealthState verdict = health.verdict().state();
        Optional<Quarantine> held = health.quarantine();
        if (held.isPresent() && held.get().source() == Quarantine.Source.POLICY && verdict != HealthState.FLAKY) {
            changes.add(new StateChange(health.project(), health.test(), at, HealthState.QUARANTINED, verdict,
                    "auto-quarantine lifted: the test is " + lower(verdict) + " now", List.of(), cause,
                    Optional.of(POLICY)));
            return health.withQuarantine(Optional.empty());
        }
        if (!settings.autoQuarantine() || verdict != HealthState.FLAKY || a.score() < settings.autoQuarantineMinScore()
                || health.activeQuarantine(at).isPresent()) {
            return health;
        }
        Quarantine q = new Quarantine(Quarantine.Source.POLICY, POLICY, "flaky with score " + a.score()
                + " (auto-quarantine from " + settings.autoQuarantineMinScore() + ")", at,
                at.plus(settings.autoQuarantineFor()));
        changes.add(new StateChange(health.project(), health.test(), at, verdict, HealthState.QUARANTINED,
                "auto-quarantined until " + q.expires() + ": " + q.reason(), List.of(), cause, Optional.of(POLICY)));
        return health.withQuarantine(Optional.of(q));
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String lower(HealthState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A rule's conclusion. */
    private record Ruling(HealthState state, String reason, List<Evidence> evidence) {
    }
}
