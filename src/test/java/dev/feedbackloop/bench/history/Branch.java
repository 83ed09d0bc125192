package dev.feedbackloop.bench.history;

import java.util.List;
import java.util.OptionalInt;

/**
 * A pull-request branch: it starts from a {@code main} commit, gets a few commits of its own, each built by CI, and
 * is merged into {@code main} by a later merge commit, or left open or closed unmerged.
 *
 * @param name      the branch name as CI reports it ({@code feature/1042-coupon-stacking})
 * @param number    the pull request's number
 * @param baseIndex the {@code main} commit it started from
 * @param commits   its own commits, oldest first; never empty
 * @param mergedAt  the index of the {@code main} merge commit, when it was merged
 * @param abandoned whether it was closed without merging, as a pull request that broke a test may be
 */
record Branch(String name, int number, int baseIndex, List<Commit> commits, OptionalInt mergedAt, boolean abandoned) {

    Branch {
        commits = List.copyOf(commits);
        if (commits.isEmpty()) {
            throw new IllegalArgumentException("branch " + name + " has no commits");
        }
    }
}
