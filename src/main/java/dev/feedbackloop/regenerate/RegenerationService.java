package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending recommendation turned into a recommendation: its evidence gathered from what the loop stored (the
 * failing test's result in the run that raised it, the scenario's history) and the test's source from
 * {@link TestSources}, then handed to the {@link Regenerator}. One piece of work per scenario and source version:
 * the request's first test with a failure and a file stands for the scenario.
 */
public final class RegenerationService {

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final TestSources sources;
    private final Regenerator regenerator;
    private final Redactor redactor;

    public RegenerationService(RunStore runs, ScenarioStore scenarios, TestSources sources, Regenerator regenerator,
                               Redactor redactor) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.regenerator = Objects.requireNonNull(regenerator, "regenerator");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Does the work {@code pending} asks for, once.
     *
     * @return the result, or empty when the run or a failing result of its tests is not stored (nothing to analyse)
     * @throws Regenerator.Deferred when it must be tried again later
     */
    public Optional<Regenerator.Result> regenerate(PendingRecommendation pending, Optional<Instant> deadline) {
        return evidence(pending.request()).map(e -> regenerator.regenerate(pending.recommendationId(), e, deadline));
    }

    /** The evidence of a request, or empty when the loop stored no failure of its tests. */
    public Optional<Evidence> evidence(RegenerationRequest request) {
        Optional<StoredRun> run = runs.findRun(request.triggeredBy());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<ResultRecord> results = runs.resultsOf(run.get(), request.tests());
        Optional<ResultRecord> chosen = results.stream().filter(r -> failure(r).isPresent())
                .filter(r -> r.result().test().file().isPresent()).findFirst()
                .or(() -> results.stream().filter(r -> failure(r).isPresent()).findFirst());
        return chosen.map(r -> {
            Optional<String> file = r.result().test().file();
            return Evidence.of(request.scenario(), request.category(), title(r), file, failure(r).orElseThrow(),
                    "", history(request), file.flatMap(sources::find), Optional.empty(), redactor);
        });
    }

    private static Optional<Failure> failure(ResultRecord record) {
        List<Attempt> attempts = record.result().attempts();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).failure().isPresent()) {
                return attempts.get(i).failure();
            }
        }
        return Optional.empty();
    }

    private static String title(ResultRecord record) {
        String suite = record.result().test().suite();
        String name = record.result().test().name();
        return suite == null || suite.isBlank() || suite.equals(record.result().test().file().orElse(""))
                ? name : suite + " › " + name;
    }

    private List<String> history(RegenerationRequest request) {
        List<String> facts = new ArrayList<>();
        scenarios.find(request.scenario()).ifPresent((Scenario s) -> {
            facts.add("seen " + s.occurrences() + " times in " + s.runsAffected() + " runs, " + s.testsAffected()
                    + " tests affected");
            facts.add("first seen " + s.firstSeen() + ", last seen " + s.lastSeen());
        });
        facts.add(request.tests().size() + " tests failed this way in run " + request.triggeredBy().runId());
        return facts;
    }
}
