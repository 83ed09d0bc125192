package dev.feedbackloop.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.adapter.github.GitHubIssueTracker;
import dev.feedbackloop.adapter.github.GitHubRepository;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.testing.FakeGitHub;
import dev.feedbackloop.tracker.ActionableScenarios;
import dev.feedbackloop.tracker.NightlyIssueSync;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationEvent;
import dev.feedbackloop.recommend.RecommendationKind;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.RunOutcome;
import dev.feedbackloop.recommend.RunObservation;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.recommend.TestRole;
import dev.feedbackloop.recommend.TrackedTest;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.DailyRollup;
import dev.feedbackloop.rollup.SuccessMetrics;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nightly job on DynamoDB Local: recommendations made once from the day's scenarios, and the recommendation
 * book's records of a day (made, implemented, verified, ineffective) counted in that day's row.
 */
class NightlyRollupTest {

    private static final String PROJECT = "web-shop";
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    private static final LocalDate NEXT = DAY.plusDays(1);

    private LoopFixture fixture;
    private ReportClassifier classifier;
    private DynamoRecommendationBook book;
    private DynamoFiguresStore figures;
    private RecommendationLoop loop;
    private NightlyRollup nightly;

    @BeforeEach
    void start() {
        fixture = new LoopFixture("nightly");
        classifier = new ReportClassifier(fixture.rawReports(), fixture.runs(), fixture.scenarios(),
                fixture.deliveries(), fixture.queue(), FailureClassifier.standard(), Reports.standard(),
                LoopFixture.PREFIX, fixture.health(), HealthSettings.defaults(), fixture.clock);
        book = new DynamoRecommendationBook(fixture.dynamoDb, fixture.settings);
        figures = new DynamoFiguresStore(fixture.dynamoDb, fixture.settings);
        loop = new RecommendationLoop(book, new Recommender(), FixWatch.defaults());
        DailyRollup rollup = new DailyRollup(fixture.runs(), fixture.scenarios(), fixture.health(),
                new DynamoMetricsStore(fixture.dynamoDb, fixture.settings), figures,
                new BookRecords(book, fixture.scenarios()), HealthSettings.defaults(), fixture.clock);
        nightly = new NightlyRollup(rollup, loop, new StoredHistory(fixture.runs(), fixture.scenarios(), 500),
                fixture.runs(), fixture.scenarios(), new DynamoRecommendationStore(fixture.dynamoDb,
                fixture.settings), fixture.clock);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void recommendationsAreMadeOnce_andTheDaysFixRecordsReachItsRow() {
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("r1", "2026-03-01T08:00:00", "#a", "#b", "#c");
        Instant made = Instant.parse("2026-03-02T02:00:00Z");
        fixture.clock.set(made);

        NightlyRollup.ProjectNight first = nightly.run(PROJECT, DAY);
        NightlyRollup.ProjectNight again = nightly.run(PROJECT, DAY);

        // three selector scenarios: an immediate fix each, and the strategic pattern they make together
        assertThat(first.recommended()).isEqualTo(new NightlyRollup.Recommended(4, 0, 0, 4));
        assertThat(again.recommended()).isEqualTo(new NightlyRollup.Recommended(0, 4, 0, 0));
        List<Recommendation> drafts = loop.list(PROJECT, List.of(RecommendationStatus.DRAFT), 10);
        assertThat(drafts).extracting(Recommendation::kind).containsExactlyInAnyOrder(
                RecommendationKind.IMMEDIATE_FIX, RecommendationKind.IMMEDIATE_FIX, RecommendationKind.IMMEDIATE_FIX,
                RecommendationKind.STRATEGIC_IMPROVEMENT);
        assertThat(book.eventsOn(PROJECT, NEXT)).as("each made once, logged once").hasSize(4)
                .allSatisfy(e -> assertThat(e.change()).isEmpty());
        assertThat(first.rolled().figures().metrics().generatedRecommendations())
                .as("made on the next day, counted there").isZero();
        assertThat(first.rolled().figures().metrics().totalFailures()).isEqualTo(3);
        assertThat(first.rolled().figures().metrics().outageRuns()).isZero();

        // people accept two fixes and implement them at 11:00; at 12:00 one is verified, the other recurred
        List<Recommendation> fixes = drafts.stream().filter(r -> r.kind() == RecommendationKind.IMMEDIATE_FIX)
                .limit(2).toList();
        Instant implemented = Instant.parse("2026-03-02T11:00:00Z");
        for (Recommendation fix : fixes) {
            loop.decide(PROJECT, fix.id(), TriageDecision.ACCEPT, "", "ana", implemented.minusSeconds(3600));
            loop.implemented(PROJECT, fix.id(), Optional.empty(), "ana", implemented);
        }
        Instant judgedAt = Instant.parse("2026-03-02T12:00:00Z");
        assertThat(loop.watch(PROJECT, r -> outcomes(implemented, r.id().equals(fixes.get(0).id())
                ? ".........." : ".x"), judgedAt)).hasSize(2);
        Instant firstSeen = fixture.scenarios().find(new ScenarioKey(PROJECT, fixes.get(0).fingerprint()
                .orElseThrow())).orElseThrow().firstSeen();
        fixture.clock.set(Instant.parse("2026-03-03T02:00:00Z"));

        DailyFigures next = nightly.run(PROJECT, NEXT).rolled().figures();

        assertThat(book.eventsOn(PROJECT, NEXT)).extracting(e -> e.change().map(c -> c.to().wireName())
                .orElse("made")).containsExactly("made", "made", "made", "made", "accepted", "accepted",
                "implemented", "implemented", "verified", "ineffective");
        assertThat(next.metrics().generatedRecommendations()).isEqualTo(4);
        assertThat(next.metrics().implementedFixes()).isEqualTo(2);
        assertThat(next.metrics().averageFixImplementationHours()).as("made at 02:00, implemented at 11:00")
                .hasValue(9.0);
        // verified: 2 failing runs before, 10 clean after (1.0); ineffective: 2 before, '.x' after (1.0 - 0.5)
        // time to resolution: first seen in the run of 03-01 08:00, verified 03-02 12:00
        assertThat(firstSeen).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        // neither fix had a diff of the loop's own (playbook advice only): none was handled without a person
        assertThat(next.success()).isEqualTo(new SuccessMetrics(1, 1, OptionalDouble.of(28.0),
                OptionalDouble.of(0.5), OptionalDouble.of(0.75), OptionalDouble.of(0.0)));
        assertThat(figures.find(PROJECT, NEXT)).contains(next);
    }

    @Test
    void theShareOfFailuresHandledWithoutAPerson_weighsEachJudgedFixByItsScenariosFailures() {
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("r1", "2026-03-01T08:00:00", "#a", "#b");
        classify("r2", "2026-03-01T09:00:00", "#a", "#b", "#c");
        classify("r3", "2026-03-01T10:00:00", "#a");
        java.util.Map<String, dev.feedbackloop.scenario.Scenario> scenarios = new java.util.HashMap<>();
        fixture.scenarios().mostFrequent(PROJECT, 10, Optional.empty()).items()
                .forEach(s -> scenarios.put(s.sampleMessage().substring(s.sampleMessage().indexOf('#')), s));
        assertThat(scenarios).containsOnlyKeys("#a", "#b", "#c");
        assertThat(scenarios.get("#a").occurrences()).isEqualTo(3);
        assertThat(scenarios.get("#b").occurrences()).isEqualTo(2);
        assertThat(scenarios.get("#c").occurrences()).isEqualTo(1);
        // the regenerate stage drafted a fix (a diff) for #a and #b; #c has the playbook's advice only
        DynamoRecommendationStore proposals = new DynamoRecommendationStore(fixture.dynamoDb, fixture.settings);
        Instant drafted = Instant.parse("2026-03-01T21:00:00Z");
        for (String selector : List.of("#a", "#b")) {
            var request = dev.feedbackloop.store.PendingRecommendation.of(new dev.feedbackloop.store
                    .RegenerationRequest(scenarios.get(selector).key(), scenarios.get(selector).category(),
                    new RunKey(PROJECT, "r1", 1), List.of(new TestId("00000000000000a1")), drafted), drafted);
            assertThat(proposals.putPending(request)).isTrue();
            assertThat(proposals.proposeFix(request, new dev.feedbackloop.store.ProposedFix("Locate by role",
                    "-page.click('" + selector + "')\n+page.getByRole('button')\n", "selector:role-locator",
                    "model-x", drafted))).isTrue();
        }
        fixture.clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        nightly.run(PROJECT, DAY);
        java.util.Map<String, Recommendation> fixes = new java.util.HashMap<>();
        loop.list(PROJECT, List.of(RecommendationStatus.DRAFT), 10).stream()
                .filter(r -> r.kind() == RecommendationKind.IMMEDIATE_FIX)
                .forEach(r -> scenarios.forEach((selector, s) -> {
                    if (r.fingerprint().equals(Optional.of(s.key().fingerprint()))) {
                        fixes.put(selector, r);
                    }
                }));
        assertThat(fixes.get("#a").fix()).isPresent();
        assertThat(fixes.get("#c").fix()).isEmpty();

        // people accept and implement all three; #a and #c then run clean and are verified, #b recurs
        Instant implemented = Instant.parse("2026-03-02T11:00:00Z");
        for (Recommendation fix : fixes.values()) {
            loop.decide(PROJECT, fix.id(), TriageDecision.ACCEPT, "", "ana", implemented.minusSeconds(3600));
            loop.implemented(PROJECT, fix.id(), Optional.empty(), "ana", implemented);
        }
        assertThat(loop.watch(PROJECT, r -> outcomes(implemented, r.id().equals(fixes.get("#b").id()) ? ".x"
                : ".........."), Instant.parse("2026-03-02T12:00:00Z"))).hasSize(3);
        fixture.clock.set(Instant.parse("2026-03-03T02:00:00Z"));

        SuccessMetrics success = nightly.run(PROJECT, NEXT).rolled().figures().success();

        // only #a was analysed, drafted by the loop and verified: its 3 failures of the 3 + 2 + 1 judged
        assertThat(success.fixesVerified()).isEqualTo(2);
        assertThat(success.fixesIneffective()).isEqualTo(1);
        assertThat(success.handsFreeShare()).hasValue(0.5);
        assertThat(figures.find(PROJECT, NEXT).orElseThrow().success().handsFreeShare()).hasValue(0.5);
    }

    @Test
    void theNightFillsInTheRecommendationsTestsFromTheStoredRuns_once() {
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("r1", "2026-03-01T08:00:00", "#a");
        fixture.clock.set(Instant.parse("2026-03-02T02:00:00Z"));

        NightlyRollup.Recommended first = nightly.run(PROJECT, DAY).recommended();

        assertThat(first.added()).isEqualTo(1);
        assertThat(first.counted()).as("the run stored before its recommendation was made").isEqualTo(1);
        Recommendation fix = loop.list(PROJECT, List.of(RecommendationStatus.DRAFT), 10).get(0);
        TestId test = fix.tests().get(0);
        assertThat(fix.tests()).as("the failing step").hasSize(1);
        TrackedTest reproduction = fix.ledger().find(TestRole.REPRODUCTION, test).orElseThrow();
        assertThat(reproduction.runs()).isEqualTo(1);
        assertThat(reproduction.successes()).isZero();
        assertThat(nightly.run(PROJECT, DAY).recommended().counted()).as("a run is counted once").isZero();

        // the next day the test passes: the next night counts that run too
        fixture.clock.set(Instant.parse("2026-03-02T20:00:00Z"));
        classify("r2", "2026-03-02T08:00:00", "");
        fixture.clock.set(Instant.parse("2026-03-03T02:00:00Z"));

        assertThat(nightly.run(PROJECT, NEXT).recommended().counted()).isEqualTo(1);
        TrackedTest counted = book.find(PROJECT, fix.id()).orElseThrow().ledger()
                .find(TestRole.REPRODUCTION, test).orElseThrow();
        assertThat(counted.runs()).isEqualTo(2);
        assertThat(counted.successes()).isEqualTo(1);
    }

    @Test
    void theNightReadsOnlyTheRunsSinceItsDayBegan_notTheHistory() {
        fixture.clock.set(Instant.parse("2026-02-20T20:00:00Z"));
        classify("r0", "2026-02-20T08:00:00", "#a"); // an old run of the same failure, before the day
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("r1", "2026-03-01T08:00:00", "#a");
        fixture.clock.set(Instant.parse("2026-03-02T02:00:00Z"));

        NightlyRollup.Recommended night = nightly.run(PROJECT, DAY).recommended();

        assertThat(night.counted()).as("only the day's run: the night's cost follows the day").isEqualTo(1);
        Recommendation fix = loop.list(PROJECT, List.of(RecommendationStatus.DRAFT), 10).get(0);
        assertThat(fix.ledger().find(TestRole.REPRODUCTION, fix.tests().get(0)).orElseThrow().runs()).isEqualTo(1);
        StoredHistory history = new StoredHistory(fixture.runs(), fixture.scenarios(), 500);
        Instant dayBegan = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        assertThat(history.observationsSince(PROJECT, fix.tests(), dayBegan)).extracting(RunObservation::run)
                .as("the night's reading").containsExactly("r1#1");
        assertThat(history.observations(PROJECT, fix.tests())).extracting(RunObservation::run)
                .as("the command line's catch-up reads the history").containsExactly("r0#1", "r1#1");
    }

    @Test
    void theNightsIssueSyncOpensAnIssueOnce_andATrackerFailureIsReportedNotThrown() {
        fixture.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("r1", "2026-03-01T08:00:00", "#a");
        fixture.clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        nightly.run(PROJECT, DAY);
        NightlyIssueSync issues = new NightlyIssueSync(new ActionableScenarios(loop, fixture.scenarios(),
                fixture.runs(), fixture.health(), new IssueReport(Redactor.standard())));
        String token = "ghp_nightly_test_token";
        try (FakeGitHub github = new FakeGitHub("acme/web", token, fixture.clock);
             GitHubIssueTracker tracker = new GitHubIssueTracker(GitHubRepository.parse("acme/web"), github.url(),
                     () -> Optional.of(token), fixture.clock, fixture.clock::advance,
                     GitHubIssueTracker.Settings.defaults())) {

            NightlyIssueSync.Synced first = issues.sync(PROJECT, tracker);
            NightlyIssueSync.Synced again = issues.sync(PROJECT, tracker);
            github.failNext(401, java.util.Map.of(), "{\"message\":\"Bad credentials\"}");
            NightlyIssueSync.Synced refused = issues.sync(PROJECT, tracker);

            assertThat(first.failure()).isEmpty();
            assertThat(github.issues()).hasSize(1);
            assertThat(github.issues().get(0).path("state").asText()).isEqualTo("open");
            assertThat(again.outcome().orElseThrow().actions()).as("the issue it made is known").isEmpty();
            assertThat(github.issues()).hasSize(1);
            assertThat(refused.outcome()).isEmpty();
            assertThat(refused.failure()).hasValueSatisfying(m -> assertThat(m).contains("acme/web"));
        }
    }

    /** Two runs with the scenario before the fix, then {@code after} ('x' it recurred), hourly. */
    private static List<RunOutcome> outcomes(Instant implemented, String after) {
        List<RunOutcome> runs = new ArrayList<>(List.of(
                new RunOutcome("b1", implemented.minus(Duration.ofHours(3)), true),
                new RunOutcome("b2", implemented.minus(Duration.ofHours(2)), true)));
        for (int i = 0; i < after.length(); i++) {
            runs.add(new RunOutcome("a" + i, implemented.plus(Duration.ofMinutes(i + 1L)), after.charAt(i) == 'x'));
        }
        return runs;
    }

    private void classify(String runId, String startedAt, String... selectors) {
        // one passing test keeps the run below the outage guard's 80%
        StringBuilder cases = new StringBuilder("<testcase classname=\"e2e.checkout\" name=\"home\"/>\n");
        if (selectors.length == 1 && selectors[0].isEmpty()) { // a clean run: step a passes
            cases.append("<testcase classname=\"e2e.checkout\" name=\"step a\"/>\n");
            selectors = new String[0];
        }
        for (String selector : selectors) {
            cases.append("<testcase classname=\"e2e.checkout\" name=\"step ").append(selector.substring(1))
                    .append("\"><failure message=\"Unable to locate element: ").append(selector)
                    .append("\"/></testcase>\n");
        }
        int tests = cases.toString().split("<testcase", -1).length - 1;
        String report = "<testsuite name=\"s\" timestamp=\"" + startedAt + "\" tests=\"" + tests
                + "\" failures=\"" + selectors.length + "\">\n" + cases + "</testsuite>\n";
        var stored = fixture.rawReports().put(new ReportMetadata(new RunKey(PROJECT, runId, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
        classifier.classify(ReportRef.of(stored.key()));
    }
}
