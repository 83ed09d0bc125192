package dev.feedbackloop.recommend;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoreConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The loop from scenario to verified fix, over a {@link RecommendationBook}: make recommendations (idempotently),
 * take people's decisions, mark fixes implemented, and judge implemented fixes from later runs.
 */
public final class RecommendationLoop {

    /** Triage decisions read per project: a bound, not a page; far above what people decide by hand. */
    static final int TRIAGE_LIMIT = 10_000;
    private static final int PAGE = 100;

    private final RecommendationBook book;
    private final Recommender recommender;
    private final FixWatch watch;

    public RecommendationLoop(RecommendationBook book, Recommender recommender, FixWatch watch) {
        this.book = Objects.requireNonNull(book, "book");
        this.recommender = Objects.requireNonNull(recommender, "recommender");
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    /** Recommendations made now, and how many were already kept. */
    public record Refreshed(int added, int known) {
    }

    /**
     * Makes the immediate fix of each scenario (from its drafted fix when one is given) and the patterns' ones,
     * keeping those not kept yet.
     */
    public Refreshed refresh(String project, List<ScenarioFacts> scenarios, List<Recommender.Draft> drafts,
                             Instant now) {
        TriageMemory memory = memory(project);
        List<Recommendation> made = new ArrayList<>();
        for (ScenarioFacts facts : scenarios) {
            Optional<Recommender.Draft> draft = drafts.stream()
                    .filter(d -> d.scenario().equals(facts.scenario().key())).findFirst();
            recommender.immediateFix(facts, draft, memory, now).ifPresent(made::add);
        }
        made.addAll(recommender.patterns(project, scenarios, memory, now));
        int added = 0;
        for (Recommendation recommendation : made) {
            if (book.add(recommendation)) {
                added++;
            }
        }
        return new Refreshed(added, made.size() - added);
    }

    /** A person's decision: the recommendation moves and the decision is remembered. */
    public Recommendation decide(String project, String id, TriageDecision decision, String reason, String by,
                                 Instant now) {
        Recommendation current = require(project, id);
        Triage.Decided decided = Triage.decide(current, decision, reason, by, now);
        book.update(decided.recommendation(), current.version());
        book.recordTriage(project, decided.triage());
        return decided.recommendation();
    }

    /**
     * What a decision or an implementation mark did.
     *
     * @param recommendation the recommendation as it stands now
     * @param repeated       whether the same change was already recorded (a redelivered request): nothing moved
     */
    public record Recorded(Recommendation recommendation, boolean repeated) {
    }

    /**
     * {@link #decide}, idempotent: when the recommendation already moved to the decision's status by the same person
     * for the same reason, and was not reopened since, nothing moves again, the decision's record is completed if a
     * crash left it out ({@link RecommendationBook#recordTriage} keeps one record per recommendation, decision and
     * time), and the answer is {@code repeated}.
     *
     * @throws IllegalTransitionException when the recommendation's status does not allow the decision
     */
    public Recorded decideOnce(String project, Recommendation current, TriageDecision decision, String reason,
                               String by, Instant now) {
        Optional<StatusChange> done = lastStanding(current, decision.status(), by, Triage.why(decision, reason));
        if (done.isPresent()) {
            book.recordTriage(project, new Triage(current.id(), current.scenario(), current.advice().direction(),
                    decision, reason, by, done.get().at()));
            return new Recorded(current, true);
        }
        return new Recorded(decide(project, current.id(), decision, reason, by, now), false);
    }

    /**
     * {@link #implemented}, idempotent: a recommendation the same person already marked implemented in the same commit
     * (and not reopened since: it may have been judged meanwhile) is answered {@code repeated}, unchanged.
     *
     * @throws IllegalTransitionException when it is not accepted (nor already implemented so)
     */
    public Recorded implementedOnce(String project, Recommendation current, Optional<String> commit, String by,
                                    Instant now) {
        String reason = commit.map(c -> "implemented in " + c).orElse("implemented");
        if (lastStanding(current, RecommendationStatus.IMPLEMENTED, by, reason).isPresent()
                && current.implementedCommit().equals(commit)) {
            return new Recorded(current, true);
        }
        return new Recorded(implemented(project, current.id(), commit, by, now), false);
    }

    /**
     * The last change into {@code status} made by {@code by} for {@code reason}, if nothing after it reopened the
     * recommendation (moved it to a status from which {@code status} can be reached again).
     */
    private static Optional<StatusChange> lastStanding(Recommendation r, RecommendationStatus status, String by,
                                                       String reason) {
        List<StatusChange> history = r.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            StatusChange change = history.get(i);
            if (change.to() == status) {
                return change.by().equals(by) && change.reason().equals(reason) ? Optional.of(change)
                        : Optional.empty();
            }
            if (change.to().canMoveTo(status)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A person says the fix is in (from accepted only). */
    public Recommendation implemented(String project, String id, Optional<String> commit, String by, Instant now) {
        Recommendation current = require(project, id);
        Recommendation marked = current.implemented(by, now, commit, commit.map(c -> "implemented in " + c)
                .orElse("implemented"));
        Recommendation moved = marked.withLedger(marked.ledger().opened(marked));
        book.update(moved, current.version());
        return moved;
    }

    /**
     * Judges every implemented recommendation from the runs of its tests; a recommendation changed concurrently is
     * left for the next pass.
     *
     * @return the recommendations judged now
     */
    public List<Recommendation> watch(String project, Function<Recommendation, List<RunOutcome>> runs, Instant now) {
        List<Recommendation> judged = new ArrayList<>();
        for (Recommendation implemented : all(project, RecommendationStatus.IMPLEMENTED)) {
            Optional<Recommendation> verdict = watch.judge(implemented, runs.apply(implemented), now)
                    .map(v -> v.withLedger(v.ledger().opened(v)));
            if (verdict.isPresent()) {
                try {
                    book.update(verdict.get(), implemented.version());
                    judged.add(verdict.get());
                } catch (StoreConflictException e) {
                    // changed by a person meanwhile: judged again on the next pass
                }
            }
        }
        return judged;
    }

    /** What observing one run did: recommendations whose tests it counted, and those it found implemented. */
    public record Observed(int counted, List<Recommendation> implemented) {
    }

    /** Statuses whose tests are tracked: the ones still in play (not rejected or won't fix). */
    static final List<RecommendationStatus> TRACKED = List.of(RecommendationStatus.DRAFT,
            RecommendationStatus.ACCEPTED, RecommendationStatus.IMPLEMENTED, RecommendationStatus.VERIFIED,
            RecommendationStatus.INEFFECTIVE);

    /**
     * Fills in the reproduction, validation and regression tests of every recommendation the runs have a result for
     * (see {@link TestLedger}), and moves an accepted one to implemented when a run shows its test's source changed
     * on the default branch ({@link ImplementationRule}). Runs are applied oldest first; each recommendation is
     * written at most once per pass. Idempotent: a run already counted is not counted again, but it may still show
     * what it could not when first observed, because its tests' source hashes arrived after its report (hashes are
     * shipped beside a report and may come before or after it): a hash a tracked test has not learnt yet is learnt
     * ({@link TestLedger#learn}) and the implementation is detected then. A recommendation changed concurrently (two
     * observations of one run: its report's and its hashes') is read again and observed again, at most
     * {@value #CONFLICT_TRIES} times; past that the runs count for it when observed again.
     *
     * @param defaultBranch the branch a changed source must be seen on; empty: {@code main}, or {@code master} when
     *                      the runs name master and not main
     */
    public Observed observe(String project, List<RunObservation> runs, Optional<String> defaultBranch) {
        List<RunObservation> ordered = runs.stream().sorted(Comparator.comparing(RunObservation::at)
                .thenComparing(RunObservation::run)).toList();
        String branch = defaultBranch.orElseGet(() -> ImplementationRule.defaultBranch(ordered));
        int counted = 0;
        List<Recommendation> implemented = new ArrayList<>();
        for (RecommendationStatus status : TRACKED) {
            for (Recommendation read : all(project, status)) {
                Optional<Applied> written = write(project, read, ordered, branch);
                if (written.isPresent()) {
                    counted++;
                    written.get().implemented().ifPresent(implemented::add);
                }
            }
        }
        return new Observed(counted, implemented);
    }

    /** Tries of one recommendation's write when another observation changed it meanwhile. */
    static final int CONFLICT_TRIES = 3;

    /**
     * What the runs did to one recommendation.
     *
     * @param recommendation the recommendation to write (its version the one read)
     * @param implemented    the recommendation as a run found it implemented, if one did
     */
    private record Applied(Recommendation recommendation, Optional<Recommendation> implemented) {
    }

    /** Applies the runs to {@code read} and writes it, reading it again on a conflict; empty when nothing changed. */
    private Optional<Applied> write(String project, Recommendation read, List<RunObservation> ordered,
                                    String branch) {
        Recommendation current = read;
        for (int attempt = 1; ; attempt++) {
            Optional<Applied> applied = apply(current, ordered, branch);
            if (applied.isEmpty()) {
                return Optional.empty();
            }
            Recommendation next = applied.get().recommendation();
            try {
                book.update(next.withLedger(next.ledger()), current.version());
                return applied;
            } catch (StoreConflictException e) {
                Optional<Recommendation> again = book.find(project, current.id());
                if (attempt >= CONFLICT_TRIES || again.isEmpty() || !TRACKED.contains(again.get().status())) {
                    return Optional.empty(); // these runs count for it when they are observed again
                }
                current = again.get();
            }
        }
    }

    /** The runs applied to one recommendation, oldest first; empty when none changed it. */
    private static Optional<Applied> apply(Recommendation read, List<RunObservation> ordered, String branch) {
        Recommendation current = read;
        Optional<Recommendation> detected = Optional.empty();
        boolean changed = false;
        for (RunObservation run : ordered) {
            if (current.tests().stream().noneMatch(t -> run.result(t).isPresent())) {
                continue;
            }
            TestLedger ledger = current.ledger().opened(current);
            Optional<Recommendation> moved = ImplementationRule.detect(current, ledger, run, branch);
            Recommendation next = moved.orElse(current);
            TestLedger opened = ledger.opened(next);
            Optional<TestLedger> counted = opened.count(run);
            // a run counted already (or older than the newest counted) counts no more, but may bring a late hash
            TestLedger updated = counted.orElseGet(() -> opened.learn(run));
            if (moved.isPresent() || counted.isPresent() || !updated.equals(opened)) {
                current = new Recommendation(next.id(), next.project(), next.kind(), next.scenario(),
                        next.category(), next.evidence(), next.priority(), next.effort(), next.impact(),
                        next.advice(), next.fix(), next.tests(), next.status(), next.history(),
                        next.implementedCommit(), next.effectiveness(), updated, next.createdAt(), read.version());
                detected = moved.isPresent() ? moved : detected;
                changed = true;
            }
        }
        return changed ? Optional.of(new Applied(current, detected)) : Optional.empty();
    }

    /**
     * Observes one stored run as soon as it is stored (ingest), with its tests' source hashes where sources are at
     * hand: the hook that detects implemented fixes.
     */
    public Observed observeRun(StoredHistory history, RunKey run, Function<String, Optional<String>> sourceHash) {
        return history.observation(run, trackedTests(run.project()), sourceHash)
                .map(o -> observe(run.project(), List.of(o), Optional.empty()))
                .orElse(new Observed(0, List.of()));
    }

    /** Observes the newest stored runs of the tracked tests (a pass from the command line catches up on them). */
    public Observed catchUp(String project, StoredHistory history) {
        return observe(project, history.observations(project, trackedTests(project)), Optional.empty());
    }

    /**
     * Catches up on the runs stored from {@code since} on only (the nightly job: ingest observes each run as it is
     * stored, so the night needs only what the day brought, and its cost does not grow with the history).
     */
    public Observed catchUpSince(String project, StoredHistory history, Instant since) {
        return observe(project, history.observationsSince(project, trackedTests(project), since), Optional.empty());
    }

    /** The tests of the recommendations whose tests are tracked, for reading their runs. */
    public java.util.Set<dev.feedbackloop.model.TestId> trackedTests(String project) {
        java.util.Set<dev.feedbackloop.model.TestId> tests = new java.util.LinkedHashSet<>();
        for (RecommendationStatus status : TRACKED) {
            all(project, status).forEach(r -> tests.addAll(r.tests()));
        }
        return tests;
    }

    /** What people decided for the project. */
    public TriageMemory memory(String project) {
        return new TriageMemory(book.triage(project, TRIAGE_LIMIT));
    }

    /**
     * A project's recommendations in the given statuses, highest priority first. {@link RecommendationStatus#PENDING}
     * is skipped: a pending request has no recommendation yet (its record is the regenerate stage's, listed by
     * {@link dev.feedbackloop.store.RecommendationStore#pending}).
     */
    public List<Recommendation> list(String project, List<RecommendationStatus> statuses, int limit) {
        List<Recommendation> found = new ArrayList<>();
        for (RecommendationStatus status : statuses) {
            if (status == RecommendationStatus.PENDING) {
                continue;
            }
            found.addAll(all(project, status).stream().limit(limit).toList());
        }
        return found.stream().sorted(Comparator.comparingInt((Recommendation r) -> -r.priority().score())
                .thenComparing(Recommendation::createdAt).thenComparing(Recommendation::id)).limit(limit).toList();
    }

    private List<Recommendation> all(String project, RecommendationStatus status) {
        List<Recommendation> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Recommendation> page = book.withStatus(project, status, PAGE, cursor);
            found.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return found;
    }

    private Recommendation require(String project, String id) {
        return book.find(project, id).orElseThrow(() -> new IllegalArgumentException("no recommendation " + id
                + " in project " + project));
    }
}
