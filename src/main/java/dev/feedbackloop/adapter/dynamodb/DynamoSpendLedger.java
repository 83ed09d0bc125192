package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.store.SpendLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link SpendLedger} on the one table: one item per project and UTC day ({@code SPEND#<project>} /
 * {@code DAY#<yyyy-MM-dd>}) holding {@code spentMicros}. Adding within a limit is one conditional UpdateItem
 * ({@code ADD} on condition that the sum stays within it), so concurrent Lambda invocations cannot together pass the
 * limit; corrections are unconditional {@code ADD}s. Items expire {@link #KEPT} after their day.
 */
public final class DynamoSpendLedger implements SpendLedger {

    static final String TYPE = "type";
    static final String SPEND_TYPE = "LLM_SPEND";
    static final String PROJECT = "project";
    static final String DAY = "day";
    static final String SPENT_MICROS = "spentMicros";
    /** How long a day's spend is kept: past any budget question, long enough to look back over a month. */
    static final Duration KEPT = Duration.ofDays(40);

    private final Table table;
    private final Clock clock;

    public DynamoSpendLedger(DynamoDbClient client, DynamoSettings settings, Clock clock) {
        this.table = new Table(client, settings);
        this.clock = clock;
    }

    @Override
    public boolean addWithin(String project, LocalDate day, long micros, long limitMicros) {
        if (micros > limitMicros) {
            return false;
        }
        String pk = Keys.spendPk(project);
        return table.callIf("AddSpendWithin", pk, () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Items.key(pk, Keys.daySk(day)))
                .updateExpression("SET #type = :type, #project = :project, #day = :day, #expires = :expires "
                        + "ADD #spent :micros")
                .conditionExpression("attribute_not_exists(#spent) OR #spent <= :room")
                .expressionAttributeNames(names())
                .expressionAttributeValues(Map.of(":type", s(SPEND_TYPE), ":project", s(project),
                        ":day", s(day.toString()), ":expires", n(expiry(day)), ":micros", n(micros),
                        ":room", n(limitMicros - micros)))));
    }

    @Override
    public void add(String project, LocalDate day, long micros) {
        String pk = Keys.spendPk(project);
        table.call("AddSpend", pk, () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Items.key(pk, Keys.daySk(day)))
                .updateExpression("SET #type = :type, #project = :project, #day = :day, #expires = :expires "
                        + "ADD #spent :micros")
                .expressionAttributeNames(names())
                .expressionAttributeValues(Map.of(":type", s(SPEND_TYPE), ":project", s(project),
                        ":day", s(day.toString()), ":expires", n(expiry(day)), ":micros", n(micros)))));
    }

    @Override
    public long spent(String project, LocalDate day) {
        String pk = Keys.spendPk(project);
        Map<String, AttributeValue> item = table.call("GetSpend", pk, () -> table.client.getItem(b -> b
                .tableName(table.name).key(Items.key(pk, Keys.daySk(day))).consistentRead(true)).item());
        return item == null || item.isEmpty() ? 0 : Items.numOr(item, SPENT_MICROS, 0);
    }

    private static Map<String, String> names() {
        return Map.of("#type", TYPE, "#project", PROJECT, "#day", DAY, "#expires", FeedbackTable.EXPIRES_AT,
                "#spent", SPENT_MICROS);
    }

    private long expiry(LocalDate day) {
        long dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return Math.max(dayEnd, clock.instant().getEpochSecond()) + KEPT.toSeconds();
    }
}
