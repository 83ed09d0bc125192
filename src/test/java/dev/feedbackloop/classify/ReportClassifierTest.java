package dev.feedbackloop.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoProjectRulesStore;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.HistoryNote;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.RegenerationQueue;
import dev.feedbackloop.store.RegenerationQueueException;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredObjectNotFoundException;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.FailNextRequest;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Classifying stored reports on the real engines: DynamoDB Local, s3proxy and ElasticMQ, all in-process. */
class ReportClassifierTest {

    /** Three tests broken by one selector, a bot wall, a timeout, a pass; one failure leaks a password. */
    static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
              <testsuite name="checkout" timestamp="2026-03-01T11:58:00" tests="6" failures="5">
                <testcase classname="e2e.checkout" name="pays by card">
                  <failure message="no such element: Unable to locate element: #pay-button" type="NoSuchElementException">NoSuchElementException: no such element: Unable to locate element: #pay-button
                at tests/checkout.spec.ts:12:5</failure>
                  <system-out>login with password=hunter2 ok</system-out>
                </testcase>
                <testcase classname="e2e.checkout" name="pays by invoice">
                  <failure message="no such element: Unable to locate element: #pay-button" type="NoSuchElementException">NoSuchElementException: no such element: Unable to locate element: #pay-button
                at tests/checkout.spec.ts:30:5</failure>
                </testcase>
                <testcase classname="e2e.checkout" name="pays by voucher">
                  <failure message="no such element: Unable to locate element: #pay-button" type="NoSuchElementException">NoSuchElementException: no such element: Unable to locate element: #pay-button
                at tests/checkout.spec.ts:48:5</failure>
                </testcase>
                <testcase classname="e2e.search" name="finds shoes">
                  <failure message="Expected: &quot;Shoes&quot; Received: &quot;Just a moment...&quot;">Cloudflare challenge</failure>
                </testcase>
                <testcase classname="e2e.account" name="shows orders">
                  <error message="Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghijklmnop expired: token expired" type="TokenExpiredError"/>
                </testcase>
                <testcase classname="e2e.home" name="renders"/>
              </testsuite>
            </testsuites>
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FailNextRequest faults = new FailNextRequest();
    private LoopFixture loop;
    private ReportClassifier classifier;

    @BeforeEach
    void start() {
        loop = new LoopFixture("classify", faults);
        classifier = classifier(loop.queue());
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private ReportClassifier classifier(RegenerationQueue queue) {
        return new ReportClassifier(loop.rawReports(), loop.runs(), loop.scenarios(), loop.deliveries(), queue,
                FailureClassifier.standard(), Reports.standard(), LoopFixture.PREFIX, loop.health(),
                HealthSettings.defaults(), loop.clock);
    }

    @Test
    void aReport_becomesARunWithResultsScenariosAnalysesAndRegenerationRequests() throws Exception {
        StoredReport stored = store(REPORT, "run-1");

        ClassifyOutcome outcome = classifier.classify(ReportRef.of(stored.key()));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(outcome.tests()).isEqualTo(6);
        assertThat(outcome.failing()).isEqualTo(5);
        assertThat(outcome.scenarios()).isEqualTo(3);
        StoredRun run = loop.runs().findRun(key("run-1")).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.COMPLETE);
        assertThat(run.counts().failed()).isEqualTo(4);
        assertThat(run.counts().errored()).isEqualTo(1);
        assertThat(run.counts().passed()).isEqualTo(1);

        List<Scenario> scenarios = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items();
        assertThat(scenarios).extracting(Scenario::category)
                .containsExactly(Category.SELECTOR_ISSUE, Category.BOT_BLOCK, Category.AUTH_EXPIRED);
        Scenario selector = scenarios.get(0);
        assertThat(selector.occurrences()).isEqualTo(3);
        assertThat(selector.testsAffected()).isEqualTo(3);

        Analysis selectorAnalysis = onlyAnalysis(selector);
        assertThat(selectorAnalysis.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(selectorAnalysis.evidence()).isNotEmpty();
        assertThat(selectorAnalysis.patternInsights())
                .contains("one systemic problem: 3 tests failed alike in the run of 2026-03-01 11:58 UTC")
                .as("whether it is new is worked out when read, not stored").noneMatch(i -> i.startsWith("new"));
        assertThat(selectorAnalysis.impact().testsAffected()).isEqualTo(3);
        assertThat(selectorAnalysis.impact().summary()).contains("3 of 5 failing tests in this run");
        assertThat(selectorAnalysis.rootCause().orElseThrow()).contains("#pay-button");
        assertThat(onlyAnalysis(scenarios.get(1)).patternInsights())
                .anyMatch(i -> i.contains("never evaded"));

        List<JsonNode> requests = requests(loop.drainQueue());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("fingerprint").asText()).isEqualTo(selector.key().fingerprint().value());
        assertThat(requests.get(0).path("tests")).hasSize(3);
    }

    @Test
    void secrets_areRedactedFromEverythingStored() {
        StoredReport stored = store(REPORT, "run-secrets");

        classifier.classify(ReportRef.of(stored.key()));

        List<ResultRecord> results = loop.runs().results(key("run-secrets"), 100, Optional.empty()).items();
        String storedText = results.toString();
        assertThat(storedText).doesNotContain("hunter2").doesNotContain("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ")
                .contains("[REDACTED:");
        List<Scenario> scenarios = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items();
        assertThat(scenarios.toString()).doesNotContain("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ");
    }

    /** Issue 10: names and properties reach the table too; they are redacted like failure text. */
    @Test
    void secretsInTestNamesAndProperties_areNotStored() {
        String github = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
        StoredReport stored = store("""
                <testsuite name="deploy" tests="1" failures="1">
                  <properties><property name="vault.token" value="s.Wl9kQ2mN8rT4vX6z"/></properties>
                  <testcase classname="e2e.deploy" name="pushes with %s">
                    <properties><property name="db.password" value="Sup3r-S3cret-Pw"/></properties>
                    <failure message="push refused">denied</failure>
                  </testcase>
                </testsuite>
                """.formatted(github), "run-names");

        classifier.classify(ReportRef.of(stored.key()));

        String results = loop.runs().results(key("run-names"), 100, Optional.empty()).items().toString();
        assertThat(results).doesNotContain(github, "Sup3r-S3cret-Pw").contains("pushes with [REDACTED:");
        assertThat(loop.runs().findRun(key("run-names")).orElseThrow().toString())
                .doesNotContain("s.Wl9kQ2mN8rT4vX6z");
        assertThat(loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items().toString())
                .doesNotContain(github);
    }

    @Test
    void theSameReportTwice_countsOnce() {
        StoredReport stored = store(REPORT, "run-2");

        classifier.classify(ReportRef.of(stored.key()));
        ClassifyOutcome again = classifier.classify(ReportRef.of(stored.key()));

        assertThat(again.status()).isEqualTo(ClassifyOutcome.Status.ALREADY_CLASSIFIED);
        assertThat(loop.runs().findRun(key("run-2")).orElseThrow().counts().tests()).isEqualTo(6);
        assertThat(loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items())
                .extracting(Scenario::occurrences).containsExactly(3L, 1L, 1L);
        assertThat(loop.drainQueue()).hasSize(1);
    }

    @Test
    void aFailureHalfWay_failsTheReport_andTheRetryLeavesNoDoubleCountsAndPublishesOnce() {
        StoredReport stored = store(REPORT, "run-3");
        faults.arm("TransactWriteItems", "REPORT#", 1); // completing the run, after the request was published

        assertThatThrownBy(() -> classifier.classify(ReportRef.of(stored.key()))).isInstanceOf(StoreException.class);
        assertThat(faults.failed()).isEqualTo(1);
        assertThat(loop.runs().findRun(key("run-3")).orElseThrow().state()).isEqualTo(RunState.INGESTING);

        ClassifyOutcome retry = classifier.classify(ReportRef.of(stored.key()));

        assertThat(retry.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(retry.occurrencesAdded()).isZero();
        assertThat(retry.analysesStored()).isZero();
        assertThat(retry.regenerationsPublished()).isZero();
        StoredRun run = loop.runs().findRun(key("run-3")).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.COMPLETE);
        assertThat(run.counts().tests()).isEqualTo(6);
        List<Scenario> scenarios = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items();
        assertThat(scenarios).extracting(Scenario::occurrences).containsExactly(3L, 1L, 1L);
        scenarios.forEach(this::onlyAnalysis);
        assertThat(loop.drainQueue()).hasSize(1);
    }

    @Test
    void aQueueThatRefusesTheRequests_failsTheReport_andTheRetryPublishesThem() {
        StoredReport stored = store(REPORT, "run-4");
        AtomicBoolean down = new AtomicBoolean(true);
        RegenerationQueue flaky = requests -> {
            if (down.getAndSet(false)) {
                throw new RegenerationQueueException("injected: queue unreachable", null);
            }
            return loop.queue().publish(requests);
        };
        ReportClassifier withFlakyQueue = classifier(flaky);

        assertThatThrownBy(() -> withFlakyQueue.classify(ReportRef.of(stored.key())))
                .isInstanceOf(RegenerationQueueException.class);
        ClassifyOutcome retry = withFlakyQueue.classify(ReportRef.of(stored.key()));

        assertThat(retry.regenerationsPublished()).isEqualTo(1);
        assertThat(loop.drainQueue()).hasSize(1);
        assertThat(loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items())
                .extracting(Scenario::occurrences).containsExactly(3L, 1L, 1L);
    }

    /** A history load claims a report's requests together; a refused queue releases them all, as one by one. */
    @Test
    void inAHistoryLoad_aQueueThatRefusesTheRequests_failsTheLoad_andLoadingAgainPublishesThem() {
        StoredReport stored = store(REPORT, "run-4");
        AtomicBoolean down = new AtomicBoolean(true);
        RegenerationQueue flaky = requests -> {
            if (down.getAndSet(false)) {
                throw new RegenerationQueueException("injected: queue unreachable", null);
            }
            return loop.queue().publish(requests);
        };
        ReportClassifier withFlakyQueue = classifier(flaky);

        withFlakyQueue.hold();
        assertThatThrownBy(() -> withFlakyQueue.classify(ReportRef.of(stored.key())))
                .isInstanceOf(RegenerationQueueException.class);
        withFlakyQueue.abandon();
        withFlakyQueue.hold();
        ClassifyOutcome retry = withFlakyQueue.classify(ReportRef.of(stored.key()));
        assertThat(withFlakyQueue.release()).isEqualTo(1);

        assertThat(retry.regenerationsPublished()).isEqualTo(1);
        assertThat(loop.drainQueue()).hasSize(1);
        assertThat(loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items())
                .extracting(Scenario::occurrences).containsExactly(3L, 1L, 1L);
    }

    @Test
    void aScenarioSeenAgainInAnotherRun_isRecurring_andRequestedAgainForThatRun() {
        classifier.classify(ReportRef.of(store(REPORT, "run-5").key()));
        loop.clock.advance(java.time.Duration.ofHours(1));
        classifier.classify(ReportRef.of(store(REPORT.replace("2026-03-01T11:58:00", "2026-03-01T12:58:00"),
                "run-6").key()));

        Scenario selector = loop.scenarios().mostFrequent("web-shop", 1, Optional.empty()).items().get(0);
        assertThat(selector.runsAffected()).isEqualTo(2);
        List<Analysis> analyses = loop.scenarios().analyses(selector.key(), 10, Optional.empty()).items();
        assertThat(analyses).hasSize(2);
        assertThat(analyses.get(0).patternInsights())
                .contains("one systemic problem: 3 tests failed alike in the run of 2026-03-01 12:58 UTC");
        assertThat(HistoryNote.of(selector, Optional.of(analyses.get(0).createdAt())))
                .isEqualTo("recurring: seen in 2 runs from 2026-03-01 to 2026-03-01, 3 tests affected in all");
        assertThat(loop.drainQueue()).hasSize(2);
    }

    @Test
    void aReportWithoutFailures_isARunWithResults_andNoScenarios() {
        StoredReport stored = store("<testsuite name=\"s\"><testcase name=\"a\"/><testcase name=\"b\"/></testsuite>",
                "run-green");

        ClassifyOutcome outcome = classifier.classify(ReportRef.of(stored.key()));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(outcome.scenarios()).isZero();
        assertThat(loop.runs().findRun(key("run-green")).orElseThrow().counts().passed()).isEqualTo(2);
        assertThat(loop.drainQueue()).isEmpty();
    }

    @Test
    void aUrlAssertionThatSawALoginPage_isAUrlMismatch_notQueuedForARewrite() {
        StoredReport stored = store("""
                <testsuite name="s"><testcase classname="e2e.billing" name="opens invoices">
                  <failure message="expect(page).toHaveURL(expected) failed">Error: expect(page).toHaveURL(expected) failed
                Expected: "https://app.test/invoices"
                Received: "https://app.test/login?returnUrl=%2Finvoices"</failure>
                </testcase></testsuite>""", "run-bounced");

        classifier.classify(ReportRef.of(stored.key()));

        Scenario scenario = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items().get(0);
        assertThat(scenario.category()).isEqualTo(Category.URL_MISMATCH);
        assertThat(scenario.autoFixable()).isFalse();
        assertThat(onlyAnalysis(scenario).patternInsights()).anyMatch(i -> i.startsWith("not queued for a rewrite"));
        assertThat(loop.drainQueue()).isEmpty();
    }

    @Test
    void aMalformedReport_isRejected_andNothingOfItIsStored() {
        String truncated = REPORT.substring(0, REPORT.indexOf("pays by voucher"));
        StoredReport stored = store(truncated, "run-7");

        ClassifyOutcome outcome = classifier.classify(ReportRef.of(stored.key()));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.REJECTED);
        assertThat(outcome.message().orElseThrow()).contains(stored.key()).contains("line");
        assertThat(loop.runs().findRun(key("run-7"))).isEmpty();
        assertThat(loop.runs().results(key("run-7"), 10, Optional.empty()).items()).isEmpty();
        assertThatThrownBy(() -> loop.rawReports().open(stored.key()))
                .as("what cannot be redacted is not kept raw").isInstanceOf(StoredObjectNotFoundException.class);
    }

    /** A pre-signed upload lands in the store as sent; once analysed, only its redacted form is left. */
    @Test
    void aReportStoredUnredacted_isReplacedInPlaceByItsRedactedForm_onceAnalysed() throws Exception {
        StoredReport stored = store(REPORT, "run-presigned");

        ClassifyOutcome first = classifier.classify(ReportRef.of(stored.key()));
        String kept = read(stored.key());
        ClassifyOutcome again = classifier.classify(ReportRef.of(stored.key()));

        assertThat(first.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(kept).doesNotContain("hunter2", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ")
                .contains("password=[REDACTED:password]", "pays by card", "#pay-button");
        assertThat(again.status()).isEqualTo(ClassifyOutcome.Status.ALREADY_CLASSIFIED);
        assertThat(read(stored.key())).as("redacting the redacted form changes nothing").isEqualTo(kept);
        assertThat(loop.s3.listObjectsV2(b -> b.bucket(loop.bucket).prefix(stored.key())).contents())
                .as("one object, no copy beside it").hasSize(1);
        try (var opened = loop.rawReports().open(stored.key())) {
            assertThat(opened.metadata().orElseThrow().commitSha()).as("metadata kept").contains("abc123");
        }
        ClassifyOutcome reanalysed = classifier(loop.queue()).classify(ReportRef.of(store(kept, "run-kept").key()));
        assertThat(reanalysed.tests()).as("the redacted form analyses as the original did").isEqualTo(first.tests());
        assertThat(reanalysed.failing()).isEqualTo(first.failing());
        assertThat(reanalysed.scenarios()).isEqualTo(first.scenarios());
    }

    @Test
    void objectsOutsideTheReportsPrefix_areIgnored() {
        assertThat(classifier.classify(ReportRef.of("other/web-shop/x.xml")).status())
                .isEqualTo(ClassifyOutcome.Status.IGNORED);
        assertThat(classifier.classify(ReportRef.of("reports/loose-file.xml")).status())
                .isEqualTo(ClassifyOutcome.Status.IGNORED);
    }

    @Test
    void aReportUploadedWithoutRunMetadata_isARunOfItsOwn_namedByItsHash() {
        String key = "reports/web-shop/by-hand.xml";
        loop.s3.putObject(b -> b.bucket(loop.bucket).key(key),
                software.amazon.awssdk.core.sync.RequestBody.fromString(REPORT));

        ClassifyOutcome outcome = classifier.classify(new ReportRef(key, Optional.of("etag-1")));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(outcome.run().orElseThrow().runId()).matches("[0-9a-f]{64}");
    }

    /** Issue 10: a nightly on an unchanged commit sends the same bytes; it is a run of its own, not a duplicate. */
    @Test
    void theSameBytesUnderTwoRunIds_areTwoRuns_andUnderTheSameRunAndAttemptOne() {
        StoredReport nightly1 = store(REPORT, "nightly-1");
        StoredReport nightly2 = store(REPORT, "nightly-2");
        StoredReport nightly2Again = store(REPORT, "nightly-2");

        List<ClassifyOutcome> outcomes = List.of(classifier.classify(ReportRef.of(nightly1.key())),
                classifier.classify(ReportRef.of(nightly2.key())),
                classifier.classify(ReportRef.of(nightly2Again.key())));

        assertThat(nightly2Again.created()).isFalse();
        assertThat(nightly2Again.key()).isEqualTo(nightly2.key()).isNotEqualTo(nightly1.key());
        assertThat(outcomes).extracting(ClassifyOutcome::status).containsExactly(ClassifyOutcome.Status.CLASSIFIED,
                ClassifyOutcome.Status.CLASSIFIED, ClassifyOutcome.Status.ALREADY_CLASSIFIED);
        assertThat(loop.runs().listRuns("web-shop", 10, Optional.empty()).items())
                .extracting(r -> r.key().runId()).containsExactlyInAnyOrder("nightly-1", "nightly-2");
        assertThat(loop.runs().findRun(key("nightly-2")).orElseThrow().counts().tests()).isEqualTo(6);
        Scenario selector = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items().get(0);
        assertThat(selector.occurrences()).as("3 tests in each of 2 runs").isEqualTo(6);
        assertThat(selector.runsAffected()).isEqualTo(2);
    }

    @Test
    void anotherAttemptOfTheSameRun_isARunOfItsOwn() {
        StoredReport first = store(REPORT, "nightly-1");
        StoredReport rerun = loop.rawReports().put(new ReportMetadata(new RunKey("web-shop", "nightly-1", 2),
                Optional.of("abc123"), Optional.of("main"), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(REPORT.getBytes(StandardCharsets.UTF_8), "rerun"));

        classifier.classify(ReportRef.of(first.key()));
        ClassifyOutcome outcome = classifier.classify(ReportRef.of(rerun.key()));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(outcome.run()).contains(new RunKey("web-shop", "nightly-1", 2));
        assertThat(loop.runs().findRun(new RunKey("web-shop", "nightly-1", 2))).isPresent();
    }

    @Test
    void aReportUnderOneRunsKeyCarryingAnotherRunsMetadata_isRejected() {
        StoredReport stored = store(REPORT, "run-a");
        String forged = stored.key().replace(RawReportKey.runSegment(key("run-a")),
                RawReportKey.runSegment(key("run-b")));
        loop.s3.copyObject(b -> b.sourceBucket(loop.bucket).sourceKey(stored.key()).destinationBucket(loop.bucket)
                .destinationKey(forged));

        ClassifyOutcome outcome = classifier.classify(ReportRef.of(forged));

        assertThat(outcome.status()).isEqualTo(ClassifyOutcome.Status.REJECTED);
        assertThat(outcome.message().orElseThrow()).contains("metadata of run run-a")
                .contains("not the run its key names");
        assertThat(loop.runs().findRun(key("run-b"))).isEmpty();
    }

    @Test
    void theSendersTime_isTheRunTime_whenTheReportHasNone_andTheReportsOwnStartWins() {
        Instant given = Instant.parse("2026-02-20T08:00:00Z");
        String untimed = REPORT.replace(" timestamp=\"2026-03-01T11:58:00\"", "");
        StoredReport withoutStart = storeAt(untimed, "backfill-1", given);
        StoredReport withStart = storeAt(REPORT, "backfill-2", given);
        StoredReport neither = store(untimed, "live-1");

        classifier.classify(ReportRef.of(withoutStart.key()));
        classifier.classify(ReportRef.of(withStart.key()));
        classifier.classify(ReportRef.of(neither.key()));

        assertThat(loop.runs().findRun(key("backfill-1")).orElseThrow().runTime()).isEqualTo(given);
        assertThat(loop.runs().findRun(key("backfill-2")).orElseThrow().runTime())
                .isEqualTo(Instant.parse("2026-03-01T11:58:00Z"));
        assertThat(loop.runs().findRun(key("live-1")).orElseThrow().runTime()).as("when first recorded")
                .isEqualTo(loop.clock.instant());
        assertThat(loop.runs().history("web-shop", loop.runs().results(key("backfill-1"), 1, Optional.empty())
                .items().get(0).testId(), 10, Optional.empty()).items()).extracting(HistoryEntry::runTime)
                .contains(given);
    }

    private StoredReport storeAt(String report, String runId, Instant time) {
        return loop.rawReports().put(new ReportMetadata(key(runId), Optional.of("abc123"), Optional.of("main"),
                Optional.empty(), Optional.empty(), Optional.of(time)),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
    }

    @Test
    void aProjectsSavedRules_decideBeforeTheBuiltInOnes_andItsAnalysesNameTheirVersion() {
        DynamoProjectRulesStore rules = new DynamoProjectRulesStore(loop.dynamoDb, loop.settings);
        ProjectClassifiers classifiers = ProjectClassifiers.stored(rules);
        ReportClassifier withRules = new ReportClassifier(loop.rawReports(), loop.runs(), loop.scenarios(),
                loop.deliveries(), loop.queue(), classifiers, Reports.standard(), LoopFixture.PREFIX, loop.health(),
                HealthSettings.defaults(), loop.clock);
        classifiers.save("web-shop", "[{\"id\": \"staging-waf\", \"category\": \"INFRA\", \"weight\": 0.9,"
                + " \"phrases\": [\"cloudflare challenge\"]}]", "rules.json", loop.clock.instant());
        classifiers.save("other-project", "[]", "empty.json", loop.clock.instant());

        withRules.classify(ReportRef.of(store(REPORT, "run-rules").key()));

        List<Scenario> scenarios = loop.scenarios().mostFrequent("web-shop", 10, Optional.empty()).items();
        assertThat(scenarios).extracting(Scenario::category)
                .containsExactly(Category.SELECTOR_ISSUE, Category.INFRA, Category.AUTH_EXPIRED);
        Analysis waf = onlyAnalysis(scenarios.get(1));
        assertThat(waf.evidence().get(0).rule()).isEqualTo("custom:staging-waf");
        assertThat(waf.analyzer()).isEqualTo("rules-v5.project-rules-1");
        assertThat(onlyAnalysis(scenarios.get(0)).analyzer()).isEqualTo("rules-v5.project-rules-1");
        assertThat(classifiers.forProject("other-project").analyzer()).isEqualTo("rules-v5.project-rules-1");
        assertThat(classifiers.forProject("no-rules").analyzer()).isEqualTo("rules-v5");
    }

    @Test
    void aBadRuleFile_isRefusedNamingTheRule_andNothingIsSaved() {
        DynamoProjectRulesStore rules = new DynamoProjectRulesStore(loop.dynamoDb, loop.settings);

        assertThatThrownBy(() -> ProjectClassifiers.stored(rules).save("web-shop", "[{\"id\": \"waf\","
                + " \"category\": \"FIREWALL\", \"weight\": 0.9, \"phrases\": [\"waf\"]}]", "rules.json",
                loop.clock.instant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules.json")
                .hasMessageContaining("waf").hasMessageContaining("FIREWALL");
        assertThat(rules.current("web-shop")).isEmpty();
    }

    private String read(String key) throws java.io.IOException {
        try (var opened = loop.rawReports().open(key)) {
            return new String(opened.stream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Analysis onlyAnalysis(Scenario scenario) {
        Page<Analysis> analyses = loop.scenarios().analyses(scenario.key(), 10, Optional.empty());
        assertThat(analyses.items()).as("analyses of " + scenario.key()).hasSize(1);
        return analyses.items().get(0);
    }

    private StoredReport store(String report, String runId) {
        return loop.rawReports().put(new ReportMetadata(key(runId), Optional.of("abc123"), Optional.of("main"),
                Optional.empty(), Optional.of("github-actions")),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
    }

    private static RunKey key(String runId) {
        return new RunKey("web-shop", runId, 1);
    }

    private static List<JsonNode> requests(List<Message> messages) throws Exception {
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (Message message : messages) {
            bodies.add(JSON.readTree(message.body()));
        }
        return bodies;
    }

}
