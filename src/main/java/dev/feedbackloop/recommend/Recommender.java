package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.ProposedFix;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes recommendations: an immediate fix per scenario (the drafted fix if there is one, else the playbook's first
 * approach not rejected), and strategic or architectural ones from patterns across scenarios, each naming its
 * evidence. Triage memory is respected: a rejected approach is not proposed again, a silenced scenario gets nothing.
 */
public final class Recommender {

    /** Scenarios of one cause that make a pattern worth a practice change. */
    static final int PATTERN_SCENARIOS = 3;
    /** Distinct tests of one cause that make a pattern worth a practice change. */
    static final int PATTERN_TESTS = 5;
    /** Flaky-test scenarios that make flakiness itself the pattern. */
    static final int FLAKY_SCENARIOS = 3;
    /** Share of all occurrences one environmental cause must reach to ask for an architecture change. */
    static final double ARCHITECTURE_SHARE = 1.0 / 3;
    /** Occurrences below which no share is trusted. */
    static final long ARCHITECTURE_MIN_OCCURRENCES = 10;

    /**
     * A fix drafted for a scenario (by the regenerate stage).
     *
     * @param scenario         the scenario it fixes
     * @param recommendationId the pending recommendation's id
     * @param fix              the proposed fix
     */
    public record Draft(dev.feedbackloop.scenario.ScenarioKey scenario, String recommendationId, ProposedFix fix) {
    }

    /**
     * The immediate fix for a scenario, if one should be proposed: none when people silenced the scenario (won't fix,
     * product bug), or when the drafted fix's approach (or every playbook approach) was rejected before.
     */
    public Optional<Recommendation> immediateFix(ScenarioFacts facts, Optional<Draft> draft, TriageMemory memory,
                                                 Instant now) {
        Scenario scenario = facts.scenario();
        Fingerprint fingerprint = scenario.key().fingerprint();
        Optional<Fingerprint> key = Optional.of(fingerprint);
        if (memory.silenced(fingerprint).isPresent()) {
            return Optional.empty();
        }
        Optional<Playbook.Approach> approach = Playbook.approaches(scenario.category()).stream()
                .filter(a -> !memory.isRejected(key, a.direction())).findFirst();
        Optional<Draft> usable = draft.filter(d -> !memory.isRejected(key, d.fix().direction()));
        if (usable.isEmpty() && approach.isEmpty()) {
            return Optional.empty();
        }
        Advice advice = usable.map(d -> draftAdvice(facts, d.fix()))
                .orElseGet(() -> playbookAdvice(facts, approach.orElseThrow()));
        for (String note : memory.promptNotes(fingerprint)) {
            advice = advice.withNote(note);
        }
        Estimate effort = usable.isPresent() ? new Estimate(Level.LOW, "a drafted diff is ready to review")
                : approach.orElseThrow().effort();
        String id = usable.map(Draft::recommendationId).orElseGet(() -> Sha256.hex(scenario.key().project()
                + "\u0000immediate_fix\u0000" + fingerprint.value() + "\u0000" + approach.orElseThrow().direction()));
        Priority priority = Priority.of(scenario.severity(), scenario.occurrences(), scenario.testsAffected(),
                facts.testState(), scenario.firstSeen(), scenario.lastSeen(), now);
        List<String> evidenceFacts = List.of(scenario.category().description() + " ("
                + scenario.category().name() + ")", Plural.of(scenario.occurrences(), "occurrence") + " in "
                + Plural.of(scenario.runsAffected(), "run") + " across " + Plural.of(scenario.testsAffected(), "test")
                + ", first seen " + scenario.firstSeen() + ", last seen " + scenario.lastSeen());
        return Optional.of(new Recommendation(id, scenario.key().project(), RecommendationKind.IMMEDIATE_FIX, key,
                Optional.of(scenario.category()), new Evidence(List.of(fingerprint), evidenceFacts), priority,
                effort, impact(scenario.testsAffected(), priority.score()), advice, usable.map(Draft::fix),
                limit(facts.tests()), RecommendationStatus.DRAFT, List.of(), Optional.empty(), Optional.empty(), TestLedger.EMPTY, now, 1));
    }

    /** Strategic and architectural recommendations from patterns across a project's scenarios. */
    public List<Recommendation> patterns(String project, List<ScenarioFacts> scenarios, TriageMemory memory,
                                         Instant now) {
        Map<Category, List<ScenarioFacts>> byCategory = new EnumMap<>(Category.class);
        for (ScenarioFacts facts : scenarios) {
            if (memory.productBug(facts.scenario().key().fingerprint()).isEmpty()) {
                byCategory.computeIfAbsent(facts.scenario().category(), c -> new ArrayList<>()).add(facts);
            }
        }
        long allOccurrences = scenarios.stream().mapToLong(f -> f.scenario().occurrences()).sum();
        List<Recommendation> found = new ArrayList<>();
        byCategory.forEach((category, group) -> {
            strategic(project, category, group, now).ifPresent(found::add);
            architectural(project, category, group, allOccurrences, now).ifPresent(found::add);
        });
        flaky(project, scenarios, now).ifPresent(found::add);
        return found.stream()
                .filter(r -> !memory.isRejected(Optional.empty(), r.advice().direction()))
                .sorted(Comparator.comparingInt((Recommendation r) -> -r.priority().score()))
                .toList();
    }

    private Optional<Recommendation> strategic(String project, Category category, List<ScenarioFacts> group,
                                               Instant now) {
        long tests = group.stream().mapToLong(f -> f.scenario().testsAffected()).sum();
        if (!category.autoFixable() || (group.size() < PATTERN_SCENARIOS && tests < PATTERN_TESTS)) {
            return Optional.empty();
        }
        Playbook.Approach approach = Playbook.approaches(category).get(0);
        String fact = Plural.of(tests, "test") + " in " + Plural.of(group.size(), "scenario") + " fail because "
                + category.description();
        Advice advice = new Advice("Across the suite: " + approach.title().toLowerCase(java.util.Locale.ROOT),
                "the tests listed (" + Plural.of(tests, "test") + ")", "practice:" + approach.direction(),
                "Apply one practice across the suite instead of fixing tests one by one: " + approach.changes()
                        + " Put it in a shared helper or a lint rule so new tests follow it.",
                approach.tests(), "None of these scenarios recurs over the next 10 runs of the affected tests.",
                "");
        return Optional.of(pattern(project, RecommendationKind.STRATEGIC_IMPROVEMENT, Optional.of(category), group, fact, advice,
                new Estimate(Level.MEDIUM, "a practice changes in " + Plural.of(tests, "test")), now));
    }

    private Optional<Recommendation> architectural(String project, Category category, List<ScenarioFacts> group,
                                                   long allOccurrences, Instant now) {
        long occurrences = group.stream().mapToLong(f -> f.scenario().occurrences()).sum();
        boolean environmental = switch (category) {
            case TIMEOUT, NAVIGATION_FAIL, INFRA, AUTH_EXPIRED, BOT_BLOCK, NETWORK_MOCK_FAIL -> true;
            default -> false;
        };
        if (!environmental || occurrences < ARCHITECTURE_MIN_OCCURRENCES
                || occurrences < ARCHITECTURE_SHARE * allOccurrences) {
            return Optional.empty();
        }
        long percent = Math.round(100.0 * occurrences / allOccurrences);
        String fact = percent + "% of failures (" + occurrences + " of " + allOccurrences + ") are "
                + category.name() + ": " + category.description();
        String change = switch (category) {
            case TIMEOUT, NETWORK_MOCK_FAIL -> "Mock the slow or unstable backend in UI tests (route or fixture),"
                    + " and keep a small separate set of end-to-end tests against the real service.";
            case AUTH_EXPIRED -> "Provision test sessions centrally (a session per worker, refreshed on 401) instead"
                    + " of logging in inside tests.";
            case BOT_BLOCK -> "Give the test environment a bot-protection bypass (allowlisted egress or a test"
                    + " token) instead of fighting the wall in tests.";
            default -> "Make the environment the suite runs in dependable: dedicated capacity, health checks before"
                    + " the run, and failing fast with a clear infrastructure error.";
        };
        Advice advice = new Advice("A third or more of failures share one cause: " + category.description(),
                "the test environment and its dependencies", "architecture:" + category.name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-'), change,
                "Run the full suite twice with the change and compare the share of " + category.name() + " failures.",
                "The share of " + category.name() + " failures falls below 10% over the next 10 runs.", "");
        return Optional.of(pattern(project, RecommendationKind.ARCHITECTURE_CHANGE, Optional.of(category), group, fact, advice,
                new Estimate(Level.HIGH, "it changes how the suite runs, not one test"), now));
    }

    private Optional<Recommendation> flaky(String project, List<ScenarioFacts> scenarios, Instant now) {
        List<ScenarioFacts> flaky = scenarios.stream()
                .filter(f -> f.testState().filter(s -> s == HealthState.FLAKY).isPresent()).toList();
        if (flaky.size() < FLAKY_SCENARIOS) {
            return Optional.empty();
        }
        String fact = Plural.of(flaky.size(), "scenario") + " involve flaky tests (pass and fail on the same code)";
        Advice advice = new Advice("Quarantine and stabilise the flaky tests", "the flaky tests listed",
                "practice:flaky-quarantine", "Quarantine the flaky tests so they stop blocking merges, then fix them"
                + " in order of how often they fail; forbid fixed sleeps and shared state between tests.",
                "Run each fixed test 20 times in a row (repeat-each) before lifting its quarantine.",
                "No test in the list is judged flaky after its next 10 runs.", "");
        return Optional.of(pattern(project, RecommendationKind.STRATEGIC_IMPROVEMENT, Optional.empty(), flaky, fact,
                advice, new Estimate(Level.MEDIUM, Plural.of(flaky.size(), "scenario") + " to stabilise"), now));
    }

    private Recommendation pattern(String project, RecommendationKind kind, Optional<Category> category,
                                   List<ScenarioFacts> group, String fact, Advice advice, Estimate effort,
                                   Instant now) {
        List<ScenarioFacts> strongest = group.stream()
                .sorted(Comparator.comparingLong((ScenarioFacts f) -> -f.scenario().occurrences())).toList();
        Scenario worst = strongest.get(0).scenario();
        long occurrences = group.stream().mapToLong(f -> f.scenario().occurrences()).sum();
        long tests = group.stream().mapToLong(f -> f.scenario().testsAffected()).sum();
        Instant first = group.stream().map(f -> f.scenario().firstSeen()).min(Instant::compareTo).orElseThrow();
        Instant last = group.stream().map(f -> f.scenario().lastSeen()).max(Instant::compareTo).orElseThrow();
        int severity = group.stream().mapToInt(f -> f.scenario().severity()).max().orElse(worst.severity());
        Optional<HealthState> state = group.stream().flatMap(f -> f.testState().stream())
                .max(Comparator.comparingInt(s -> s == HealthState.BROKEN ? 2 : s == HealthState.FLAKY ? 1 : 0));
        Priority priority = Priority.of(severity, occurrences, tests, state, first, last, now);
        List<Fingerprint> evidence = strongest.stream().map(f -> f.scenario().key().fingerprint()).toList();
        List<TestId> allTests = group.stream().flatMap(f -> f.tests().stream()).distinct().toList();
        String id = Sha256.hex(project + "\u0000" + kind.wireName() + "\u0000" + advice.direction());
        return new Recommendation(id, project, kind, Optional.empty(), category,
                new Evidence(evidence, List.of(fact)), priority, effort,
                new Estimate(Level.HIGH, "one change addresses " + Plural.of(group.size(), "scenario") + " and "
                        + Plural.of(tests, "test")), advice, Optional.empty(), limit(allTests),
                RecommendationStatus.DRAFT, List.of(), Optional.empty(), Optional.empty(), TestLedger.EMPTY, now, 1);
    }

    private static Estimate impact(long testsAffected, int priority) {
        if (testsAffected >= 10 || priority >= 8) {
            return new Estimate(Level.HIGH, "priority " + priority + ", " + Plural.of(testsAffected, "test")
                    + " fail with it");
        }
        if (testsAffected >= 3 || priority >= 5) {
            return new Estimate(Level.MEDIUM, "priority " + priority + ", " + Plural.of(testsAffected, "test")
                    + " fail with it");
        }
        return new Estimate(Level.LOW, "priority " + priority + ", " + Plural.of(testsAffected, "test")
                + " fail with it");
    }

    private static Advice draftAdvice(ScenarioFacts facts, ProposedFix fix) {
        Scenario scenario = facts.scenario();
        return new Advice("Fix: " + firstLine(fix.summary()), target(facts), fix.direction(), fix.summary(),
                "Run the affected tests with the diff applied; they pass, and pass again 10 times in a row.",
                "The scenario does not recur over the next 10 runs of its tests (or 30 days).",
                "Proposed by " + fix.author() + " at " + fix.proposedAt() + " for " + scenario.category().name()
                        + ".");
    }

    private static Advice playbookAdvice(ScenarioFacts facts, Playbook.Approach approach) {
        return new Advice(approach.title(), target(facts), approach.direction(), approach.changes(),
                approach.tests(), "The scenario does not recur over the next 10 runs of its tests (or 30 days).",
                "Playbook advice for " + facts.scenario().category().name() + "; no fix was drafted.");
    }

    private static String target(ScenarioFacts facts) {
        return facts.tests().isEmpty() ? "the tests failing with scenario " + facts.scenario().key().fingerprint()
                : facts.tests().get(0).value() + (facts.tests().size() > 1 ? " and "
                + Plural.of(facts.tests().size() - 1L, "other test") : "");
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse(text);
        return line.length() > 100 ? line.substring(0, 99) + "…" : line;
    }

    private static List<TestId> limit(List<TestId> tests) {
        return tests.size() > Recommendation.MAX_TESTS ? tests.subList(0, Recommendation.MAX_TESTS) : tests;
    }
}
