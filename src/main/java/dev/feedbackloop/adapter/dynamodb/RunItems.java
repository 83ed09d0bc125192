package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.cap;
import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoredRun;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The run item: attribute names and mapping, defined once. */
final class RunItems {

    static final String TYPE = "type";
    static final String RUN_TYPE = "RUN";
    static final String PROJECT = "project";
    static final String RUN_ID = "runId";
    static final String RUN_ATTEMPT = "runAttempt";
    static final String COMMIT = "commit";
    static final String BRANCH = "branch";
    static final String CI_PROVIDER = "ciProvider";
    static final String BUILD_URL = "buildUrl";
    static final String STARTED_AT = "startedAt";
    static final String FINISHED_AT = "finishedAt";
    static final String ENVIRONMENT = "environment";
    static final String RECORDED_AT = "recordedAt";
    static final String RUN_TIME = "runTime";
    static final String STATE = "state";
    static final String TESTS = "tests";
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String ERRORED = "errored";
    static final String SKIPPED = "skipped";
    static final String FLAKY = "flaky";
    static final String DURATION_MS = "durationMs";
    static final String COMPLETED_AT = "completedAt";
    static final String FIRST_RUN_AT = "firstRunAt";
    static final String LAST_RUN_AT = "lastRunAt";

    /** Longest branch kept (and so a key part of the branch index: at most 2,000 bytes of UTF-8, under the 2 KB). */
    static final int MAX_BRANCH = 500;

    private RunItems() {
    }

    static Map<String, AttributeValue> key(RunKey run) {
        return Items.key(Keys.runPk(run), Keys.RUN_SK);
    }

    static Map<String, AttributeValue> toItem(StoredRun stored) {
        Run run = stored.run();
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(run.key()));
        item.put(FeedbackTable.GSI1PK, s(Keys.runsPk(run.key().project())));
        item.put(FeedbackTable.GSI1SK, s(Keys.runsSk(stored.runTime(), run.key())));
        run.branch().ifPresent(branch -> {
            item.put(FeedbackTable.GSI2PK, s(Keys.branchRunsPk(run.key().project(), cap(branch, MAX_BRANCH))));
            item.put(FeedbackTable.GSI2SK, s(Keys.runsSk(stored.runTime(), run.key())));
        });
        item.put(TYPE, s(RUN_TYPE));
        item.put(PROJECT, s(run.key().project()));
        item.put(RUN_ID, s(run.key().runId()));
        item.put(RUN_ATTEMPT, n(run.key().attempt()));
        Items.putIfPresent(item, COMMIT, run.commitSha().map(c -> cap(c, 100)));
        Items.putIfPresent(item, BRANCH, run.branch().map(b -> cap(b, MAX_BRANCH)));
        Items.putIfPresent(item, CI_PROVIDER, run.ciProvider().map(c -> cap(c, 100)));
        Items.putIfPresent(item, BUILD_URL, run.buildUrl().map(u -> cap(u, 2000)));
        run.startedAt().ifPresent(t -> item.put(STARTED_AT, Items.time(t)));
        run.finishedAt().ifPresent(t -> item.put(FINISHED_AT, Items.time(t)));
        item.put(ENVIRONMENT, Items.stringMap(cap(run.environment(), 50, 100, 1000)));
        item.put(RECORDED_AT, Items.time(stored.recordedAt()));
        item.put(RUN_TIME, Items.time(stored.runTime()));
        item.put(STATE, s(stored.state().name()));
        putCounts(item, stored.counts());
        return item;
    }

    private static void putCounts(Map<String, AttributeValue> item, RunCounts counts) {
        item.put(TESTS, n(counts.tests()));
        item.put(PASSED, n(counts.passed()));
        item.put(FAILED, n(counts.failed()));
        item.put(ERRORED, n(counts.errored()));
        item.put(SKIPPED, n(counts.skipped()));
        item.put(FLAKY, n(counts.flaky()));
        item.put(DURATION_MS, n(counts.durationMillis()));
    }

    static StoredRun fromItem(Map<String, AttributeValue> item) {
        RunKey key = new RunKey(Items.str(item, PROJECT), Items.str(item, RUN_ID), (int) Items.num(item, RUN_ATTEMPT));
        Run run = new Run(key, Items.optStr(item, COMMIT), Items.optStr(item, BRANCH), Items.optStr(item, CI_PROVIDER),
                Items.optStr(item, BUILD_URL), Items.optInstant(item, STARTED_AT), Items.optInstant(item, FINISHED_AT),
                Items.stringMap(item, ENVIRONMENT));
        RunCounts counts = new RunCounts(Items.num(item, TESTS), Items.num(item, PASSED), Items.num(item, FAILED),
                Items.num(item, ERRORED), Items.num(item, SKIPPED), Items.num(item, FLAKY),
                Items.num(item, DURATION_MS));
        return new StoredRun(run, Items.instant(item, RECORDED_AT), Items.enumValue(item, STATE, RunState.class),
                counts);
    }

    /** Values for {@code ADD} of one report's counts to the run. */
    static Map<String, AttributeValue> countValues(RunCounts counts) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":tests", n(counts.tests()));
        values.put(":passed", n(counts.passed()));
        values.put(":failed", n(counts.failed()));
        values.put(":errored", n(counts.errored()));
        values.put(":skipped", n(counts.skipped()));
        values.put(":flaky", n(counts.flaky()));
        values.put(":duration", n(counts.durationMillis()));
        return values;
    }

    /** The update expression adding {@link #countValues} and marking the run complete. */
    static final String ADD_COUNTS = "ADD " + TESTS + " :tests, " + PASSED + " :passed, " + FAILED + " :failed, "
            + ERRORED + " :errored, " + SKIPPED + " :skipped, " + FLAKY + " :flaky, " + DURATION_MS + " :duration "
            + "SET #state = :complete";
}
