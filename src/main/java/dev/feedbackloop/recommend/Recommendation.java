package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.ProposedFix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recommendation: one change proposed to make failures stop, with its evidence, priority, estimates, lifecycle and,
 * once implemented, its measured effect.
 *
 * @param id                64 hex digits; an immediate fix shares its id with the pending recommendation it came
 *                          from, a pattern's id is the hash of its project, kind and pattern
 * @param project           project key
 * @param kind              immediate fix, strategic improvement or architecture change
 * @param scenario          the scenario an immediate fix is for; empty for patterns
 * @param category          the root cause it addresses, if one
 * @param evidence          the scenarios and facts that support it
 * @param priority          1..10 with its terms
 * @param effort            effort with its reason
 * @param impact            impact with its reason
 * @param advice            what to change and how to validate it
 * @param fix               the proposed fix (summary and diff), when one was drafted
 * @param tests             tests it concerns, at most {@link #MAX_TESTS}
 * @param status            where it is in its life
 * @param history           every status change, oldest first
 * @param implementedCommit the commit that implemented it, when known
 * @param effectiveness     its measured effect, once watched long enough
 * @param ledger            its reproduction, validation and regression tests with what later runs said of them
 * @param createdAt         when it was first made
 * @param version           optimistic-lock version: 1 when made, one more per change
 */
public record Recommendation(String id, String project, RecommendationKind kind, Optional<Fingerprint> scenario,
                             Optional<Category> category, Evidence evidence, Priority priority, Estimate effort,
                             Estimate impact, Advice advice, Optional<ProposedFix> fix, List<TestId> tests,
                             RecommendationStatus status, List<StatusChange> history,
                             Optional<String> implementedCommit, Optional<Effectiveness> effectiveness,
                             TestLedger ledger, Instant createdAt, long version) {

    public static final int MAX_TESTS = 100;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");

    public Recommendation {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("recommendation id must be 64 hex digits, was '" + id + "'");
        }
        dev.feedbackloop.model.RunKey.requireProjectKey(project);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scenario, "scenario");
        if ((kind == RecommendationKind.IMMEDIATE_FIX) != scenario.isPresent()) {
            throw new IllegalArgumentException("recommendation " + id + ": an immediate fix names exactly its one"
                    + " scenario and a pattern names none; was " + kind.wireName() + " with scenario " + scenario);
        }
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(effort, "effort");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(advice, "advice");
        Objects.requireNonNull(fix, "fix");
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        if (tests.size() > MAX_TESTS) {
            throw new IllegalArgumentException("recommendation " + id + " names " + tests.size() + " tests, at most "
                    + MAX_TESTS);
        }
        Objects.requireNonNull(status, "status");
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        implementedCommit = Objects.requireNonNull(implementedCommit, "implementedCommit");
        implementedCommit.ifPresent(c -> {
            if (!COMMIT.matcher(c).matches()) {
                throw new IllegalArgumentException("commit must be 7-64 hex digits, was '" + c + "'");
            }
        });
        Objects.requireNonNull(effectiveness, "effectiveness");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("recommendation " + id + " version must be >= 1, was " + version);
        }
    }

    /** Moves to {@code target}, recording who, when and why; refuses moves the lifecycle does not allow. */
    public Recommendation move(RecommendationStatus target, String by, Instant at, String reason) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        List<StatusChange> changes = new ArrayList<>(history);
        changes.add(new StatusChange(status, target, by, at, reason));
        return new Recommendation(id, project, kind, scenario, category, evidence, priority, effort, impact, advice,
                fix, tests, target, changes, implementedCommit, effectiveness, ledger, createdAt, version + 1);
    }

    /** Marks it implemented (only from accepted), by the given commit when known. */
    public Recommendation implemented(String by, Instant at, Optional<String> commit, String reason) {
        Recommendation moved = move(RecommendationStatus.IMPLEMENTED, by, at, reason);
        return new Recommendation(id, project, kind, scenario, category, evidence, priority, effort, impact, advice,
                fix, tests, moved.status, moved.history, commit, Optional.empty(), ledger, createdAt, moved.version);
    }

    /** Records the measured effect and moves to verified or ineffective. */
    public Recommendation judged(RecommendationStatus verdict, Effectiveness measured, Instant at, String reason) {
        if (verdict != RecommendationStatus.VERIFIED && verdict != RecommendationStatus.INEFFECTIVE) {
            throw new IllegalArgumentException("a judged fix is verified or ineffective, not " + verdict.wireName());
        }
        Recommendation moved = move(verdict, StatusChange.LOOP, at, reason);
        return new Recommendation(id, project, kind, scenario, category, evidence, priority, effort, impact, advice,
                fix, tests, moved.status, moved.history, implementedCommit, Optional.of(measured), ledger,
                createdAt, moved.version);
    }

    /** A draft fix arrived for this recommendation (from pending), or replaced an earlier draft. */
    public Recommendation drafted(ProposedFix proposed, Advice newAdvice) {
        Recommendation moved = status == RecommendationStatus.DRAFT ? this
                : move(RecommendationStatus.DRAFT, StatusChange.LOOP, proposed.proposedAt(), "fix proposed by "
                + proposed.author());
        return new Recommendation(id, project, kind, scenario, category, evidence, priority, effort, impact,
                newAdvice, Optional.of(proposed), tests, moved.status, moved.history, implementedCommit,
                effectiveness, ledger, createdAt, moved.version + (moved == this ? 1 : 0));
    }

    /** The same recommendation with its tests' results brought up to date (one more version). */
    public Recommendation withLedger(TestLedger updated) {
        return new Recommendation(id, project, kind, scenario, category, evidence, priority, effort, impact, advice,
                fix, tests, status, history, implementedCommit, effectiveness, updated, createdAt, version + 1);
    }

    /** When it was last marked implemented. */
    public Optional<Instant> implementedAt() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).to() == RecommendationStatus.IMPLEMENTED) {
                return Optional.of(history.get(i).at());
            }
        }
        return Optional.empty();
    }

    /** The fingerprint JSON shows: the scenario's, or a pattern's strongest evidence. */
    public Optional<Fingerprint> fingerprint() {
        return scenario.or(() -> evidence.scenarios().stream().findFirst());
    }
}
