package dev.feedbackloop.history;

import dev.feedbackloop.scenario.Scenario;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario as a person reads it: its counts, the cause and notes of its latest analysis with a history note that is
 * true now, and the tests and runs it covers.
 *
 * @param scenario  the stored scenario
 * @param cause     the latest analysis's root-cause sentence (latest by run time), if any
 * @param notes     the history note ({@link dev.feedbackloop.scenario.HistoryNote}) first, then the latest analysis's
 *                  notes about its run and its category
 * @param tests     tests it affected, by test id, at most as many as asked for
 * @param moreTests whether it affected more tests than listed
 * @param runs      runs it affected, newest first, at most as many as asked for (runs whose links expired are gone)
 * @param moreRuns  whether more runs are listed in the store than here
 */
public record ScenarioDetails(Scenario scenario, Optional<String> cause, List<String> notes, List<CoveredTest> tests,
                              boolean moreTests, List<CoveredRun> runs, boolean moreRuns) {

    public ScenarioDetails {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(cause, "cause");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
    }
}
