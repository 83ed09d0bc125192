package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.MetricsStore;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link MetricsStore} on the one table: {@code METRICS#<project>} / {@code DAY#<yyyy-MM-dd>}, written with a plain
 * PutItem (recomputing a day replaces it), read with one Query over a date range (docs/STORAGE.md).
 */
public final class DynamoMetricsStore implements MetricsStore {

    static final String TYPE = "type";
    static final String METRICS_TYPE = "METRICS";
    static final String PROJECT = "project";
    static final String DAY = "day";
    static final String RUNS = "runs";
    static final String TESTS = "tests";
    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String ERRORED = "errored";
    static final String SKIPPED = "skipped";
    static final String FLAKY = "flaky";
    static final String BY_CATEGORY = "failuresByCategory";
    static final String NEW_SCENARIOS = "newScenarios";
    static final String COMPUTED_AT = "computedAt";

    private final Table table;

    public DynamoMetricsStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
    }

    @Override
    public void put(DailyMetrics metrics) {
        Map<String, AttributeValue> item = toItem(metrics);
        table.call("PutMetrics", Items.describe(item),
                () -> table.client.putItem(b -> b.tableName(table.name).item(item)));
    }

    @Override
    public List<DailyMetrics> range(String project, LocalDate from, LocalDate to) {
        String pk = Keys.metricsPk(project);
        QueryRequest request = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK, "#sk", FeedbackTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(Keys.daySk(from)),
                        ":to", s(Keys.daySk(to))))
                .scanIndexForward(false)
                .build();
        return table.call("MetricsRange", pk, () -> table.client.queryPaginator(request).items().stream()
                .map(DynamoMetricsStore::fromItem).toList());
    }

    static Map<String, AttributeValue> toItem(DailyMetrics metrics) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.metricsPk(metrics.project()),
                Keys.daySk(metrics.day())));
        item.put(TYPE, s(METRICS_TYPE));
        item.put(PROJECT, s(metrics.project()));
        item.put(DAY, s(metrics.day().toString()));
        item.put(RUNS, n(metrics.runs()));
        item.put(TESTS, n(metrics.tests()));
        item.put(PASSED, n(metrics.passed()));
        item.put(FAILED, n(metrics.failed()));
        item.put(ERRORED, n(metrics.errored()));
        item.put(SKIPPED, n(metrics.skipped()));
        item.put(FLAKY, n(metrics.flaky()));
        Map<String, AttributeValue> byCategory = new LinkedHashMap<>();
        metrics.failuresByCategory().forEach((category, count) -> byCategory.put(category.name(), n(count)));
        item.put(BY_CATEGORY, AttributeValue.fromM(byCategory));
        item.put(NEW_SCENARIOS, n(metrics.newScenarios()));
        item.put(COMPUTED_AT, Items.time(metrics.computedAt()));
        return item;
    }

    static DailyMetrics fromItem(Map<String, AttributeValue> item) {
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        AttributeValue stored = item.get(BY_CATEGORY);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, count) -> byCategory.put(Category.valueOf(name), Long.parseLong(count.n())));
        }
        return new DailyMetrics(Items.str(item, PROJECT), LocalDate.parse(Items.str(item, DAY)), Items.num(item, RUNS),
                Items.num(item, TESTS), Items.num(item, PASSED), Items.num(item, FAILED), Items.num(item, ERRORED),
                Items.num(item, SKIPPED), Items.num(item, FLAKY), byCategory, Items.num(item, NEW_SCENARIOS),
                Items.instant(item, COMPUTED_AT));
    }
}
