package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.ProposedFix;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RegenerationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link RecommendationStore} on the one table: {@code SCN#<project>#<fingerprint>} / {@code REC#<id>}, listed per
 * project and status on GSI1, highest priority first (docs/STORAGE.md). Kept without time to live.
 */
public final class DynamoRecommendationStore implements RecommendationStore {

    static final String TYPE = "type";
    static final String RECOMMENDATION_TYPE = "RECOMMENDATION";
    static final String PROJECT = "project";
    static final String FINGERPRINT = "fingerprint";
    static final String RECOMMENDATION_ID = "recommendationId";
    static final String STATUS = "status";
    static final String PENDING = "PENDING";
    /** A pending recommendation with a proposed fix, not yet a draft of the recommendation stage. */
    static final String PROPOSED = "PROPOSED";
    static final String CATEGORY = "category";
    static final String PRIORITY = "priority";
    static final String RUN_ID = "runId";
    static final String RUN_ATTEMPT = "runAttempt";
    static final String TESTS = "tests";
    static final String REQUESTED_AT = "requestedAt";
    static final String RECEIVED_AT = "receivedAt";

    private final Table table;
    private final Queries queries;

    public DynamoRecommendationStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
    }

    @Override
    public boolean putPending(PendingRecommendation recommendation) {
        return table.putIfAbsent("PutRecommendation", ItemSize.check("PutRecommendation", toItem(recommendation)));
    }

    /**
     * Where writes are transactions (DynamoDB Local), TransactWriteItems of up to 100 conditional puts; a cancelled
     * one (a request recorded before) is done again one {@link #putPending} each. Elsewhere one PutItem each.
     */
    @Override
    public List<Boolean> putPendingAll(List<PendingRecommendation> recommendations) {
        List<TransactionBatches.Write> writes = new ArrayList<>(recommendations.size());
        for (PendingRecommendation recommendation : recommendations) {
            Map<String, AttributeValue> item = ItemSize.check("PutRecommendation", toItem(recommendation));
            writes.add(new TransactionBatches.Write(List.of(TransactWriteItem.builder().put(Put.builder()
                    .tableName(table.name).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK)).build()).build()),
                    Set.of(Items.describe(item)), ItemSize.of(item), () -> putPending(recommendation)));
        }
        return new TransactionBatches(table).write("PutRecommendations", writes);
    }

    @Override
    public Page<PendingRecommendation> pending(String project, int limit, Optional<String> cursor) {
        return queries.page("PendingRecommendations", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                Keys.recommendationsPk(project, PENDING), FeedbackTable.GSI1SK, "", true, limit, cursor,
                DynamoRecommendationStore::fromItem);
    }

    @Override
    public boolean proposeFix(PendingRecommendation recommendation, ProposedFix fix) {
        ScenarioKey scenario = recommendation.request().scenario();
        Map<String, AttributeValue> key = Items.key(Keys.scenarioPk(scenario),
                Keys.recommendationSk(recommendation.recommendationId()));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":pending", s(PENDING));
        values.put(":proposed", s(PROPOSED));
        values.put(":gsi1pk", s(Keys.recommendationsPk(scenario.project(), PROPOSED)));
        values.put(":summary", s(fix.summary()));
        values.put(":diff", s(fix.diff()));
        values.put(":direction", s(fix.direction()));
        values.put(":author", s(fix.author()));
        values.put(":at", Items.time(fix.proposedAt()));
        return table.callIf("ProposeFix", Items.describe(key), () -> table.client.updateItem(b -> b
                .tableName(table.name).key(key)
                .conditionExpression("#status = :pending")
                .updateExpression("SET #status = :proposed, #gsi1pk = :gsi1pk, fixSummary = :summary, fixDiff = :diff,"
                        + " fixDirection = :direction, fixAuthor = :author, fixProposedAt = :at")
                .expressionAttributeNames(Map.of("#status", STATUS, "#gsi1pk", FeedbackTable.GSI1PK))
                .expressionAttributeValues(values)));
    }

    @Override
    public Page<Proposal> proposed(String project, int limit, Optional<String> cursor) {
        return queries.page("ProposedRecommendations", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                Keys.recommendationsPk(project, PROPOSED), FeedbackTable.GSI1SK, "", true, limit, cursor,
                item -> new Proposal(fromItem(item), new ProposedFix(Items.str(item, "fixSummary"),
                        Items.str(item, "fixDiff"), Items.str(item, "fixDirection"), Items.str(item, "fixAuthor"),
                        Items.instant(item, "fixProposedAt"))));
    }

    static Map<String, AttributeValue> toItem(PendingRecommendation recommendation) {
        RegenerationRequest request = recommendation.request();
        ScenarioKey scenario = request.scenario();
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.scenarioPk(scenario),
                Keys.recommendationSk(recommendation.recommendationId())));
        item.put(FeedbackTable.GSI1PK, s(Keys.recommendationsPk(scenario.project(), PENDING)));
        item.put(FeedbackTable.GSI1SK, s(Keys.recommendationsSk(recommendation.priority(),
                recommendation.receivedAt(), scenario.fingerprint(), recommendation.recommendationId())));
        item.put(TYPE, s(RECOMMENDATION_TYPE));
        item.put(PROJECT, s(scenario.project()));
        item.put(FINGERPRINT, s(scenario.fingerprint().value()));
        item.put(RECOMMENDATION_ID, s(recommendation.recommendationId()));
        item.put(STATUS, s(PENDING));
        item.put(CATEGORY, s(request.category().name()));
        item.put(PRIORITY, n(recommendation.priority()));
        item.put(RUN_ID, s(request.triggeredBy().runId()));
        item.put(RUN_ATTEMPT, n(request.triggeredBy().attempt()));
        item.put(TESTS, Items.strings(request.tests().stream().map(TestId::value).toList()));
        item.put(REQUESTED_AT, Items.time(request.requestedAt()));
        item.put(RECEIVED_AT, Items.time(recommendation.receivedAt()));
        return item;
    }

    static PendingRecommendation fromItem(Map<String, AttributeValue> item) {
        ScenarioKey scenario = new ScenarioKey(Items.str(item, PROJECT), new Fingerprint(Items.str(item, FINGERPRINT)));
        RegenerationRequest request = new RegenerationRequest(scenario, Items.enumValue(item, CATEGORY,
                Category.class), new RunKey(scenario.project(), Items.str(item, RUN_ID),
                (int) Items.num(item, RUN_ATTEMPT)),
                Items.stringList(item, TESTS).stream().map(TestId::new).toList(), Items.instant(item, REQUESTED_AT));
        return new PendingRecommendation(request, Items.str(item, RECOMMENDATION_ID), (int) Items.num(item, PRIORITY),
                Items.instant(item, RECEIVED_AT));
    }
}
