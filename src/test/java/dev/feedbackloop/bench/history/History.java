package dev.feedbackloop.bench.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated history: the timeline, each test's process and every run's results, in time order.
 *
 * @param scenario   what it was generated from
 * @param seed       the seed
 * @param project    the project name test ids are derived with
 * @param timeline   commits, branches and first attempts
 * @param plans      one per test, in catalogue order
 * @param runs       every run attempt's results, oldest first
 * @param shortfalls what the scenario asked for and the timeline had no room for
 */
record History(Scenario scenario, long seed, String project, Timeline timeline, List<TestPlan> plans,
               List<SimulatedRun> runs, List<String> shortfalls) {

    History {
        plans = List.copyOf(plans);
        runs = List.copyOf(runs);
        shortfalls = List.copyOf(shortfalls);
    }

    /**
     * Generates a history: deterministic for a given scenario, seed, project and start.
     *
     * @throws IllegalArgumentException when the scenario asks for more tests than the catalogue names, or more
     *                                  special tests than it has
     */
    static History generate(Scenario scenario, long seed, String project, Instant start) {
        int late = (int) Math.round(scenario.tests() * scenario.lateShare());
        int regular = scenario.tests() - late;
        List<TestSpec> specs = Catalogue.build(regular, late, Rng.of(seed, "catalogue"));
        Timeline timeline = Timeline.plan(scenario, seed, start, scenario.prRegressions());
        Population population = new Population(scenario, timeline, seed);
        List<TestPlan> plans = population.assign(specs.subList(0, regular), specs.subList(regular, specs.size()));
        RunSimulator simulator = new RunSimulator(timeline, seed, scenario.glitchRate());
        List<SimulatedRun> runs = new ArrayList<>();
        Set<Integer> red = new HashSet<>();
        for (PlannedRun run : timeline.firstAttempts()) {
            SimulatedRun result = simulator.run(run, plans);
            runs.add(result);
            if (result.red()) {
                red.add(run.number());
            }
        }
        for (PlannedRun rerun : timeline.reruns(red, Timeline.rerunCount(scenario), Rng.of(seed, "reruns"))) {
            runs.add(simulator.run(rerun, plans));
        }
        runs.sort(Comparator.comparing((SimulatedRun r) -> r.run().time()).thenComparing(r -> r.run().runId())
                .thenComparingInt(r -> r.run().attempt()));
        return new History(scenario, seed, project, timeline, plans, runs, population.shortfalls());
    }
}
