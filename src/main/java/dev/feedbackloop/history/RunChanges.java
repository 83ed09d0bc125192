package dev.feedbackloop.history;

import dev.feedbackloop.store.StoredRun;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run changed since the run before it: failures that are new, failures that stayed, failures that were
 * fixed or whose tests did not run, and the tests that were flaky within the run.
 *
 * <p>"The run before" is {@link dev.feedbackloop.store.RunStore#previousRun}: the latest earlier run (by run time,
 * then attempt, then run id) on the same branch, or of the project when the run names no branch.
 *
 * @param run          the run
 * @param previous     the run before it, if any
 * @param byBranch     whether {@code previous} was looked for on the run's branch (else among all the project's runs)
 * @param newFailures  failed or errored now, not before (passed, flaky, skipped or absent then; all failures when
 *                     there is no previous run)
 * @param stillFailing failed or errored now and before
 * @param fixed        failed or errored before, passed now
 * @param notRun       failed or errored before, skipped or not reported now
 * @param flaky        flaky now: failed, then passed on a retry within the run
 */
public record RunChanges(StoredRun run, Optional<StoredRun> previous, boolean byBranch, List<TestChange> newFailures,
                         List<TestChange> stillFailing, List<TestChange> fixed, List<TestChange> notRun,
                         List<TestChange> flaky) {

    public RunChanges {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(previous, "previous");
        newFailures = sorted(newFailures);
        stillFailing = sorted(stillFailing);
        fixed = sorted(fixed);
        notRun = sorted(notRun);
        flaky = sorted(flaky);
    }

    private static List<TestChange> sorted(List<TestChange> changes) {
        return Objects.requireNonNull(changes, "changes").stream().sorted(TestChange.BY_NAME).toList();
    }
}
