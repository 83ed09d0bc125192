package dev.feedbackloop.adapter.dynamodb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An UpdateItem that sets every non-key attribute of a mapped item, so the mapping stays the one definition of an
 * item's shape, while attributes other stages add to the same item survive (a Put would erase them).
 */
final class Updates {

    private Updates() {
    }

    /**
     * A transactional update setting all attributes of {@code item} but its keys, under {@code condition}.
     *
     * @param condition       condition expression; may use {@code #c0..} names and {@code :c0..} values given
     * @param conditionNames  names the condition uses
     * @param conditionValues values the condition uses
     */
    static Update setAll(String table, Map<String, AttributeValue> item, String condition,
                         Map<String, String> conditionNames, Map<String, AttributeValue> conditionValues) {
        Map<String, String> names = new LinkedHashMap<>(conditionNames);
        Map<String, AttributeValue> values = new LinkedHashMap<>(conditionValues);
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (attribute.getKey().equals(FeedbackTable.PK) || attribute.getKey().equals(FeedbackTable.SK)) {
                continue;
            }
            names.put("#u" + i, attribute.getKey());
            values.put(":u" + i, attribute.getValue());
            set.add("#u" + i + " = :u" + i);
            i++;
        }
        return Update.builder()
                .tableName(table)
                .key(Items.key(item.get(FeedbackTable.PK).s(), item.get(FeedbackTable.SK).s()))
                .updateExpression(set.toString())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }
}
