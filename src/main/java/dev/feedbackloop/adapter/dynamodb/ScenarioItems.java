package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.cap;
import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureType;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of a scenario's partition and its occurrence markers: attribute names and mapping, defined once.
 * <ul>
 *   <li>the scenario itself ({@code SCENARIO}), listed by occurrences on GSI1 and by last seen on GSI2;</li>
 *   <li>a link per affected test ({@code TEST#testId}): its existence means the test is counted in
 *       {@code testsAffected}; on GSI2 under the test, so a test's scenarios are one Query;</li>
 *   <li>a link per affected run ({@code RUN#attempt#runId}): its existence means the run is counted in
 *       {@code runsAffected}; on GSI1 by time, so a scenario's runs are one Query, newest first;</li>
 *   <li>an occurrence marker per failing (run, test), in the run's partition ({@code OCC#testId}): its existence
 *       means that occurrence is counted.</li>
 * </ul>
 */
final class ScenarioItems {

    static final String TYPE = "type";
    static final String SCENARIO_TYPE = "SCENARIO";
    static final String TEST_LINK_TYPE = "SCENARIO_TEST";
    static final String RUN_LINK_TYPE = "SCENARIO_RUN";
    static final String OCCURRENCE_TYPE = "OCCURRENCE";
    static final String PROJECT = "project";
    static final String FINGERPRINT = "fingerprint";
    static final String CATEGORY = "category";
    static final String FAILURE_TYPE = "failureType";
    static final String SEVERITY = "severity";
    static final String AUTO_FIXABLE = "autoFixable";
    static final String FIRST_SEEN = "firstSeen";
    static final String LAST_SEEN = "lastSeen";
    static final String OCCURRENCES = "occurrences";
    static final String TESTS_AFFECTED = "testsAffected";
    static final String RUNS_AFFECTED = "runsAffected";
    static final String SAMPLE_MESSAGE = "sampleMessage";
    static final String RECIPE = "reproductionRecipe";
    static final String ENVIRONMENT = "environment";
    static final String SNAPSHOT_REF = "snapshotRef";
    static final String VERSION = "version";
    static final String TEST_ID = "testId";
    static final String RUN_ID = "runId";
    static final String RUN_ATTEMPT = "runAttempt";
    static final String SEEN_AT = "seenAt";

    static final int MAX_SAMPLE = 4000;
    static final int MAX_RECIPE = 32_000;
    static final int MAX_SNAPSHOT_REF = 2000;

    private ScenarioItems() {
    }

    static Map<String, AttributeValue> key(ScenarioKey key) {
        return Items.key(Keys.scenarioPk(key), Keys.SCENARIO_SK);
    }

    static Map<String, AttributeValue> toItem(Scenario scenario) {
        ScenarioKey key = scenario.key();
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(key));
        item.put(FeedbackTable.GSI1PK, s(Keys.scenariosPk(key.project())));
        item.put(FeedbackTable.GSI1SK, s(Keys.byOccurrencesSk(scenario.occurrences(), key.fingerprint())));
        item.put(FeedbackTable.GSI2PK, s(Keys.scenariosPk(key.project())));
        item.put(FeedbackTable.GSI2SK, s(Keys.byLastSeenSk(scenario.lastSeen(), key.fingerprint())));
        item.put(TYPE, s(SCENARIO_TYPE));
        item.put(PROJECT, s(key.project()));
        item.put(FINGERPRINT, s(key.fingerprint().value()));
        item.put(CATEGORY, s(scenario.category().name()));
        item.put(FAILURE_TYPE, s(scenario.failureType().name()));
        item.put(SEVERITY, n(scenario.severity()));
        item.put(AUTO_FIXABLE, Items.bool(scenario.autoFixable()));
        item.put(FIRST_SEEN, Items.time(scenario.firstSeen()));
        item.put(LAST_SEEN, Items.time(scenario.lastSeen()));
        item.put(OCCURRENCES, n(scenario.occurrences()));
        item.put(TESTS_AFFECTED, n(scenario.testsAffected()));
        item.put(RUNS_AFFECTED, n(scenario.runsAffected()));
        item.put(SAMPLE_MESSAGE, s(cap(scenario.sampleMessage(), MAX_SAMPLE)));
        Items.putIfPresent(item, RECIPE, scenario.reproductionRecipe().map(r -> cap(r, MAX_RECIPE)));
        item.put(ENVIRONMENT, Items.stringMap(cap(scenario.environment(), 50, 100, 1000)));
        Items.putIfPresent(item, SNAPSHOT_REF, scenario.snapshotRef().map(r -> cap(r, MAX_SNAPSHOT_REF)));
        item.put(VERSION, n(scenario.version()));
        return item;
    }

    static Scenario fromItem(Map<String, AttributeValue> item) {
        ScenarioKey key = new ScenarioKey(Items.str(item, PROJECT), new Fingerprint(Items.str(item, FINGERPRINT)));
        return new Scenario(key, Items.enumValue(item, CATEGORY, Category.class),
                Items.enumValue(item, FAILURE_TYPE, FailureType.class), (int) Items.num(item, SEVERITY),
                Items.bool(item, AUTO_FIXABLE), Items.instant(item, FIRST_SEEN), Items.instant(item, LAST_SEEN),
                Items.num(item, OCCURRENCES), Items.num(item, TESTS_AFFECTED), Items.num(item, RUNS_AFFECTED),
                Items.optStr(item, SAMPLE_MESSAGE).orElse(""), Items.optStr(item, RECIPE),
                Items.stringMap(item, ENVIRONMENT), Items.optStr(item, SNAPSHOT_REF), Items.num(item, VERSION));
    }

    static Map<String, AttributeValue> testLinkKey(ScenarioKey key, TestId test) {
        return Items.key(Keys.scenarioPk(key), Keys.scenarioTestSk(test));
    }

    static Map<String, AttributeValue> testLink(AffectedTest link) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(testLinkKey(link.scenario(), link.test()));
        item.put(FeedbackTable.GSI2PK, s(Keys.testPk(link.scenario().project(), link.test())));
        item.put(FeedbackTable.GSI2SK, s(Keys.testScenarioSk(link.scenario().fingerprint())));
        item.put(TYPE, s(TEST_LINK_TYPE));
        item.put(PROJECT, s(link.scenario().project()));
        item.put(FINGERPRINT, s(link.scenario().fingerprint().value()));
        item.put(TEST_ID, s(link.test().value()));
        item.put(FIRST_SEEN, Items.time(link.firstSeen()));
        item.put(LAST_SEEN, Items.time(link.lastSeen()));
        item.put(OCCURRENCES, n(link.occurrences()));
        return item;
    }

    static AffectedTest testLinkFrom(Map<String, AttributeValue> item) {
        ScenarioKey key = new ScenarioKey(Items.str(item, PROJECT), new Fingerprint(Items.str(item, FINGERPRINT)));
        return new AffectedTest(key, new TestId(Items.str(item, TEST_ID)), Items.instant(item, FIRST_SEEN),
                Items.instant(item, LAST_SEEN), Items.num(item, OCCURRENCES));
    }

    static Map<String, AttributeValue> runLinkKey(ScenarioKey key, RunKey run) {
        return Items.key(Keys.scenarioPk(key), Keys.scenarioRunSk(run));
    }

    static Map<String, AttributeValue> runLink(ScenarioKey key, RunKey run, Instant seenAt, long expiresAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(runLinkKey(key, run));
        item.put(FeedbackTable.GSI1PK, s(Keys.scenarioRunsPk(key)));
        item.put(FeedbackTable.GSI1SK, s(Keys.scenarioRunsSk(seenAt, run)));
        item.put(TYPE, s(RUN_LINK_TYPE));
        item.put(PROJECT, s(key.project()));
        item.put(FINGERPRINT, s(key.fingerprint().value()));
        item.put(RUN_ID, s(run.runId()));
        item.put(RUN_ATTEMPT, n(run.attempt()));
        item.put(SEEN_AT, Items.time(seenAt));
        item.put(FeedbackTable.EXPIRES_AT, n(expiresAt));
        return item;
    }

    static AffectedRun runLinkFrom(Map<String, AttributeValue> item) {
        ScenarioKey key = new ScenarioKey(Items.str(item, PROJECT), new Fingerprint(Items.str(item, FINGERPRINT)));
        return new AffectedRun(key, new RunKey(key.project(), Items.str(item, RUN_ID),
                (int) Items.num(item, RUN_ATTEMPT)), Items.instant(item, SEEN_AT));
    }

    static Map<String, AttributeValue> markerKey(RunKey run, TestId test) {
        return Items.key(Keys.runPk(run), Keys.occurrenceSk(test));
    }

    static Map<String, AttributeValue> marker(RunKey run, TestId test, Fingerprint fingerprint, long expiresAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(markerKey(run, test));
        item.put(TYPE, s(OCCURRENCE_TYPE));
        item.put(TEST_ID, s(test.value()));
        item.put(FINGERPRINT, s(fingerprint.value()));
        item.put(FeedbackTable.EXPIRES_AT, n(expiresAt));
        return item;
    }
}
