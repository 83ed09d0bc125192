package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ScenarioStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link ScenarioStore} on the one DynamoDB table, through the low-level client. Key shapes and access patterns:
 * docs/STORAGE.md; how occurrences are counted once: {@link OccurrenceRecorder}.
 */
public final class DynamoScenarioStore implements ScenarioStore {

    private final Table table;
    private final Queries queries;
    private final OccurrenceRecorder recorder;
    private final BatchReader reader;
    /** TransactWriteItems takes at most 100 actions. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private final Clock clock;

    public DynamoScenarioStore(DynamoDbClient client, DynamoSettings settings, Clock clock) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
        this.recorder = new OccurrenceRecorder(table);
        this.reader = new BatchReader(table);
        this.clock = clock;
    }

    @Override
    public OccurrenceOutcome recordOccurrences(RunKey run, Instant seenAt, List<ScenarioObservation> observations) {
        return recorder.record(run, seenAt, observations, clock.instant());
    }

    @Override
    public Optional<Scenario> find(ScenarioKey key) {
        Map<String, AttributeValue> itemKey = ScenarioItems.key(key);
        GetItemResponse response = table.call("GetScenario", Items.describe(itemKey),
                () -> table.client.getItem(b -> b.tableName(table.name).key(itemKey).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ScenarioItems.fromItem(response.item())) : Optional.empty();
    }

    /** BatchGetItem, strongly consistent, 100 keys a request. */
    @Override
    public Map<ScenarioKey, Scenario> findAll(Collection<ScenarioKey> keys) {
        Map<ScenarioKey, Scenario> found = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : reader.get("GetScenarios", keys.stream().map(ScenarioItems::key)
                .toList())) {
            Scenario scenario = ScenarioItems.fromItem(item);
            found.put(scenario.key(), scenario);
        }
        return found;
    }

    @Override
    public Page<Scenario> mostFrequent(String project, int limit, Optional<String> cursor) {
        return queries.page("MostFrequentScenarios", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                Keys.scenariosPk(project), FeedbackTable.GSI1SK, "", false, limit, cursor, ScenarioItems::fromItem);
    }

    @Override
    public Page<Scenario> recentlySeen(String project, int limit, Optional<String> cursor) {
        return queries.page("RecentScenarios", FeedbackTable.GSI2, FeedbackTable.GSI2PK, Keys.scenariosPk(project),
                FeedbackTable.GSI2SK, "", false, limit, cursor, ScenarioItems::fromItem);
    }

    /** One Query per page on the project's scenarios by last seen (GSI2), from the sort key of {@code since} up. */
    @Override
    public Page<Scenario> seenSince(String project, Instant since, int limit, Optional<String> cursor) {
        Objects.requireNonNull(since, "since");
        return queries.range("ScenariosSeenSince", FeedbackTable.GSI2, FeedbackTable.GSI2PK,
                Keys.scenariosPk(project), FeedbackTable.GSI2SK, Keys.time(since), "~", true, limit, cursor,
                ScenarioItems::fromItem);
    }

    @Override
    public Page<AffectedTest> affectedTests(ScenarioKey key, int limit, Optional<String> cursor) {
        return queries.page("AffectedTests", null, FeedbackTable.PK, Keys.scenarioPk(key), FeedbackTable.SK,
                Keys.TEST_PREFIX, true, limit, cursor, ScenarioItems::testLinkFrom);
    }

    @Override
    public Page<AffectedRun> affectedRuns(ScenarioKey key, int limit, Optional<String> cursor) {
        return queries.page("AffectedRuns", FeedbackTable.GSI1, FeedbackTable.GSI1PK, Keys.scenarioRunsPk(key),
                FeedbackTable.GSI1SK, "", false, limit, cursor, ScenarioItems::runLinkFrom);
    }

    @Override
    public Page<AffectedTest> scenariosOfTest(String project, TestId test, int limit, Optional<String> cursor) {
        return queries.page("ScenariosOfTest", FeedbackTable.GSI2, FeedbackTable.GSI2PK, Keys.testPk(project, test),
                FeedbackTable.GSI2SK, Keys.SCENARIO_PREFIX, true, limit, cursor, ScenarioItems::testLinkFrom);
    }

    /** A PutItem on condition the analysis is new; a ConditionalCheckFailed means it was stored before. */
    @Override
    public boolean putAnalysis(Analysis analysis) {
        return table.putIfAbsent("PutAnalysis", ItemSize.check("PutAnalysis", AnalysisItems.toItem(analysis)));
    }

    /**
     * Where item writes go in transactions (the embedded DynamoDB Local: {@link BatchWrites#TRANSACTIONS}),
     * TransactWriteItems of conditional puts, up to 100 and 3.5 MB a transaction (an outage's report has well over
     * 100 scenarios); else one PutItem each, as {@link #putAnalysis}: a transactional write costs DynamoDB two write
     * units. A transaction cancelled because some of its analyses were stored before (a redelivered report) names
     * them; it is sent again without them, so what is stored and counted is what putting each in turn gives.
     * Any other cancellation (a conflicting write) leaves its analyses to one {@link #putAnalysis} each.
     */
    @Override
    public int putAnalyses(List<Analysis> analyses) {
        // The first of two analyses with one key is stored and the second refused, as by putAnalysis in turn.
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (Analysis analysis : analyses) {
            Map<String, AttributeValue> item = ItemSize.check("PutAnalysis", AnalysisItems.toItem(analysis));
            items.putIfAbsent(item.get(FeedbackTable.PK).s() + "\u0000" + item.get(FeedbackTable.SK).s(), item);
        }
        if (table.settings.batchWrites() != BatchWrites.TRANSACTIONS || items.size() < 2) {
            return putAnalysesEach(items.values());
        }
        int stored = 0;
        List<Map<String, AttributeValue>> chunk = new ArrayList<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : items.values()) {
            long size = ItemSize.of(item);
            if (!chunk.isEmpty() && (chunk.size() == MAX_TRANSACTION_ITEMS
                    || bytes + size > BatchWrites.MAX_TRANSACTION_BYTES)) {
                stored += putAnalysesTogether(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(item);
            bytes += size;
        }
        return stored + putAnalysesTogether(chunk);
    }

    /** One transaction of conditional puts, again without those it found stored; how many it stored. */
    private int putAnalysesTogether(List<Map<String, AttributeValue>> chunk) {
        List<Map<String, AttributeValue>> pending = chunk;
        while (pending.size() > 1) {
            List<TransactWriteItem> actions = pending.stream().map(item -> TransactWriteItem.builder()
                    .put(Put.builder().tableName(table.name).item(item)
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK)).build()).build()).toList();
            Optional<TransactionCanceledException> cancelled = table.transact("PutAnalyses",
                    Items.describe(pending.get(0)), actions);
            if (cancelled.isEmpty()) {
                return pending.size();
            }
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!Table.conditionFailed(cancelled.get(), i)) {
                    left.add(pending.get(i));
                }
            }
            if (left.size() == pending.size()) { // cancelled for another reason than a stored analysis
                return putAnalysesEach(pending);
            }
            pending = left;
        }
        return putAnalysesEach(pending);
    }

    private int putAnalysesEach(Collection<Map<String, AttributeValue>> items) {
        int stored = 0;
        for (Map<String, AttributeValue> item : items) {
            if (table.putIfAbsent("PutAnalysis", item)) {
                stored++;
            }
        }
        return stored;
    }

    @Override
    public Page<Analysis> analyses(ScenarioKey key, int limit, Optional<String> cursor) {
        return queries.page("Analyses", null, FeedbackTable.PK, Keys.scenarioPk(key), FeedbackTable.SK,
                Keys.ANALYSIS_PREFIX, false, limit, cursor, AnalysisItems::fromItem);
    }
}
