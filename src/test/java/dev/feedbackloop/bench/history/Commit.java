package dev.feedbackloop.bench.history;

import java.time.Instant;

/**
 * A commit of the simulated project.
 *
 * @param ordinal     position among all commits of the history, a key for draws
 * @param id          40 hex digits
 * @param branch      {@link Timeline#MAIN} or a pull-request branch
 * @param mainIndex   on {@code main}: its position there (0 = the first commit); on a branch: the position of the
 *                    {@code main} commit the branch started from, which is all of {@code main} it contains
 * @param branchIndex position on its own branch (on {@code main}, equal to {@code mainIndex})
 * @param time        when it was pushed
 * @param message     its first line
 */
record Commit(int ordinal, String id, String branch, int mainIndex, int branchIndex, Instant time, String message) {

    boolean onMain() {
        return branch.equals(Timeline.MAIN);
    }
}
