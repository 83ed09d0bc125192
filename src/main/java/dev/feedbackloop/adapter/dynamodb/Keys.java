package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.text.Sha256;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every key shape of the table, in one place (docs/STORAGE.md lists them with the access patterns they serve).
 *
 * <p>Free-form parts (a run id may contain {@code #}) always come last, so that no two entities share a key. Times
 * in keys are fixed-width UTC with milliseconds ({@code 2026-01-31T09:15:00.000Z}), so that string order is time
 * order; {@code Instant.toString()} is not fixed-width and would sort {@code :00Z} after {@code :00.5Z}.
 */
final class Keys {

    static final String RUN_SK = "RUN";
    static final String SCENARIO_SK = "SCENARIO";
    static final String DELIVERY_SK = "DELIVERY";
    static final String PROJECTS_PK = "PROJECTS";
    static final String RESULT_PREFIX = "RESULT#";
    static final String OCCURRENCE_PREFIX = "OCC#";
    static final String TEST_PREFIX = "TEST#";
    static final String SCENARIO_PREFIX = "SCN#";
    static final String ANALYSIS_PREFIX = "ANALYSIS#";
    static final String RECOMMENDATION_PREFIX = "REC#";
    static final String DAY_PREFIX = "DAY#";
    static final String ATTACHMENT_PREFIX = "ATT#";

    /** Longest delivery id kept verbatim in a key; longer ones are hashed (partition keys allow 2048 bytes). */
    private static final int MAX_VERBATIM_DELIVERY_ID = 512;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** {@code RULES#<project>}: the versions of a project's custom rules. */
    static String rulesPk(String project) {
        return "RULES#" + project;
    }

    /** {@code V#<version, 10 digits>}: versions sort by number. */
    static String rulesSk(int version) {
        return String.format(Locale.ROOT, "V#%010d", version);
    }

    private Keys() {
    }

    /** Fixed-width UTC time with milliseconds, for sort keys. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code <attempt 5 digits>#<runId>}: a run within its project. */
    static String runPart(RunKey run) {
        return String.format(Locale.ROOT, "%05d#%s", run.attempt(), run.runId());
    }

    /** Partition of a run: the run item, its report and occurrence markers; also GSI1 partition of its results. */
    static String runPk(RunKey run) {
        return "RUN#" + run.project() + "#" + runPart(run);
    }

    /** GSI1 partition listing a project's runs. */
    static String runsPk(String project) {
        return "RUNS#" + project;
    }

    /** GSI1 sort key of a run: newest first when read backwards. Also its GSI2 sort key under its branch. */
    static String runsSk(Instant runTime, RunKey run) {
        return time(runTime) + "#" + runPart(run);
    }

    /** GSI2 partition listing a project's runs on one branch (the branch, free-form, comes last). */
    static String branchRunsPk(String project, String branch) {
        return "BRANCH#" + project + "#" + branch;
    }

    /**
     * {@code ATT#<sha256 of test, attempt, name and content>}: one attachment a run references, in the run's
     * partition; fixed-width, so a name of any characters makes a safe key.
     */
    static String attachmentSk(TestId test, int attempt, String name, String sha256) {
        return ATTACHMENT_PREFIX + Sha256.hex(test.value() + "\u0000" + attempt + "\u0000" + name + "\u0000" + sha256);
    }

    static String reportSk(String reportId) {
        return "REPORT#" + reportId;
    }

    static String occurrenceSk(TestId test) {
        return OCCURRENCE_PREFIX + test.value();
    }

    /** Partition of a test: its results, i.e. its history. Also GSI2 partition of its scenario links. */
    static String testPk(String project, TestId test) {
        return "TEST#" + project + "#" + test.value();
    }

    /** Sort key of a result within its test's history. */
    static String resultSk(Instant runTime, RunKey run) {
        return RESULT_PREFIX + time(runTime) + "#" + runPart(run);
    }

    /** GSI1 sort key of a result within its run. */
    static String runResultSk(TestId test) {
        return RESULT_PREFIX + test.value();
    }

    /** GSI2 partition of a run's failing results (a sparse index: only failing results carry it). */
    static String failingPk(RunKey run) {
        return "FAIL#" + run.project() + "#" + runPart(run);
    }

    /** GSI2 partition of a run's flaky results (sparse, as {@link #failingPk}; a result is one or the other). */
    static String flakyPk(RunKey run) {
        return "FLAKY#" + run.project() + "#" + runPart(run);
    }

    static String projectSk(String project) {
        return "PROJECT#" + project;
    }

    /** Partition of a scenario: the scenario, its test and run links, its analyses. */
    static String scenarioPk(ScenarioKey key) {
        return "SCN#" + key.project() + "#" + key.fingerprint().value();
    }

    /** GSI1 and GSI2 partition listing a project's scenarios. */
    static String scenariosPk(String project) {
        return "SCNS#" + project;
    }

    /** GSI1 sort key: by occurrences (zero-padded so string order is numeric order). */
    static String byOccurrencesSk(long occurrences, Fingerprint fingerprint) {
        return String.format(Locale.ROOT, "%012d#%s", occurrences, fingerprint.value());
    }

    /** GSI2 sort key: by last seen. */
    static String byLastSeenSk(Instant lastSeen, Fingerprint fingerprint) {
        return time(lastSeen) + "#" + fingerprint.value();
    }

    static String scenarioTestSk(TestId test) {
        return TEST_PREFIX + test.value();
    }

    /** GSI2 sort key of a scenario link under its test. */
    static String testScenarioSk(Fingerprint fingerprint) {
        return SCENARIO_PREFIX + fingerprint.value();
    }

    static String scenarioRunSk(RunKey run) {
        return "RUN#" + runPart(run);
    }

    /** GSI1 partition listing the runs a scenario affected. */
    static String scenarioRunsPk(ScenarioKey key) {
        return "SCNRUNS#" + key.project() + "#" + key.fingerprint().value();
    }

    /** GSI1 sort key of a scenario's run link: newest first when read backwards. */
    static String scenarioRunsSk(Instant seenAt, RunKey run) {
        return time(seenAt) + "#" + runPart(run);
    }

    static String analysisSk(Instant createdAt, String analysisId) {
        return ANALYSIS_PREFIX + time(createdAt) + "#" + analysisId;
    }

    static String recommendationSk(String recommendationId) {
        return RECOMMENDATION_PREFIX + recommendationId;
    }

    /** GSI1 partition listing a project's recommendations in one status. */
    static String recommendationsPk(String project, String status) {
        return "RECS#" + project + "#" + status;
    }

    /** GSI1 sort key: highest priority first when read forwards, then oldest first. */
    static String recommendationsSk(int priority, Instant createdAt, Fingerprint fingerprint, String id) {
        return String.format(Locale.ROOT, "%02d#%s#%s#%s", 10 - priority, time(createdAt), fingerprint.value(), id);
    }

    /** Partition of a project's daily metrics ({@code *}: all projects together). */
    static String metricsPk(String project) {
        return "METRICS#" + project;
    }

    static String daySk(java.time.LocalDate day) {
        return DAY_PREFIX + day;
    }

    /** Partition of a project's daily model spend. */
    static String spendPk(String project) {
        return "SPEND#" + project;
    }

    static String deliveryPk(String kind, String id) {
        String part = id.length() <= MAX_VERBATIM_DELIVERY_ID ? id : "sha256:" + Sha256.hex(id);
        return "DELIVERY#" + kind + "#" + part;
    }

}
