package dev.feedbackloop.bench.history;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a history shows of each test, outage runs left out: the evidence any detector has to work with. Written
 * beside the truth so that a miss can be told from a test whose process never showed (a 2% flaky test that never
 * failed is flaky by process and invisible in its history).
 */
final class Observations {

    /**
     * One test's record.
     *
     * @param executions              normal runs it ran in (skips and outage runs left out)
     * @param failures                of those, the runs it ended failing
     * @param retryPasses             runs in which it failed, then passed on a retry
     * @param failedAttempts          failed attempts over those runs, retries included
     * @param skipped                 runs that skipped it
     * @param outageFailures          outage runs it failed in (evidence for nothing)
     * @param infraFailures           normal runs it ended failing with an infrastructure error
     * @param sameCommitDisagreements commits on which one normal run passed it and another failed it
     * @param mainFailures            failing normal runs on {@code main}
     * @param branchFailures          failing normal runs on pull-request branches
     * @param definition              issue 12's definition applied to the history as it shows (below)
     */
    record TestRecord(int executions, int failures, int retryPasses, int failedAttempts, int skipped,
                      int outageFailures, int infraFailures, int sameCommitDisagreements, int mainFailures,
                      int branchFailures, Definition definition) {
    }

    /**
     * {@link FlakyDefinition} at the end of the history.
     *
     * @param flakyAtEnd     the verdict after the last execution
     * @param windowFailing  executions with a failed attempt among the last {@link FlakyDefinition#WINDOW}
     * @param windowEvidence passes on retry and commits both passing and failing among them
     */
    record Definition(boolean flakyAtEnd, int windowFailing, int windowEvidence) {
    }

    private final Map<Integer, Counter> byTest = new HashMap<>();

    Observations(History history) {
        for (SimulatedRun run : history.runs()) {
            for (Execution execution : run.executions()) {
                byTest.computeIfAbsent(execution.plan().test().index(), i -> new Counter()).add(run, execution);
            }
        }
    }

    /** The record of a test; all zeros for a test that never appeared. */
    TestRecord of(TestSpec test) {
        Counter counter = byTest.get(test.index());
        return counter == null ? new TestRecord(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new Definition(false, 0, 0))
                : counter.record();
    }

    private static final class Counter {
        int executions;
        int failures;
        int retryPasses;
        int failedAttempts;
        int skipped;
        int outageFailures;
        int infraFailures;
        int mainFailures;
        int branchFailures;
        final Set<String> passedOn = new HashSet<>();
        final Set<String> failedOn = new HashSet<>();
        final FlakyDefinition definition = new FlakyDefinition();

        void add(SimulatedRun run, Execution execution) {
            if (execution.skipped()) {
                skipped++;
                return;
            }
            if (run.run().outage()) {
                outageFailures += execution.failed() ? 1 : 0;
                return;
            }
            executions++;
            failedAttempts += (int) execution.attempts().stream().filter(a -> !a.passed()).count();
            retryPasses += execution.passedOnRetry() ? 1 : 0;
            String commit = run.run().commit().id();
            definition.add(new FlakyDefinition.Seen(commit, execution.attempts().stream().anyMatch(a -> !a.passed()),
                    execution.passedOnRetry(), !execution.failed()));
            if (!execution.failed()) {
                passedOn.add(commit);
                return;
            }
            failures++;
            failedOn.add(commit);
            infraFailures += execution.failedOnInfrastructure() ? 1 : 0;
            if (run.run().commit().onMain()) {
                mainFailures++;
            } else {
                branchFailures++;
            }
        }

        TestRecord record() {
            Set<String> both = new HashSet<>(passedOn);
            both.retainAll(failedOn);
            return new TestRecord(executions, failures, retryPasses, failedAttempts, skipped, outageFailures,
                    infraFailures, both.size(), mainFailures, branchFailures,
                    new Definition(definition.flaky(), definition.failing(), definition.evidence()));
        }
    }
}
