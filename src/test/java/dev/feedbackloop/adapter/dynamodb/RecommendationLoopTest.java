package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationEvent;
import dev.feedbackloop.recommend.RecommendationKind;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.RunObservation;
import dev.feedbackloop.recommend.RunOutcome;
import dev.feedbackloop.recommend.ScenarioFacts;
import dev.feedbackloop.recommend.TestLedger;
import dev.feedbackloop.recommend.TestRole;
import dev.feedbackloop.recommend.TrackedTest;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.ProposedFix;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.store.StoreConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loop end to end on DynamoDB Local over a simulated history: a scenario appears, a fix is drafted (proposed by
 * the regenerate stage), accepted, implemented, stops recurring and is verified; another fix does not help and is
 * ineffective; a rejected direction is not proposed again.
 */
class RecommendationLoopTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("recommendations");

    private static final String PROJECT = "shop";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final DynamoRecommendationStore pending = new DynamoRecommendationStore(fixture.client,
            fixture.settings);
    private final DynamoRecommendationBook book = new DynamoRecommendationBook(fixture.client, fixture.settings);
    private final RecommendationLoop loop = new RecommendationLoop(book, new Recommender(), FixWatch.defaults());
    /** Per scenario: the runs of its tests, in order. */
    private final Map<Fingerprint, List<RunOutcome>> history = new HashMap<>();
    private int runNumber;

    private static ScenarioFacts facts(String fingerprint, Category category, Instant lastSeen) {
        ScenarioKey key = new ScenarioKey(PROJECT, new Fingerprint(fingerprint));
        Scenario scenario = new Scenario(key, category, category.failureType(), category.severity(),
                category.autoFixable(), T0, lastSeen, 8, 2, 8, "failure of " + fingerprint, Optional.empty(),
                Map.of(), Optional.empty(), 1);
        return new ScenarioFacts(scenario, List.of(new TestId(fingerprint.replace('a', 'e'))), Optional.empty());
    }

    /** Runs hourly from {@code from}: 'x' the scenario occurred, '.' its tests passed. */
    private Instant runs(Fingerprint scenario, Instant from, String outcomes) {
        Instant at = from;
        for (char c : outcomes.toCharArray()) {
            at = at.plus(Duration.ofHours(1));
            history.computeIfAbsent(scenario, f -> new ArrayList<>())
                    .add(new RunOutcome("run-" + runNumber++, at, c == 'x'));
        }
        return at;
    }

    private List<RunOutcome> runsOf(Recommendation r) {
        return history.getOrDefault(r.fingerprint().orElseThrow(), List.of());
    }

    @Test
    void theLoopClosesOnASimulatedHistory() {
        ScenarioFacts drafted = facts("aaaa00000000000a", Category.SELECTOR_ISSUE, T0.plus(Duration.ofHours(8)));
        ScenarioFacts stubborn = facts("aaaa00000000000b", Category.TIMEOUT, T0.plus(Duration.ofHours(8)));
        ScenarioFacts rejected = facts("aaaa00000000000c", Category.SELECTOR_ISSUE, T0.plus(Duration.ofHours(8)));
        List<ScenarioFacts> scenarios = List.of(drafted, stubborn, rejected);
        Instant seen = runs(drafted.scenario().key().fingerprint(), T0, "xx.xx.xx");
        runs(stubborn.scenario().key().fingerprint(), T0, "x.x.x.x.");

        // the regenerate stage records a pending recommendation and proposes a fix for the first scenario
        PendingRecommendation request = PendingRecommendation.of(new RegenerationRequest(drafted.scenario().key(),
                Category.SELECTOR_ISSUE, new RunKey(PROJECT, "run-7", 1), drafted.tests(), seen), seen);
        assertThat(pending.putPending(request)).isTrue();
        ProposedFix fix = new ProposedFix("Locate Buy by role", "-page.click('#buy')\n+page.getByRole('button')\n",
                "selector:role-locator", "model-x", seen.plusSeconds(60));
        assertThat(pending.proposeFix(request, fix)).isTrue();
        assertThat(pending.proposeFix(request, fix)).as("a second proposal is ignored").isFalse();
        assertThat(pending.pending(PROJECT, 10, Optional.empty()).items()).isEmpty();
        List<Recommender.Draft> drafts = pending.proposed(PROJECT, 10, Optional.empty()).items().stream()
                .map(p -> new Recommender.Draft(p.recommendation().request().scenario(),
                        p.recommendation().recommendationId(), p.fix())).toList();
        assertThat(drafts).hasSize(1);

        Instant day1 = seen.plus(Duration.ofHours(1));
        assertThat(loop.refresh(PROJECT, scenarios, drafts, day1)).isEqualTo(new RecommendationLoop.Refreshed(3, 0));
        assertThat(loop.refresh(PROJECT, scenarios, drafts, day1.plusSeconds(5)))
                .as("refreshing again keeps nothing new").isEqualTo(new RecommendationLoop.Refreshed(0, 3));
        Recommendation fixA = only(RecommendationStatus.DRAFT, drafted);
        assertThat(fixA.id()).isEqualTo(request.recommendationId());
        assertThat(fixA.fix()).contains(fix);
        Recommendation fixB = only(RecommendationStatus.DRAFT, stubborn);
        Recommendation fixC = only(RecommendationStatus.DRAFT, rejected);

        // people decide
        loop.decide(PROJECT, fixA.id(), TriageDecision.ACCEPT, "", "ana", day1);
        loop.decide(PROJECT, fixB.id(), TriageDecision.ACCEPT, "", "ana", day1);
        loop.decide(PROJECT, fixC.id(), TriageDecision.REJECT, "the page has no roles yet", "bo", day1);
        assertThatThrownBy(() -> loop.decide(PROJECT, fixC.id(), TriageDecision.ACCEPT, "", "ana", day1))
                .hasMessageContaining("is rejected and cannot become accepted");
        Instant fixedAt = day1.plus(Duration.ofHours(1));
        loop.implemented(PROJECT, fixA.id(), Optional.of("c0ffee1"), "ana", fixedAt);
        loop.implemented(PROJECT, fixB.id(), Optional.empty(), "ana", fixedAt);

        // a rejected direction is not proposed again: the next refresh proposes the playbook's next approach
        loop.refresh(PROJECT, scenarios, drafts, fixedAt);
        Recommendation nextC = only(RecommendationStatus.DRAFT, rejected);
        assertThat(nextC.advice().direction()).isEqualTo("selector:test-id");
        assertThat(nextC.advice().implementationNotes()).contains("the page has no roles yet");

        // later runs: the first scenario stops recurring, the second comes back
        runs(drafted.scenario().key().fingerprint(), fixedAt, "..........");
        runs(stubborn.scenario().key().fingerprint(), fixedAt, "...x");
        assertThat(loop.watch(PROJECT, this::runsOf, fixedAt.plus(Duration.ofDays(1)))).hasSize(2);

        Recommendation verified = book.find(PROJECT, fixA.id()).orElseThrow();
        assertThat(verified.status()).isEqualTo(RecommendationStatus.VERIFIED);
        assertThat(verified.effectiveness().orElseThrow().failureRateBefore()).isEqualTo(0.75);
        assertThat(verified.effectiveness().orElseThrow().score()).isEqualTo(0.75);
        assertThat(verified.history()).extracting(c -> c.to().wireName() + " by " + c.by()).containsExactly(
                "accepted by ana", "implemented by ana", "verified by feedback-loop");
        Recommendation ineffective = book.find(PROJECT, fixB.id()).orElseThrow();
        assertThat(ineffective.status()).isEqualTo(RecommendationStatus.INEFFECTIVE);
        assertThat(ineffective.effectiveness().orElseThrow().score()).isEqualTo(0.25);
        assertThat(loop.watch(PROJECT, this::runsOf, fixedAt.plus(Duration.ofDays(2))))
                .as("judged once").isEmpty();
        assertThat(loop.list(PROJECT, List.of(RecommendationStatus.values()), 100))
                .extracting(r -> r.kind() == RecommendationKind.IMMEDIATE_FIX).containsOnly(true);
    }

    private static RunObservation observed(String run, Instant at, String branch, TestId test, boolean passed,
                                           String hash) {
        return new RunObservation(run + "#1", at, Optional.of("abc1234"), Optional.of(branch),
                List.of(new RunObservation.TestObservation(test, passed, Optional.of(hash))));
    }

    @Test
    void laterRunsFillInTheTestsAndAChangedSourceImplementsTheFixOnce() {
        ScenarioFacts facts = facts("aaaa00000000000d", Category.SELECTOR_ISSUE, T0.plus(Duration.ofHours(8)));
        Instant day1 = T0.plus(Duration.ofDays(1));
        loop.refresh(PROJECT, List.of(facts), List.of(), day1);
        Recommendation fix = only(RecommendationStatus.DRAFT, facts);
        TestId test = facts.tests().get(0);
        String failing = "a".repeat(64);
        String fixed = "b".repeat(64);

        RunObservation failed = observed("f1", day1.plusSeconds(10), "main", test, false, failing);
        assertThat(loop.observe(PROJECT, List.of(failed), Optional.empty()).counted()).isEqualTo(1);
        assertThat(loop.observe(PROJECT, List.of(failed), Optional.empty()).counted())
                .as("a redelivered run counts once").isZero();
        loop.decide(PROJECT, fix.id(), TriageDecision.ACCEPT, "", "ana", day1.plusSeconds(20));
        RunObservation branch = observed("b1", day1.plusSeconds(30), "feature", test, true, fixed);
        RunObservation merged = observed("m1", day1.plusSeconds(40), "main", test, true, fixed);
        RecommendationLoop.Observed observed = loop.observe(PROJECT, List.of(merged, branch), Optional.empty());
        assertThat(observed.implemented()).extracting(Recommendation::id).containsExactly(fix.id());
        assertThat(loop.observe(PROJECT, List.of(merged), Optional.empty()).implemented()).isEmpty();

        Recommendation stored = book.find(PROJECT, fix.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RecommendationStatus.IMPLEMENTED);
        assertThat(stored.implementedCommit()).contains("abc1234");
        assertThat(stored.history().get(stored.history().size() - 1).by()).isEqualTo("feedback-loop");
        TrackedTest reproduction = stored.ledger().find(TestRole.REPRODUCTION, test).orElseThrow();
        assertThat(reproduction.runs()).as("the failing run; the feature branch run had the fixed source")
                .isEqualTo(1);
        TrackedTest validation = stored.ledger().find(TestRole.VALIDATION, test).orElseThrow();
        assertThat(validation.runs()).isEqualTo(1);
        assertThat(validation.successes()).isEqualTo(1);
        assertThat(validation.sourceHash()).contains(fixed);
        assertThat(stored.ledger().countedThrough()).contains(new TestLedger.Mark(merged.at(), "m1#1"));
    }

    private static RunObservation observed(String run, Instant at, String branch, TestId test, boolean passed,
                                           Optional<String> hash) {
        return new RunObservation(run + "#1", at, Optional.of("abc1234"), Optional.of(branch),
                List.of(new RunObservation.TestObservation(test, passed, hash)));
    }

    @Test
    void hashesArrivingAfterTheirRunsWereCounted_areLearnt_andStillImplementTheFix_once() {
        ScenarioFacts facts = facts("aaaa00000000000e", Category.SELECTOR_ISSUE, T0.plus(Duration.ofHours(8)));
        Instant day1 = T0.plus(Duration.ofDays(1));
        loop.refresh(PROJECT, List.of(facts), List.of(), day1);
        Recommendation fix = only(RecommendationStatus.DRAFT, facts);
        TestId test = facts.tests().get(0);
        String failing = "c".repeat(64);
        String fixed = "d".repeat(64);
        RunObservation failedBare = observed("f1", day1.plusSeconds(10), "main", test, false, Optional.empty());
        RunObservation failed = observed("f1", day1.plusSeconds(10), "main", test, false, Optional.of(failing));
        RunObservation mergedBare = observed("m1", day1.plusSeconds(40), "main", test, true, Optional.empty());
        RunObservation merged = observed("m1", day1.plusSeconds(40), "main", test, true, Optional.of(fixed));

        assertThat(loop.observe(PROJECT, List.of(failedBare), Optional.empty()).counted()).isPositive();
        assertThat(loop.observe(PROJECT, List.of(failed), Optional.empty()).counted())
                .as("the failing run again, with its hash: learnt, not counted again").isPositive();
        loop.decide(PROJECT, fix.id(), TriageDecision.ACCEPT, "", "ana", day1.plusSeconds(20));
        assertThat(loop.observe(PROJECT, List.of(mergedBare), Optional.empty()).implemented())
                .as("no hash yet: nothing to compare").isEmpty();
        RecommendationLoop.Observed late = loop.observe(PROJECT, List.of(merged), Optional.empty());
        Recommendation implemented = book.find(PROJECT, fix.id()).orElseThrow();
        RecommendationLoop.Observed again = loop.observe(PROJECT, List.of(failed, merged), Optional.empty());

        assertThat(late.implemented()).extracting(Recommendation::id).containsExactly(fix.id());
        assertThat(implemented.status()).isEqualTo(RecommendationStatus.IMPLEMENTED);
        TrackedTest reproduction = implemented.ledger().find(TestRole.REPRODUCTION, test).orElseThrow();
        assertThat(reproduction.sourceHash()).contains(failing);
        assertThat(reproduction.runs()).as("each run counted once; m1, counted before its hash came, counted for"
                + " the reproduction by test id alone (the price of hashes after the report)").isEqualTo(2);
        assertThat(implemented.ledger().countedThrough()).contains(new TestLedger.Mark(merged.at(), "m1#1"));
        assertThat(again.counted()).as("redelivered with their hashes: nothing left to learn").isZero();
        assertThat(book.find(PROJECT, fix.id()).orElseThrow()).isEqualTo(implemented);
    }

    @Test
    void anObservationThatLosesARaceToAnotherReadsAgainAndStillApplies() {
        ScenarioFacts facts = facts("aaaa00000000000f", Category.SELECTOR_ISSUE, T0.plus(Duration.ofHours(8)));
        Instant day1 = T0.plus(Duration.ofDays(1));
        loop.refresh(PROJECT, List.of(facts), List.of(), day1);
        Recommendation fix = only(RecommendationStatus.DRAFT, facts);
        TestId test = facts.tests().get(0);
        RunObservation failed = observed("f1", day1.plusSeconds(10), "main", test, false, "e".repeat(64));
        // another observation writes between this one's read and its write: the book answers with a conflict once
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        RecommendationBook racing = new ForwardingBook(book) {
            @Override
            public void update(Recommendation updated, long expectedVersion) {
                if (raced.compareAndSet(false, true)) {
                    Recommendation current = book.find(PROJECT, updated.id()).orElseThrow();
                    book.update(current.withLedger(current.ledger()), current.version());
                }
                book.update(updated, expectedVersion);
            }
        };

        RecommendationLoop.Observed observed = new RecommendationLoop(racing, new Recommender(), FixWatch.defaults())
                .observe(PROJECT, List.of(failed), Optional.empty());

        assertThat(raced).isTrue();
        assertThat(observed.counted()).isEqualTo(1);
        assertThat(book.find(PROJECT, fix.id()).orElseThrow().ledger().find(TestRole.REPRODUCTION, test)
                .orElseThrow().runs()).isEqualTo(1);
    }

    @Test
    void aStatusChangeIsConditionalOnTheVersionRead() {
        ScenarioFacts facts = facts("bbbb00000000000a", Category.TIMEOUT, T0.plus(Duration.ofHours(1)));
        loop.refresh(PROJECT, List.of(facts), List.of(), T0.plus(Duration.ofHours(2)));
        Recommendation read = only(RecommendationStatus.DRAFT, facts);
        book.update(read.move(RecommendationStatus.ACCEPTED, "ana", T0, ""), read.version());
        assertThatThrownBy(() -> book.update(read.move(RecommendationStatus.REJECTED, "bo", T0, "no"),
                read.version())).isInstanceOf(StoreConflictException.class)
                .hasRootCauseMessage("recommendation " + read.id() + " changed since version 1 was read, or does not"
                        + " exist");
        assertThat(book.find(PROJECT, read.id()).orElseThrow().status()).isEqualTo(RecommendationStatus.ACCEPTED);
    }

    @Test
    void proposingAFixForAnUnknownRecommendationChangesNothing() {
        RecommendationStore store = pending;
        ScenarioKey key = new ScenarioKey(PROJECT, new Fingerprint("cccc00000000000a"));
        PendingRecommendation never = PendingRecommendation.of(new RegenerationRequest(key, Category.TIMEOUT,
                new RunKey(PROJECT, "r", 1), List.of(new TestId("cccc00000000000e")), T0), T0);
        assertThat(store.proposeFix(never, new ProposedFix("x", "", "wait:web-first", "m", T0))).isFalse();
        assertThat(fixture.rawItem(Keys.scenarioPk(key), Keys.recommendationSk(never.recommendationId()))).isEmpty();
    }

    private Recommendation only(RecommendationStatus status, ScenarioFacts facts) {
        List<Recommendation> found = book.withStatus(PROJECT, status, 100, Optional.empty()).items().stream()
                .filter(r -> r.scenario().equals(Optional.of(facts.scenario().key().fingerprint()))).toList();
        assertThat(found).as(status + " recommendations of " + facts.scenario().key()).hasSize(1);
        return found.get(0);
    }

    /** A book that passes every call to the stored one (a test overrides what it changes). */
    private static class ForwardingBook implements RecommendationBook {
        private final RecommendationBook book;

        ForwardingBook(RecommendationBook book) {
            this.book = book;
        }

        @Override
        public boolean add(Recommendation recommendation) {
            return book.add(recommendation);
        }

        @Override
        public Optional<Recommendation> find(String project, String id) {
            return book.find(project, id);
        }

        @Override
        public void update(Recommendation updated, long expectedVersion) {
            book.update(updated, expectedVersion);
        }

        @Override
        public Page<Recommendation> withStatus(String project, RecommendationStatus status, int limit,
                                               Optional<String> cursor) {
            return book.withStatus(project, status, limit, cursor);
        }

        @Override
        public boolean recordTriage(String project, Triage triage) {
            return book.recordTriage(project, triage);
        }

        @Override
        public List<Triage> triage(String project, int limit) {
            return book.triage(project, limit);
        }

        @Override
        public List<RecommendationEvent> eventsOn(String project, java.time.LocalDate day) {
            return book.eventsOn(project, day);
        }
    }
}
