package dev.feedbackloop.rollup;

import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the nightly figures of one project and UTC day are computed from: the day's own records and a few
 * small rolling aggregates, never a test's history. A storage adapter reads each of these with queries bounded by
 * the day (its runs, their failing results, the day's timeline entries) or by the subjects the day touched (one
 * rolling series each), plus the previous day's row.
 *
 * @param runs              the day's runs
 * @param failures          the results that ended red in those runs
 * @param tests             per test that ran that day, its executions outside outage runs
 * @param stateChanges      the health timeline entries of the day
 * @param countsBefore      flaky, broken, fixed and quarantined tests at the start of the day (the previous row's,
 *                          or a recount)
 * @param flakyTests        the tests flaky now, with their dominant root cause and area
 * @param brokenTests       the tests broken now (they get no early warning: they are past it)
 * @param trendsBefore      the stored series of the tests and scenarios of the day; a subject without one starts
 *                          empty
 * @param projectRunsBefore the project's stored series of runs (outage runs left out), the denominator of scenario
 *                          trends
 * @param work              what the loop did itself that day
 * @param previousDay       the previous day's row, for the success-rate change
 */
public record DayActivity(String project, LocalDate day, Instant computedAt, List<RunOfDay> runs,
                          List<FailureOfDay> failures, List<TestOfDay> tests, List<StateChange> stateChanges,
                          StateCounts countsBefore, List<FlakyCause> flakyTests, Set<TestId> brokenTests,
                          List<Trend> trendsBefore, Optional<DailySeries> projectRunsBefore, LoopWork work,
                          Optional<FeedbackLoopMetrics> previousDay) {

    public DayActivity {
        RunKey.requireProjectKey(project);
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(computedAt, "computedAt");
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        stateChanges = List.copyOf(Objects.requireNonNull(stateChanges, "stateChanges"));
        Objects.requireNonNull(countsBefore, "countsBefore");
        flakyTests = List.copyOf(Objects.requireNonNull(flakyTests, "flakyTests"));
        brokenTests = Set.copyOf(Objects.requireNonNull(brokenTests, "brokenTests"));
        trendsBefore = List.copyOf(Objects.requireNonNull(trendsBefore, "trendsBefore"));
        Objects.requireNonNull(projectRunsBefore, "projectRunsBefore");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(previousDay, "previousDay");
        for (RunOfDay run : runs) {
            requireProject(project, run.run(), "run");
        }
        for (FailureOfDay failure : failures) {
            requireProject(project, failure.run(), "failure of test " + failure.test() + " in run");
        }
        for (StateChange change : stateChanges) {
            if (!change.project().equals(project)) {
                throw new IllegalArgumentException("state change of test " + change.test() + " belongs to project "
                        + change.project() + ", not " + project);
            }
        }
        previousDay.ifPresent(p -> {
            if (!p.project().equals(project) || !p.day().isBefore(day)) {
                throw new IllegalArgumentException("the previous row must be of " + project + " before " + day
                        + ", was of " + p.project() + " on " + p.day());
            }
        });
    }

    private static void requireProject(String project, RunKey run, String what) {
        if (!run.project().equals(project)) {
            throw new IllegalArgumentException(what + " " + run.runId() + "#" + run.attempt() + " belongs to project "
                    + run.project() + ", not " + project);
        }
    }
}
