package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ProjectRules;
import dev.feedbackloop.store.ProjectRulesStore;
import dev.feedbackloop.store.StoreConflictException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ProjectRulesStore} on the one table: one item per version under {@code RULES#<project>}, sort key
 * {@code V#<version>}; the newest is one query (descending, limit 1, consistent). A new version is a conditional put
 * of the next number, so two concurrent saves cannot share a number: the loser reads again and takes the next.
 */
public final class DynamoProjectRulesStore implements ProjectRulesStore {

    static final String TYPE_RULES = "PROJECT_RULES";
    static final String PROJECT = "project";
    static final String VERSION = "version";
    static final String TEXT = "text";
    static final String DIGEST = "digest";
    static final String SAVED_AT = "savedAt";
    private static final int ATTEMPTS = 5;

    private final Table table;

    public DynamoProjectRulesStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
    }

    @Override
    public Optional<ProjectRules> current(String project) {
        String pk = Keys.rulesPk(RunKey.requireProjectKey(project));
        QueryResponse response = table.call("QueryProjectRules", pk, () -> table.client.query(b -> b
                .tableName(table.name).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(pk)))
                .scanIndexForward(false).limit(1).consistentRead(true)));
        return response.items().stream().findFirst().map(DynamoProjectRulesStore::rules);
    }

    @Override
    public ProjectRules save(String project, String text, Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<ProjectRules> newest = current(project);
            if (newest.isPresent() && newest.get().digest().equals(ProjectRules.digestOf(text))) {
                return newest.get();
            }
            ProjectRules next = ProjectRules.of(project, newest.map(r -> r.version() + 1).orElse(1), text, now);
            Map<String, AttributeValue> item = item(next);
            if (table.callIf("PutProjectRules", Items.describe(item), () -> table.client.putItem(b -> b
                    .tableName(table.name).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))))) {
                return next;
            }
        }
        throw new StoreConflictException("PutProjectRules", Keys.rulesPk(project), ATTEMPTS, null);
    }

    private static Map<String, AttributeValue> item(ProjectRules rules) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.rulesPk(rules.project()),
                Keys.rulesSk(rules.version())));
        item.put(DynamoDeliveryStore.TYPE, s(TYPE_RULES));
        item.put(PROJECT, s(rules.project()));
        item.put(VERSION, n(rules.version()));
        item.put(TEXT, s(rules.text()));
        item.put(DIGEST, s(rules.digest()));
        item.put(SAVED_AT, Items.time(rules.savedAt()));
        return item;
    }

    private static ProjectRules rules(Map<String, AttributeValue> item) {
        try {
            return new ProjectRules(Items.str(item, PROJECT), (int) Items.num(item, VERSION), Items.str(item, TEXT),
                    Items.str(item, DIGEST), Items.instant(item, SAVED_AT));
        } catch (IllegalArgumentException e) {
            throw Items.corrupt(item, TEXT, e.getMessage());
        }
    }
}
