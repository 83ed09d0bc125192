package dev.feedbackloop.bench.history;

import java.util.List;

/**
 * One run attempt's results, one per test its commit holds, in catalogue order.
 *
 * @param run        the run
 * @param executions its results
 */
record SimulatedRun(PlannedRun run, List<Execution> executions) {

    SimulatedRun {
        executions = List.copyOf(executions);
    }

    /** Tests that ran and ended failing. */
    long failed() {
        return executions.stream().filter(Execution::failed).count();
    }

    /** Tests that ran (not skipped). */
    long ran() {
        return executions.stream().filter(e -> !e.skipped()).count();
    }

    /** Whether a test ended failing: a red build. */
    boolean red() {
        return failed() > 0;
    }
}
