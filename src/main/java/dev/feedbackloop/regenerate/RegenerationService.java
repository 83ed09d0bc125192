package dev.feedbackloop.regenerate;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.ProposedFix;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TriageReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pending recommendation turned into a recommendation: its evidence gathered from what the loop stored (the
 * failing test's result in the run that raised it, the scenario's history) and the test's source and page snapshot
 * from {@link TestSources}, then handed to the {@link Regenerator}. One piece of work per scenario and source version:
 * the request's first test with a failure and a file stands for the scenario.
 *
 * <p>It closes the loop both ways with the recommendation stage: before asking a model it reads triage memory
 * ({@link TriageReader}: a scenario marked won't fix or product bug gets no call; rejected approaches and their
 * reasons go into the prompt as data), and a drafted fix is proposed for the pending recommendation
 * ({@link RecommendationStore#proposeFix}) as a redacted unified diff with its direction key ({@link FixProposals}),
 * on every delivery that ends in a draft: proposing is idempotent, so a delivery that died between storing the draft
 * and proposing it is finished by the next one, and a redelivery proposes nothing twice.
 *
 * <p>Which failures a model is asked about is the {@link ModelCallPolicy}'s decision, taken here where every request
 * is worked on (the Lambda and the command line alike), with the freshest facts: the scenario's occurrences, the
 * branch of the run that raised it, and the failing test's health. A failure not sent gets the playbook with the
 * reason ({@link FixOutcome#NOT_ASKED}).
 */
public final class RegenerationService {

    private static final System.Logger LOG = System.getLogger(RegenerationService.class.getName());

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final TestSources sources;
    private final Regenerator regenerator;
    private final Redactor redactor;
    private final RecommendationStore recommendations;
    private final TriageReader triage;
    private final HealthStore health;
    private final ModelCallPolicy policy;
    private final Clock clock;

    public RegenerationService(RunStore runs, ScenarioStore scenarios, TestSources sources, Regenerator regenerator,
                               Redactor redactor, RecommendationStore recommendations, TriageReader triage,
                               HealthStore health, ModelCallPolicy policy, Clock clock) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.regenerator = Objects.requireNonNull(regenerator, "regenerator");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.health = Objects.requireNonNull(health, "health");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Does the work {@code pending} asks for, once.
     *
     * @return the result, or empty when the run or a failing result of its tests is not stored (nothing to analyse),
     *         or when people marked the scenario won't fix or product bug (no model is asked)
     * @throws Regenerator.Deferred when it must be tried again later
     */
    public Optional<Regenerator.Result> regenerate(PendingRecommendation pending, Optional<Instant> deadline) {
        Optional<Failing> found = failing(pending.request());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Evidence evidence = found.get().evidence();
        if (regenerator.generates()) {
            ModelCallPolicy.Decision decision = policy.decide(facts(pending.request(), found.get()));
            if (!decision.asks()) {
                LOG.log(System.Logger.Level.INFO, "no model asked for scenario {0}: {1}",
                        pending.request().scenario(), decision.reason());
                return Optional.of(regenerator.notAsked(pending.recommendationId(), evidence, decision));
            }
            TriageReader.ScenarioTriage decided = triage.of(pending.request().scenario());
            if (decided.silenced().isPresent()) {
                LOG.log(System.Logger.Level.INFO, "no fix asked for scenario {0}: {1}", pending.request().scenario(),
                        decided.silenced().get());
                return Optional.empty();
            }
            evidence = evidence.withDecisions(decided.rejected().entrySet().stream()
                    .map(e -> "rejected approach " + e.getKey() + ": " + e.getValue()).toList(), redactor);
        }
        Regenerator.Result result = regenerator.regenerate(pending.recommendationId(), evidence, deadline);
        String author = result.calls().stream().reduce((first, last) -> last).map(ModelCall::model).orElse("model");
        Optional<ProposedFix> proposal = FixProposals.of(result.recommendation(), evidence, author, redactor,
                clock.instant());
        proposal.ifPresent(fix -> recommendations.proposeFix(pending, fix));
        return Optional.of(result);
    }

    /**
     * Reads the scenarios, runs and results the work of {@code requests} will read, together and ahead: for stores
     * that keep what they read for the work to find (one drain of a history load, {@link LoadDrainStores}); elsewhere
     * a waste.
     */
    public void readAhead(List<RegenerationRequest> requests) {
        scenarios.findAll(requests.stream().map(RegenerationRequest::scenario).distinct().toList());
        Map<RunKey, StoredRun> found = runs.findRuns(requests.stream().map(RegenerationRequest::triggeredBy)
                .toList());
        Map<StoredRun, Set<TestId>> tests = new LinkedHashMap<>();
        for (RegenerationRequest request : requests) {
            StoredRun run = found.get(request.triggeredBy());
            if (run != null) {
                tests.computeIfAbsent(run, r -> new LinkedHashSet<>()).addAll(request.tests());
            }
        }
        if (!tests.isEmpty()) {
            runs.resultsOfRuns(tests);
        }
    }

    /** The evidence of a request, or empty when the loop stored no failure of its tests. */
    public Optional<Evidence> evidence(RegenerationRequest request) {
        return failing(request).map(Failing::evidence);
    }

    /** The failing test a request's work stands on: its evidence, its id, the run that raised the request. */
    private record Failing(Evidence evidence, TestId test, StoredRun run) {
    }

    private ModelCallPolicy.Facts facts(RegenerationRequest request, Failing failing) {
        Optional<Scenario> scenario = scenarios.find(request.scenario());
        Optional<HealthState> state = Optional.ofNullable(health.find(request.scenario().project(),
                List.of(failing.test())).get(failing.test())).filter(h -> h.stored())
                .map(h -> h.health().verdict().state());
        return new ModelCallPolicy.Facts(request.category(),
                scenario.map(Scenario::occurrences).orElse((long) request.tests().size()),
                scenario.map(Scenario::runsAffected).orElse(1L),
                failing.run().run().branch(), state);
    }

    private Optional<Failing> failing(RegenerationRequest request) {
        Optional<StoredRun> run = runs.findRun(request.triggeredBy());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        // in the request's order of tests, whatever order the store answers in: the first failing test stands
        List<ResultRecord> results = runs.resultsOf(run.get(), request.tests()).stream()
                .sorted(Comparator.comparingInt(r -> request.tests().indexOf(r.testId()))).toList();
        Optional<ResultRecord> chosen = results.stream().filter(r -> failure(r).isPresent())
                .filter(r -> r.result().test().file().isPresent()).findFirst()
                .or(() -> results.stream().filter(r -> failure(r).isPresent()).findFirst());
        return chosen.map(r -> {
            Optional<String> file = r.result().test().file();
            return new Failing(Evidence.of(request.scenario(), request.category(), title(r), file,
                    failure(r).orElseThrow(), "", history(request), file.flatMap(f -> sources.find(run.get().key(), f)),
                    sources.pageSnapshot(run.get().key(), r.testId()), redactor), r.testId(), run.get());
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
