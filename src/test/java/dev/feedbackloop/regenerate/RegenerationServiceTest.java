package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.dynamodb.DynamoFixAnalysisStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.adapter.dynamodb.DynamoTriageReader;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.ProposedFix;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.LoopFixture;
import dev.feedbackloop.testing.Samples;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The regenerate stage joined to the recommendation stage, on DynamoDB Local: a drafted fix proposed once as a
 * redacted diff with its direction, and triage memory read before a model is asked.
 */
class RegenerationServiceTest {

    private LoopFixture loop;
    private DynamoRecommendationStore recommendations;
    private DynamoRecommendationBook book;
    private final ScriptedFixModel model = new ScriptedFixModel();
    private RegenerationService service;
    private PendingRecommendation pending;

    @BeforeEach
    void start() {
        loop = new LoopFixture("regenerate-service");
        recommendations = new DynamoRecommendationStore(loop.dynamoDb, loop.settings);
        book = new DynamoRecommendationBook(loop.dynamoDb, loop.settings);
        FixModelCaller caller = new FixModelCaller(model, new SpendBudget(SpendLedger.inMemory(),
                ModelPrices.standard(), Optional.empty(), loop.clock), FixModelCaller.Settings.DEFAULT, loop.clock,
                d -> loop.clock.advance(d), () -> 0.5);
        Regenerator regenerator = new Regenerator(new DynamoFixAnalysisStore(loop.dynamoDb, loop.settings),
                Optional.of(new Regenerator.ModelChoice(caller, "claude-sonnet-4-5", 8192)), loop.clock,
                Regenerator.DEFAULT_CLAIM_LEASE);
        service = new RegenerationService(loop.runs(), loop.scenarios(),
                file -> file.equals(FixCases.FILE) ? Optional.of(FixCases.source()) : Optional.empty(), regenerator,
                Redactor.standard(), recommendations, new DynamoTriageReader(book), loop.health(),
                ModelCallPolicy.DEFAULT, loop.clock);
        pending = storedFailure("r1");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void aDraft_isProposedAsARedactedDiffWithItsDirection_once_however_oftenDelivered() {
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        Regenerator.Result first = service.regenerate(pending, Optional.empty()).orElseThrow();
        loop.clock.advance(java.time.Duration.ofMinutes(5));
        Regenerator.Result redelivered = service.regenerate(pending, Optional.empty()).orElseThrow();

        assertThat(first.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(redelivered.fresh()).isFalse();
        assertThat(model.asked).hasSize(1);
        List<RecommendationStore.Proposal> proposed = recommendations.proposed("shop-web", 10, Optional.empty())
                .items();
        assertThat(proposed).singleElement().satisfies(p -> {
            ProposedFix fix = p.fix();
            assertThat(p.recommendation().recommendationId()).isEqualTo(pending.recommendationId());
            assertThat(fix.diff()).startsWith("--- a/" + FixCases.FILE + "\n+++ b/" + FixCases.FILE + "\n@@ ")
                    .contains("-    await page.locator('#pay-button').click();\n"
                            + "+    await page.getByRole('button', { name: 'Pay now' }).click();\n")
                    .doesNotContain(FixCases.SECRET);
            assertThat(fix.direction()).isEqualTo("selector:role-locator");
            assertThat(fix.author()).isEqualTo("claude-sonnet-4-5");
            assertThat(fix.summary()).startsWith("Root cause: ");
            assertThat(fix.proposedAt()).isEqualTo(loop.clock.instant().minus(java.time.Duration.ofMinutes(5)));
        });
        assertThat(recommendations.pending("shop-web", 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void anOutcomeOtherThanADraft_proposesNothing() {
        model.answering(FixCases.cannotFixAnswer());

        Regenerator.Result result = service.regenerate(pending, Optional.empty()).orElseThrow();

        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.ANALYSIS_ONLY);
        assertThat(recommendations.proposed("shop-web", 10, Optional.empty()).items()).isEmpty();
        assertThat(recommendations.pending("shop-web", 10, Optional.empty()).items()).hasSize(1);
    }

    @Test
    void aRejectedApproach_andItsReason_goIntoTheNextPrompt_asData() {
        book.recordTriage("shop-web", new Triage("c".repeat(64), Optional.of(FixCases.SCENARIO.fingerprint()),
                "selector:role-locator", TriageDecision.REJECT, "the button's accessible name changes per locale",
                "ana", loop.clock.instant()));
        model.answering(FixCases.cannotFixAnswer());

        service.regenerate(pending, Optional.empty());

        assertThat(model.asked).singleElement().satisfies(r -> {
            assertThat(r.userContent()).contains("<evidence part=\"reviewer_decisions\"",
                    "rejected approach selector:role-locator: the button's accessible name changes per locale");
            assertThat(r.system()).contains("Do not propose a rejected approach again");
        });
    }

    @Test
    void aScenarioMarkedWontFixOrProductBug_getsNoModelCall() {
        book.recordTriage("shop-web", new Triage("c".repeat(64), Optional.of(FixCases.SCENARIO.fingerprint()),
                "selector:role-locator", TriageDecision.PRODUCT_BUG, "the pay button is missing in the build",
                "ana", loop.clock.instant()));

        assertThat(service.regenerate(pending, Optional.empty())).isEmpty();
        assertThat(model.asked).isEmpty();
        assertThat(recommendations.proposed("shop-web", 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void aScenarioSeenOnceOffTheDefaultBranch_getsThePlaybookSayingWhy_andNoModelCall_once() {
        PendingRecommendation onFeature = storedFailure("r2", "feature/pay");

        Regenerator.Result first = service.regenerate(onFeature, Optional.empty()).orElseThrow();
        Regenerator.Result again = service.regenerate(onFeature, Optional.empty()).orElseThrow();

        assertThat(model.asked).isEmpty();
        assertThat(first.recommendation().outcome()).isEqualTo(FixOutcome.NOT_ASKED);
        assertThat(first.recommendation().generated()).isFalse();
        assertThat(first.recommendation().advice()).isEqualTo(Playbook.steps(Category.SELECTOR_ISSUE));
        assertThat(first.recommendation().note()).startsWith("Not generated: No model was asked yet")
                .contains("feature/pay", "once it recurs");
        assertThat(first.key().analysisVersion()).isEqualTo("not-asked-v1+NOT_RECURRED");
        assertThat(again.fresh()).isFalse();
        assertThat(recommendations.proposed("shop-web", 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void aFailingTestJudgedFlaky_getsNoModelCall_evenOnTheDefaultBranch() {
        dev.feedbackloop.model.TestId test = pending.request().tests().get(0);
        var flaky = new dev.feedbackloop.health.TestHealth("shop-web", test, List.of(), 0, Map.of(), dev.feedbackloop.health.FlakyTally.NONE,
                new dev.feedbackloop.health.Verdict(dev.feedbackloop.health.HealthState.FLAKY,
                        Optional.of(loop.clock.instant()), "passed on retry in 3 runs"), Optional.empty(),
                Optional.empty());
        assertThat(loop.health().write("shop-web", List.of(new dev.feedbackloop.store.HealthWrite(flaky, 0,
                Optional.empty(), List.of())))).isEmpty();

        Regenerator.Result result = service.regenerate(pending, Optional.empty()).orElseThrow();

        assertThat(model.asked).isEmpty();
        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.NOT_ASKED);
        assertThat(result.recommendation().note()).contains("judged flaky");
    }

    @Test
    void onAws_theSourceShippedWithTheRun_isWhatTheModelSees_andItsFixBecomesADraft() {
        S3SourceStore shipped = new S3SourceStore(loop.s3, loop.bucket, S3SourceStore.DEFAULT_PREFIX);
        RegenerationService onAws = new RegenerationService(loop.runs(), loop.scenarios(), new ShippedSources(shipped),
                new Regenerator(new DynamoFixAnalysisStore(loop.dynamoDb, loop.settings), Optional.of(
                        new Regenerator.ModelChoice(new FixModelCaller(model, new SpendBudget(SpendLedger.inMemory(),
                                ModelPrices.standard(), Optional.empty(), loop.clock), FixModelCaller.Settings.DEFAULT,
                                loop.clock, d -> loop.clock.advance(d), () -> 0.5), "claude-sonnet-4-5", 8192)),
                        loop.clock, Regenerator.DEFAULT_CLAIM_LEASE),
                Redactor.standard(), recommendations, new DynamoTriageReader(book), loop.health(),
                ModelCallPolicy.DEFAULT, loop.clock);
        PendingRecommendation fromCi = storedFailure("r-ci", "main", "/home/runner/work/shop/" + FixCases.FILE);
        shipped.put(fromCi.request().triggeredBy(), List.of(ShippedSource.of("/home/runner/work/shop/"
                + FixCases.FILE, FixCases.FILE, FixCases.source().content())));
        model.answering(FixCases.fixAnswer(FixCases.FILE, goodFix()));

        Regenerator.Result result = onAws.regenerate(fromCi, Optional.empty()).orElseThrow();

        assertThat(model.asked).singleElement().satisfies(r -> assertThat(r.userContent())
                .contains("page.locator('#pay-button')").doesNotContain(FixCases.SECRET));
        assertThat(result.recommendation().outcome()).isEqualTo(FixOutcome.DRAFT);
        assertThat(result.key().sourceVersion()).isEqualTo(FixCases.source().sha256());
    }

    private PendingRecommendation storedFailure(String runId) {
        return storedFailure(runId, "main");
    }

    private PendingRecommendation storedFailure(String runId, String branch) {
        return storedFailure(runId, branch, FixCases.FILE);
    }

    private PendingRecommendation storedFailure(String runId, String branch, String file) {
        // recorded now by the wall clock: the stored results expire 30 days after it, and DynamoDB Local's expiry
        // runs on the wall clock, so a run recorded at the fixture's clock (March) would vanish during the test
        dev.feedbackloop.model.Run sample = Samples.run("shop-web", runId, loop.clock.instant());
        StoredRun run = loop.runs().putRun(new dev.feedbackloop.model.Run(sample.key(), sample.commitSha(),
                Optional.of(branch), sample.ciProvider(), sample.buildUrl(), sample.startedAt(), sample.finishedAt(),
                sample.environment()), java.time.Instant.now());
        TestCase test = new TestCase("checkout", "pays by card", Optional.of(file), OptionalInt.of(4),
                List.of(), Map.of());
        ResultRecord failed = new ResultRecord(test.id("shop-web"), TestResult.of(test, List.of(
                Attempt.failing(0, AttemptStatus.FAILED, 300, FixCases.failure()))),
                Optional.of(FixCases.SCENARIO.fingerprint()), Optional.of(Category.SELECTOR_ISSUE));
        loop.runs().putResults(run, List.of(failed));
        RegenerationRequest request = new RegenerationRequest(FixCases.SCENARIO, Category.SELECTOR_ISSUE, run.key(),
                List.of(failed.testId()), loop.clock.instant());
        PendingRecommendation recorded = PendingRecommendation.of(request, loop.clock.instant());
        assertThat(recommendations.putPending(recorded)).isTrue();
        assertThat(loop.runs().findRun(run.key())).as("run").isPresent();
        assertThat(loop.runs().resultsOf(run, request.tests())).as("results").hasSize(1);
        assertThat(loop.runs().resultsOf(run, request.tests()).get(0).result().test().file()).contains(file);
        return recorded;
    }

    private static String goodFix() {
        return FixCases.source().content().replace("page.locator('#pay-button')",
                "page.getByRole('button', { name: 'Pay now' })");
    }
}
