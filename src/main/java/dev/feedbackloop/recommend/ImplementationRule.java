package dev.feedbackloop.recommend;

import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects that an accepted fix went in without anyone saying so: a run on the default branch, after the
 * recommendation was accepted, has one of its tests at a source other than the failing one its reproduction stands
 * for. The move is the loop's ({@link StatusChange#LOOP}), with the run's commit and the hashes in its reason.
 * A hash never learnt (no failing run seen with a source), the same hash, another branch or a run from before the
 * acceptance detect nothing.
 */
public final class ImplementationRule {

    private ImplementationRule() {
    }

    /**
     * @param r             a recommendation, with its ledger opened
     * @param ledger        its tests and the sources they stand for
     * @param run           a run not counted yet
     * @param defaultBranch the project's default branch
     * @return the recommendation moved to implemented, or empty
     */
    public static Optional<Recommendation> detect(Recommendation r, TestLedger ledger, RunObservation run,
                                                  String defaultBranch) {
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        if (r.status() != RecommendationStatus.ACCEPTED || !run.branch().equals(Optional.of(defaultBranch))) {
            return Optional.empty();
        }
        Optional<Instant> accepted = acceptedAt(r);
        if (accepted.isEmpty() || !run.at().isAfter(accepted.get())) {
            return Optional.empty();
        }
        for (TestId test : r.tests()) {
            Optional<String> failing = ledger.find(TestRole.REPRODUCTION, test).flatMap(TrackedTest::sourceHash);
            Optional<String> now = run.result(test).flatMap(RunObservation.TestObservation::sourceHash);
            if (failing.isPresent() && now.isPresent() && !failing.equals(now)) {
                String reason = "source of " + test.value() + " changed from " + failing.get().substring(0, 12)
                        + " to " + now.get().substring(0, 12) + " on " + defaultBranch + " in run " + run.run()
                        + run.commit().map(c -> " at " + c).orElse("") + " after the fix was accepted";
                return Optional.of(r.implemented(StatusChange.LOOP, run.at(),
                        run.commit().filter(ImplementationRule::isCommit), reason));
            }
        }
        return Optional.empty();
    }

    /** {@code main}, or {@code master} when the runs name master and not main (as test health infers it). */
    public static String defaultBranch(java.util.List<RunObservation> runs) {
        boolean main = runs.stream().anyMatch(r -> r.branch().equals(Optional.of("main")));
        boolean master = runs.stream().anyMatch(r -> r.branch().equals(Optional.of("master")));
        return master && !main ? "master" : "main";
    }

    private static Optional<Instant> acceptedAt(Recommendation r) {
        for (int i = r.history().size() - 1; i >= 0; i--) {
            if (r.history().get(i).to() == RecommendationStatus.ACCEPTED) {
                return Optional.of(r.history().get(i).at());
            }
        }
        return Optional.empty();
    }

    /** Recommendation keeps commits of 7-64 hex digits; a ref that is not one is named in the reason only. */
    private static boolean isCommit(String commit) {
        return commit.matches("[0-9a-fA-F]{7,64}");
    }
}
