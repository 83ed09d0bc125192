package dev.feedbackloop.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.dynamodb.DynamoHealthStore;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ReportTally;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.store.TimelineEntry;
import dev.feedbackloop.testing.FailNextRequest;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classify stage's health step on the real engines: reports in, each test's stored health out. */
class HealthStepTest {

    private static final String PROJECT = "web-shop";

    private final FailNextRequest faults = new FailNextRequest();
    private LoopFixture loop;
    private DynamoHealthStore health;
    private ReportClassifier classifier;

    @BeforeEach
    void start() {
        loop = new LoopFixture("healthstep", faults);
        health = loop.health();
        classifier = new ReportClassifier(loop.rawReports(), loop.runs(), loop.scenarios(), loop.deliveries(),
                loop.queue(), FailureClassifier.standard(), Reports.standard(), LoopFixture.PREFIX, health,
                HealthSettings.defaults(), loop.clock);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    /** A surefire report at hour {@code hour}: "pays" passes on retry, "renders" passes, plus the cases given. */
    private static String report(int hour, String... cases) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="checkout" timestamp="2026-03-01T%02d:00:00" tests="9">
                  <testcase classname="e2e.checkout" name="pays" time="1.0">
                    <flakyFailure message="Timeout 5000ms exceeded waiting for #pay" type="TimeoutError">TimeoutError: Timeout 5000ms exceeded waiting for #pay</flakyFailure>
                  </testcase>
                  <testcase classname="e2e.home" name="renders" time="0.1"/>
                %s
                </testsuite>
                """.formatted(hour, String.join("\n", cases));
    }

    private static String failing(String name) {
        return "<testcase classname=\"e2e.infra\" name=\"" + name + "\"><failure message=\"connect ECONNREFUSED"
                + " 10.0.0.5:5432\" type=\"Error\">Error: connect ECONNREFUSED 10.0.0.5:5432</failure></testcase>";
    }

    private static String wrong(String name) {
        return "<testcase classname=\"e2e.infra\" name=\"" + name + "\"><failure message=\"expected: 1 but was: 2\""
                + " type=\"AssertionError\">AssertionError: expected: 1 but was: 2</failure></testcase>";
    }

    private static String passing(String name) {
        return "<testcase classname=\"e2e.more\" name=\"" + name + "\"/>";
    }

    private ClassifyOutcome classify(String runId, int attempt, String commit, String report, String part) {
        StoredReport stored = loop.rawReports().put(new ReportMetadata(new RunKey(PROJECT, runId, attempt),
                        Optional.of(commit), Optional.of("main"), Optional.empty(), Optional.of("github-actions")),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId + part));
        return classifier.classify(ReportRef.of(stored.key()));
    }

    private StoredHealth healthOf(String suite, String name) {
        TestId id = TestCase.of(suite, name).id(PROJECT);
        return health.find(PROJECT, List.of(id)).get(id);
    }

    @Test
    void aTestPassingOnRetryRunAfterRun_becomesFlaky_withTheRetriesAsEvidence() {
        for (int run = 1; run <= 3; run++) {
            classify("r" + run, 1, "c" + run, report(run), "");
        }

        StoredHealth pays = healthOf("e2e.checkout", "pays");
        assertThat(pays.health().verdict().state()).isEqualTo(HealthState.FLAKY);
        assertThat(pays.health().window()).hasSize(3);
        assertThat(pays.label().orElseThrow().display()).isEqualTo("e2e.checkout > pays");
        assertThat(pays.health().window().get(0).category()).as("the failed attempt's root cause is kept")
                .isPresent();
        List<TimelineEntry> timeline = health.timeline(PROJECT, pays.health().test());
        assertThat(timeline).extracting(TimelineEntry::transition).containsExactly("new -> flaky");
        assertThat(timeline.get(0).evidence()).anyMatch(e -> e.startsWith("passed on retry in run r"));
        assertThat(healthOf("e2e.home", "renders").health().verdict().state()).isEqualTo(HealthState.NEW);
        assertThat(health.withVerdict(PROJECT, HealthState.FLAKY)).extracting(s -> s.health().test())
                .containsExactly(pays.health().test());
    }

    @Test
    void aHeldLoad_writesEachTestOnceWhenReleased_atTheVersionReportByReportGives_andTheMarkersAfter() {
        classifier.hold();
        for (int run = 1; run <= 3; run++) {
            classify("r" + run, 1, "c" + run, report(run), "");
        }
        assertThat(health.tests(PROJECT, 100, Optional.empty()).items()).as("nothing written while held").isEmpty();
        assertThat(classify("r2", 1, "c2", report(2), "").status()).as("a held report is complete")
                .isEqualTo(ClassifyOutcome.Status.ALREADY_CLASSIFIED);

        assertThat(classifier.release()).isEqualTo(3);

        StoredHealth pays = healthOf("e2e.checkout", "pays");
        assertThat(pays.version()).as("one version a report, as report by report").isEqualTo(3);
        assertThat(pays.health().verdict().state()).isEqualTo(HealthState.FLAKY);
        assertThat(health.timeline(PROJECT, pays.health().test())).isNotEmpty();
        assertThat(classify("r3", 1, "c3", report(3), "").status())
                .isEqualTo(ClassifyOutcome.Status.ALREADY_CLASSIFIED);
    }

    @Test
    void anAbandonedLoad_writesNeitherHealthNorMarkers_soItsReportsAreClassifiedAgain() {
        classifier.hold();
        classify("r1", 1, "c1", report(1), "");
        classify("r2", 1, "c2", report(2), "");
        classifier.abandon();

        assertThat(health.tests(PROJECT, 100, Optional.empty()).items()).isEmpty();
        assertThat(classify("r1", 1, "c1", report(1), "").status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(classify("r2", 1, "c2", report(2), "").status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        assertThat(healthOf("e2e.checkout", "pays").version()).isEqualTo(2);
    }

    @Test
    void aReportRetriedAfterItsHealthWasWritten_changesNoTestsHealthAgain() {
        classify("r1", 1, "c1", report(1), "");
        faults.arm("TransactWriteItems", "REPORT#", 1); // completing the run, after the health step
        assertThatThrownBy(() -> classify("r2", 1, "c2", report(2), "")).isInstanceOf(StoreException.class);
        long version = healthOf("e2e.checkout", "pays").version();

        ClassifyOutcome retry = classify("r2", 1, "c2", report(2), "");

        assertThat(retry.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
        StoredHealth pays = healthOf("e2e.checkout", "pays");
        assertThat(pays.version()).isEqualTo(version);
        assertThat(pays.health().window()).hasSize(2);
        assertThat(health.tallies(new RunKey(PROJECT, "r2", 1))).hasSize(1);
    }

    @Test
    void anOutageRun_countsForNoTest() {
        String[] down = IntStream.range(0, 12).mapToObj(i -> failing("db " + i)).toArray(String[]::new);
        classify("r1", 1, "c1", report(1, down), "");

        assertThat(healthOf("e2e.checkout", "pays").health().window()).isEmpty();
        assertThat(healthOf("e2e.infra", "db 0").health().window()).isEmpty();
        assertThat(loop.rawItemOfRun(new RunKey(PROJECT, "r1", 1)).get("outage").bool()).isTrue();
    }

    @Test
    void aLaterShardThatTurnsTheVerdict_reappliesTheWholeRun() {
        String[] down = IntStream.range(0, 12).mapToObj(i -> wrong("db " + i)).toArray(String[]::new);
        classify("r1", 1, "c1", report(1, down), "-shard1");
        assertThat(healthOf("e2e.infra", "db 0").health().window()).as("alone, the shard is an outage").isEmpty();

        String[] fine = IntStream.range(0, 60).mapToObj(i -> passing("works " + i)).toArray(String[]::new);
        classify("r1", 1, "c1", "<?xml version=\"1.0\"?><testsuite name=\"more\" timestamp=\"2026-03-01T01:00:00\">"
                + String.join("", fine) + "</testsuite>", "-shard2");

        assertThat(healthOf("e2e.infra", "db 0").health().window()).as("with its sibling, no outage").hasSize(1);
        assertThat(healthOf("e2e.more", "works 0").health().window()).hasSize(1);
        Map<String, Boolean> applied = health.tallies(new RunKey(PROJECT, "r1", 1)).stream()
                .collect(Collectors.toMap(ReportTally::reportId, ReportTally::appliedOutage));
        assertThat(applied).hasSize(2).doesNotContainValue(true);
    }
}
