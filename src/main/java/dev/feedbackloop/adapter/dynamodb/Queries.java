package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Paged queries: a partition (optionally a sort-key prefix) of the table or an index, in either direction. */
final class Queries {

    private final Table table;

    Queries(Table table) {
        this.table = table;
    }

    /**
     * One page of the items whose partition key {@code pkName} is {@code pk} and whose sort key {@code skName} starts
     * with {@code skPrefix} (any sort key when empty).
     *
     * @param index   index name, or null for the table
     * @param forward ascending sort-key order when true, descending when false
     */
    <T> Page<T> page(String operation, String index, String pkName, String pk, String skName, String skPrefix,
                     boolean forward, int limit, Optional<String> cursor,
                     Function<Map<String, AttributeValue>, T> mapper) {
        Page.requireLimit(limit);
        QueryRequest request = request(index, pkName, pk, skName, skPrefix, forward, Map.of())
                .limit(limit)
                .exclusiveStartKey(cursor.map(Cursors::decode).orElse(null))
                .build();
        QueryResponse response = table.call(operation, pk, () -> table.client.query(request));
        List<T> items = response.items().stream().map(mapper).toList();
        return new Page<>(items, response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey())
                : Optional.empty());
    }

    /**
     * How many items of partition {@code pk} have a sort key starting with {@code skPrefix}: Queries that return a
     * count only (DynamoDB still reads the items, in pages of 1 MB, but sends none of them).
     */
    long count(String operation, String index, String pkName, String pk, String skName, String skPrefix) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest request = request(index, pkName, pk, skName, skPrefix, true, Map.of())
                    .select(Select.COUNT)
                    .exclusiveStartKey(start)
                    .build();
            QueryResponse response = table.call(operation, pk, () -> table.client.query(request));
            count += response.count();
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /**
     * One page of the items of partition {@code pk} whose sort key {@code skName} lies between {@code from} and
     * {@code to}, both included, in sort-key order ({@code forward}) or backwards: a Query whose cost is that of the
     * items in the range, whatever else the partition holds.
     */
    <T> Page<T> range(String operation, String index, String pkName, String pk, String skName, String from,
                      String to, boolean forward, int limit, Optional<String> cursor,
                      Function<Map<String, AttributeValue>, T> mapper) {
        Page.requireLimit(limit);
        QueryRequest request = QueryRequest.builder()
                .tableName(table.name)
                .indexName(index)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(from), ":to", Items.s(to)))
                .scanIndexForward(forward)
                .limit(limit)
                .exclusiveStartKey(cursor.map(Cursors::decode).orElse(null))
                .build();
        QueryResponse response = table.call(operation, pk, () -> table.client.query(request));
        List<T> items = response.items().stream().map(mapper).toList();
        return new Page<>(items, response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey())
                : Optional.empty());
    }

    /**
     * The first item of the partition whose sort key is below {@code skBelow}, reading downwards: the item just
     * before a known one in sort-key order.
     */
    Optional<Map<String, AttributeValue>> justBelow(String operation, String index, String pkName, String pk,
                                                   String skName, String skBelow) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table.name)
                .indexName(index)
                .keyConditionExpression("#pk = :pk AND #sk < :sk")
                .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":sk", Items.s(skBelow)))
                .scanIndexForward(false)
                .limit(1)
                .build();
        QueryResponse response = table.call(operation, pk, () -> table.client.query(request));
        return response.items().stream().findFirst();
    }

    /** The newest item of a partition with the prefix, only {@code projection}; empty when there is none. */
    Optional<Map<String, AttributeValue>> newest(String operation, String pk, String skPrefix,
                                                 List<String> projection) {
        Map<String, String> names = new LinkedHashMap<>();
        StringJoiner expression = new StringJoiner(", ");
        for (int i = 0; i < projection.size(); i++) {
            names.put("#p" + i, projection.get(i));
            expression.add("#p" + i);
        }
        QueryRequest request = request(null, FeedbackTable.PK, pk, FeedbackTable.SK, skPrefix, false, names)
                .projectionExpression(expression.toString())
                .limit(1)
                .build();
        QueryResponse response = table.call(operation, pk, () -> table.client.query(request));
        return response.items().stream().findFirst();
    }

    /** Every item of the partition with the prefix, all pages, strongly consistent, only {@code projection}. */
    List<Map<String, AttributeValue>> all(String operation, String pk, String skPrefix, List<String> projection) {
        Map<String, String> names = new LinkedHashMap<>();
        StringJoiner expression = new StringJoiner(", ");
        for (int i = 0; i < projection.size(); i++) {
            names.put("#p" + i, projection.get(i));
            expression.add("#p" + i);
        }
        QueryRequest request = request(null, FeedbackTable.PK, pk, FeedbackTable.SK, skPrefix, true, names)
                .consistentRead(true)
                .projectionExpression(projection.isEmpty() ? null : expression.toString())
                .build();
        return table.call(operation, pk, () -> table.client.queryPaginator(request).items().stream().toList());
    }

    private QueryRequest.Builder request(String index, String pkName, String pk, String skName, String skPrefix,
                                         boolean forward, Map<String, String> extraNames) {
        boolean prefixed = skPrefix != null && !skPrefix.isEmpty();
        Map<String, String> names = new LinkedHashMap<>(extraNames);
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#pk", pkName);
        values.put(":pk", Items.s(pk));
        if (prefixed) {
            names.put("#sk", skName);
            values.put(":sk", Items.s(skPrefix));
        }
        return QueryRequest.builder()
                .tableName(table.name)
                .indexName(index)
                .keyConditionExpression(prefixed ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(forward);
    }
}
