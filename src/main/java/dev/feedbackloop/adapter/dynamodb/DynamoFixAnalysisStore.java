package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.regenerate.AnalysisKey;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixAnalysisStore;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link FixAnalysisStore} on the one table: one item per piece of fix work in its scenario's partition,
 * {@code SCN#<project>#<fingerprint>} / {@code FIX#<work id>} (docs/STORAGE.md), holding the claim, each model call
 * ({@code call1}, {@code call2}) and the recommendation as JSON documents. Every write is conditional: the claim on
 * the item's absence, a call on its round's, the result on its own, a release on there being no call and no result.
 * Kept without time to live, like recommendations. An item stays under DynamoDB's 400 KB: a source is at most
 * 48,000 characters, a raw response is cut to 20,000, so two calls and a draft take about 250 KB at most.
 */
public final class DynamoFixAnalysisStore implements FixAnalysisStore {

    static final String FIX_PREFIX = "FIX#";
    static final String TYPE = "type";
    static final String FIX_ANALYSIS_TYPE = "FIX_ANALYSIS";
    static final String PROJECT = "project";
    static final String FINGERPRINT = "fingerprint";
    static final String SOURCE_VERSION = "sourceVersion";
    static final String ANALYSIS_VERSION = "analysisVersion";
    static final String RECOMMENDATION_ID = "recommendationId";
    static final String CLAIMED_AT = "claimedAt";
    static final String RESULT = "result";

    private final Table table;
    private final Queries queries;

    public DynamoFixAnalysisStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
    }

    @Override
    public Optional<FixAnalysis> claim(AnalysisKey key, String recommendationId, Instant at) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(itemKey(key));
        item.put(TYPE, s(FIX_ANALYSIS_TYPE));
        item.put(PROJECT, s(key.scenario().project()));
        item.put(FINGERPRINT, s(key.scenario().fingerprint().value()));
        item.put(SOURCE_VERSION, s(key.sourceVersion()));
        item.put(ANALYSIS_VERSION, s(key.analysisVersion()));
        item.put(RECOMMENDATION_ID, s(recommendationId));
        item.put(CLAIMED_AT, Items.time(at));
        if (table.putIfAbsent("ClaimFixAnalysis", item)) {
            return Optional.empty();
        }
        return Optional.of(find(key).orElseThrow(() -> new IllegalStateException("fix analysis " + describe(key)
                + " was neither absent nor present")));
    }

    @Override
    public void recordCall(AnalysisKey key, ModelCall call) {
        String field = callField(call.round());
        table.callIf("RecordFixCall", describe(key), () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(itemKey(key))
                .updateExpression("SET #call = :call")
                .conditionExpression("attribute_exists(#claimed) AND attribute_not_exists(#call)")
                .expressionAttributeNames(Map.of("#call", field, "#claimed", CLAIMED_AT))
                .expressionAttributeValues(Map.of(":call", s(FixAnalysisItems.call(call))))));
    }

    @Override
    public void complete(AnalysisKey key, FixRecommendation recommendation) {
        table.callIf("CompleteFixAnalysis", describe(key), () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(itemKey(key))
                .updateExpression("SET #result = :result")
                .conditionExpression("attribute_exists(#claimed) AND attribute_not_exists(#result)")
                .expressionAttributeNames(Map.of("#result", RESULT, "#claimed", CLAIMED_AT))
                .expressionAttributeValues(Map.of(":result", s(FixAnalysisItems.recommendation(recommendation))))));
    }

    @Override
    public void release(AnalysisKey key) {
        table.callIf("ReleaseFixAnalysis", describe(key), () -> table.client.deleteItem(b -> b.tableName(table.name)
                .key(itemKey(key))
                .conditionExpression("attribute_not_exists(#c1) AND attribute_not_exists(#c2) "
                        + "AND attribute_not_exists(#result)")
                .expressionAttributeNames(Map.of("#c1", callField(1), "#c2", callField(2), "#result", RESULT))));
    }

    @Override
    public Optional<FixAnalysis> find(AnalysisKey key) {
        Map<String, AttributeValue> item = table.call("GetFixAnalysis", describe(key), () -> table.client.getItem(b -> b
                .tableName(table.name).key(itemKey(key)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(key, item));
    }

    @Override
    public List<FixAnalysis> ofScenario(ScenarioKey scenario, int limit) {
        List<FixAnalysis> all = new ArrayList<>();
        for (Map<String, AttributeValue> item : queries.all("FixAnalysesOfScenario", Keys.scenarioPk(scenario),
                FIX_PREFIX, List.of())) {
            all.add(fromItem(new AnalysisKey(scenario, Items.str(item, SOURCE_VERSION),
                    Items.str(item, ANALYSIS_VERSION)), item));
        }
        return all.stream().sorted(Comparator.comparing(FixAnalysis::claimedAt).reversed()).limit(limit).toList();
    }

    private static FixAnalysis fromItem(AnalysisKey key, Map<String, AttributeValue> item) {
        List<ModelCall> calls = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            Items.optStr(item, callField(round)).map(FixAnalysisItems::call).ifPresent(calls::add);
        }
        return new FixAnalysis(key, Items.str(item, RECOMMENDATION_ID), Items.instant(item, CLAIMED_AT), calls,
                Items.optStr(item, RESULT).map(FixAnalysisItems::recommendation));
    }

    private static Map<String, AttributeValue> itemKey(AnalysisKey key) {
        return Items.key(Keys.scenarioPk(key.scenario()), FIX_PREFIX + key.id());
    }

    private static String callField(int round) {
        return "call" + round;
    }

    private static String describe(AnalysisKey key) {
        return Keys.scenarioPk(key.scenario()) + "/" + FIX_PREFIX + key.id();
    }
}
