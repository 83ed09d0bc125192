package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportCompletion;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link RunStore} on the one DynamoDB table, through the low-level client. Key shapes and access patterns:
 * docs/STORAGE.md.
 */
public final class DynamoRunStore implements RunStore {

    private final Table table;
    private final Queries queries;
    private final BatchWriter batches;
    private final BatchReader reader;
    private final Clock clock;

    public DynamoRunStore(DynamoDbClient client, DynamoSettings settings, Clock clock) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
        this.batches = new BatchWriter(table);
        this.reader = new BatchReader(table);
        this.clock = clock;
    }

    /**
     * One TransactWriteItems: the run, on condition that it is new, and the project's registry entry (so that the
     * daily rollup can list projects without a Scan). When the run exists, the stored one is returned unchanged.
     */
    @Override
    public StoredRun putRun(Run run, Instant recordedAt) {
        StoredRun fresh = StoredRun.recorded(run, recordedAt);
        Map<String, AttributeValue> item = ItemSize.check("PutRun", RunItems.toItem(fresh));
        Put put = Put.builder().tableName(table.name).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))
                .build();
        String project = run.key().project();
        Update registry = Update.builder().tableName(table.name)
                .key(Items.key(Keys.PROJECTS_PK, Keys.projectSk(project)))
                .updateExpression("SET #project = :project, #last = :at, #first = if_not_exists(#first, :at)")
                .expressionAttributeNames(Map.of("#project", RunItems.PROJECT, "#last", RunItems.LAST_RUN_AT,
                        "#first", RunItems.FIRST_RUN_AT))
                .expressionAttributeValues(Map.of(":project", s(project), ":at", Items.time(recordedAt)))
                .build();
        Optional<TransactionCanceledException> cancelled = table.transact("PutRun", Items.describe(item),
                List.of(TransactWriteItem.builder().put(put).build(), TransactWriteItem.builder().update(registry)
                        .build()));
        if (cancelled.isEmpty()) {
            return fresh;
        }
        if (!Table.conditionFailed(cancelled.get(), 0)) {
            throw new StoreException("PutRun", Items.describe(item), Table.reasons(cancelled.get()), cancelled.get());
        }
        return findRun(run.key()).orElseThrow(() -> new StoreException("PutRun", Items.describe(item),
                "run exists but cannot be read back", cancelled.get()));
    }

    @Override
    public Optional<StoredRun> findRun(RunKey key) {
        Map<String, AttributeValue> itemKey = RunItems.key(key);
        GetItemResponse response = table.call("GetRun", Items.describe(itemKey),
                () -> table.client.getItem(b -> b.tableName(table.name).key(itemKey).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RunItems.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public Page<String> listProjects(int limit, Optional<String> cursor) {
        return queries.page("ListProjects", null, FeedbackTable.PK, Keys.PROJECTS_PK, FeedbackTable.SK, "PROJECT#",
                true, limit, cursor, item -> Items.str(item, RunItems.PROJECT));
    }

    @Override
    public Page<StoredRun> listRuns(String project, int limit, Optional<String> cursor) {
        return queries.page("ListRuns", FeedbackTable.GSI1, FeedbackTable.GSI1PK, Keys.runsPk(project),
                FeedbackTable.GSI1SK, "", false, limit, cursor, RunItems::fromItem);
    }

    /**
     * One Query per page on the project's runs (GSI1) for the sort keys of the time range: sort keys start with the
     * run time, so {@code [time(from), time(to))} holds exactly the runs of the range.
     */
    @Override
    public Page<StoredRun> runsBetween(String project, Instant from, Instant to, int limit, Optional<String> cursor) {
        RunStore.requireRange(from, to);
        return queries.range("RunsBetween", FeedbackTable.GSI1, FeedbackTable.GSI1PK, Keys.runsPk(project),
                FeedbackTable.GSI1SK, Keys.time(from), Keys.time(to), true, limit, cursor, RunItems::fromItem);
    }

    /** One Query on the branch's runs (GSI2), or the project's (GSI1), for the sort key just below the run's. */
    @Override
    public Optional<StoredRun> previousRun(StoredRun run) {
        String below = Keys.runsSk(run.runTime(), run.key());
        String project = run.key().project();
        Optional<Map<String, AttributeValue>> item = run.run().branch()
                .map(branch -> queries.justBelow("PreviousRunOnBranch", FeedbackTable.GSI2, FeedbackTable.GSI2PK,
                        Keys.branchRunsPk(project, Items.cap(branch, RunItems.MAX_BRANCH)), FeedbackTable.GSI2SK,
                        below))
                .orElseGet(() -> queries.justBelow("PreviousRun", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                        Keys.runsPk(project), FeedbackTable.GSI1SK, below));
        return item.map(RunItems::fromItem);
    }

    /**
     * One TransactWriteItems: a marker for the report, on condition that it is new, and ADD of its counts to the run.
     * A second completion of the same report fails the marker's condition and changes nothing.
     */
    @Override
    public boolean completeRun(RunKey key, String reportId, RunCounts counts) {
        if (reportId == null || reportId.isBlank() || reportId.length() > 200) {
            throw new IllegalArgumentException("report id must be 1-200 characters, was '" + reportId + "'");
        }
        List<TransactWriteItem> actions = completion(key, reportId, counts);
        String marker = Items.describe(actions.get(0).put().item());
        Optional<TransactionCanceledException> cancelled = table.transact("CompleteRun", marker, actions);
        if (cancelled.isEmpty()) {
            return true;
        }
        if (Table.conditionFailed(cancelled.get(), 1)) {
            throw new StoreException("CompleteRun", Keys.runPk(key) + "/" + Keys.RUN_SK, "run not recorded; put it"
                    + " first", cancelled.get());
        }
        if (Table.conditionFailed(cancelled.get(), 0)) {
            return false;
        }
        throw new StoreException("CompleteRun", marker, Table.reasons(cancelled.get()), cancelled.get());
    }

    /** The marker, on condition that it is new, and ADD of the report's counts to the run, on condition it exists. */
    private List<TransactWriteItem> completion(RunKey key, String reportId, RunCounts counts) {
        Map<String, AttributeValue> marker = new LinkedHashMap<>(Items.key(Keys.runPk(key), Keys.reportSk(reportId)));
        marker.put(RunItems.TYPE, s("REPORT"));
        marker.put(RunItems.COMPLETED_AT, Items.time(clock.instant()));
        Put put = Put.builder().tableName(table.name).item(marker)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))
                .build();
        Map<String, AttributeValue> values = new HashMap<>(RunItems.countValues(counts));
        values.put(":complete", s("COMPLETE"));
        Update add = Update.builder().tableName(table.name).key(RunItems.key(key))
                .updateExpression(RunItems.ADD_COUNTS)
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK, "#state", RunItems.STATE))
                .expressionAttributeValues(values)
                .build();
        return List.of(TransactWriteItem.builder().put(put).build(), TransactWriteItem.builder().update(add).build());
    }

    /**
     * Where writes are transactions (DynamoDB Local), up to 50 completions a TransactWriteItems, no run twice in one
     * (each adds to its run's item); a cancelled one (a report completed before, a run not recorded) is done again
     * one {@link #completeRun} each, which answers or fails as it does alone. Elsewhere one {@link #completeRun} each.
     */
    @Override
    public int completeRuns(List<ReportCompletion> completions) {
        List<TransactionBatches.Write> writes = new ArrayList<>(completions.size());
        for (ReportCompletion completion : completions) {
            List<TransactWriteItem> actions = completion(completion.run(), completion.reportId(),
                    completion.counts());
            writes.add(new TransactionBatches.Write(actions, Set.of(Items.describe(actions.get(0).put().item()),
                    Items.describe(RunItems.key(completion.run()))), ItemSize.of(actions.get(0).put().item()),
                    () -> completeRun(completion.run(), completion.reportId(), completion.counts())));
        }
        return new TransactionBatches(table).writeAll("CompleteRuns", writes);
    }

    @Override
    public boolean reportCompleted(RunKey key, String reportId) {
        Map<String, AttributeValue> itemKey = Items.key(Keys.runPk(key), Keys.reportSk(reportId));
        GetItemResponse response = table.call("GetReport", Items.describe(itemKey),
                () -> table.client.getItem(b -> b.tableName(table.name).key(itemKey).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty();
    }

    @Override
    public ResultWriter openResults(StoredRun run) {
        return new DynamoResultWriter(batches, run, table.rawExpiry(run.recordedAt()));
    }

    @Override
    public Page<HistoryEntry> history(String project, TestId test, int limit, Optional<String> cursor) {
        return queries.page("History", null, FeedbackTable.PK, Keys.testPk(project, test), FeedbackTable.SK,
                Keys.RESULT_PREFIX, false, limit, cursor, ResultItems::historyFrom);
    }

    @Override
    public Page<ResultRecord> results(RunKey run, int limit, Optional<String> cursor) {
        return queries.page("RunResults", FeedbackTable.GSI1, FeedbackTable.GSI1PK, Keys.runPk(run),
                FeedbackTable.GSI1SK, Keys.RESULT_PREFIX, true, limit, cursor, ResultItems::fromItem);
    }

    @Override
    public Page<ResultRecord> failingResults(RunKey run, int limit, Optional<String> cursor) {
        return queries.page("FailingResults", FeedbackTable.GSI2, FeedbackTable.GSI2PK, Keys.failingPk(run),
                FeedbackTable.GSI2SK, "", true, limit, cursor, ResultItems::fromItem);
    }

    @Override
    public Page<ResultRecord> flakyResults(RunKey run, int limit, Optional<String> cursor) {
        return queries.page("FlakyResults", FeedbackTable.GSI2, FeedbackTable.GSI2PK, Keys.flakyPk(run),
                FeedbackTable.GSI2SK, "", true, limit, cursor, ResultItems::fromItem);
    }

    /** BatchGetItem of the results' keys: a result is keyed by its test and the run's time. */
    @Override
    public List<ResultRecord> resultsOf(StoredRun run, Collection<TestId> tests) {
        String project = run.key().project();
        String sk = Keys.resultSk(run.runTime(), run.key());
        List<Map<String, AttributeValue>> keys = tests.stream()
                .map(test -> Items.key(Keys.testPk(project, test), sk)).toList();
        return reader.get("ResultsOf", keys).stream().map(ResultItems::fromItem).toList();
    }

    /** BatchGetItem of every run's tests together, 100 keys a request. */
    @Override
    public Map<RunKey, List<ResultRecord>> resultsOfRuns(Map<StoredRun, ? extends Collection<TestId>> tests) {
        Map<RunKey, List<ResultRecord>> found = new LinkedHashMap<>();
        Map<String, RunKey> runOfKey = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        tests.forEach((run, ofRun) -> {
            found.put(run.key(), new ArrayList<>());
            String sk = Keys.resultSk(run.runTime(), run.key());
            for (TestId test : ofRun) {
                Map<String, AttributeValue> key = Items.key(Keys.testPk(run.key().project(), test), sk);
                keys.add(key);
                runOfKey.put(Items.describe(key), run.key());
            }
        });
        for (Map<String, AttributeValue> item : reader.get("ResultsOfRuns", keys)) {
            found.get(runOfKey.get(Items.describe(item))).add(ResultItems.fromItem(item));
        }
        return found;
    }

    @Override
    public Optional<TestCase> latestTestCase(String project, TestId test) {
        return queries.newest("LatestTestCase", Keys.testPk(project, test), Keys.RESULT_PREFIX,
                ResultItems.TEST_ATTRIBUTES).map(ResultItems::testCaseFrom);
    }

    /** BatchGetItem of the runs' keys, 100 a request. */
    @Override
    public Map<RunKey, StoredRun> findRuns(Collection<RunKey> keys) {
        Map<RunKey, StoredRun> found = new LinkedHashMap<>();
        reader.get("GetRuns", keys.stream().map(RunItems::key).toList()).stream().map(RunItems::fromItem)
                .forEach(run -> found.put(run.key(), run));
        return found;
    }

    /**
     * A test's newest result is found by a Query, which cannot be batched; but the health step keeps each test's
     * suite, name and file as its latest report gave them on the test's health item, which can. So: one
     * BatchGetItem per 100 tests of those labels (two attributes each), and {@link #latestTestCase} for a test with
     * no health item or a label that may have been cut. A test whose results expired keeps its name this way.
     */
    @Override
    public Map<TestId, TestCase> latestTestCases(String project, Collection<TestId> tests) {
        List<TestId> distinct = List.copyOf(new java.util.LinkedHashSet<>(tests));
        Map<TestId, TestLabel> labels = new java.util.HashMap<>();
        for (Map<String, AttributeValue> item : reader.get("TestLabels", distinct.stream()
                .map(test -> HealthItems.healthKey(project, test)).toList(), HealthItems.LABEL_ATTRIBUTES)) {
            HealthItems.uncutLabel(item).ifPresent(label -> labels.put(new TestId(Items.str(item, "testId")), label));
        }
        Map<TestId, TestCase> found = new LinkedHashMap<>();
        for (TestId test : distinct) {
            TestLabel label = labels.get(test);
            if (label != null) {
                found.put(test, new TestCase(label.suite(), label.name(), label.file(), OptionalInt.empty(),
                        List.of(), Map.of()));
            } else {
                latestTestCase(project, test).ifPresent(t -> found.put(test, t));
            }
        }
        return found;
    }
}
