package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationJson;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.text.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RecommendationBook} on the one table (docs/STORAGE.md, patterns 31-35): a recommendation is one item
 * {@code RECO#<project>#<id>} / {@code RECO} whose {@code body} is its JSON, listed per project and status on GSI1
 * ({@code RECS#<project>#<STATUS>}, the partition shape pending recommendations use) highest priority first; a
 * status change is a Put conditioned on the version read. Triage decisions are {@code TRIAGE#<project>} /
 * {@code <at>#<hash>} items, kept without time to live (they are the project's memory).
 */
public final class DynamoRecommendationBook implements RecommendationBook {

    static final String BODY = "body";
    static final String VERSION = "version";

    private final Table table;
    private final Queries queries;

    public DynamoRecommendationBook(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
    }

    @Override
    public boolean add(Recommendation recommendation) {
        return table.putIfAbsent("PutRecommendationBody", ItemSize.check("PutRecommendationBody",
                toItem(recommendation)));
    }

    @Override
    public Optional<Recommendation> find(String project, String id) {
        Map<String, AttributeValue> key = Items.key(pk(project, id), "RECO");
        Map<String, AttributeValue> item = table.call("GetRecommendation", pk(project, id),
                () -> table.client.getItem(b -> b.tableName(table.name).key(key).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public void update(Recommendation updated, long expectedVersion) {
        Map<String, AttributeValue> item = ItemSize.check("UpdateRecommendation", toItem(updated));
        boolean written = table.callIf("UpdateRecommendation", pk(updated.project(), updated.id()),
                () -> table.client.putItem(b -> b.tableName(table.name).item(item)
                        .conditionExpression("#v = :expected")
                        .expressionAttributeNames(Map.of("#v", VERSION))
                        .expressionAttributeValues(Map.of(":expected", n(expectedVersion)))));
        if (!written) {
            throw new StoreConflictException("UpdateRecommendation", pk(updated.project(), updated.id()), 1,
                    new IllegalStateException("recommendation " + updated.id() + " changed since version "
                            + expectedVersion + " was read, or does not exist"));
        }
    }

    @Override
    public Page<Recommendation> withStatus(String project, RecommendationStatus status, int limit,
                                           Optional<String> cursor) {
        if (status == RecommendationStatus.PENDING) {
            throw new IllegalArgumentException("pending recommendations are requests without a recommendation yet;"
                    + " list them with RecommendationStore.pending");
        }
        return queries.page("RecommendationsByStatus", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                Keys.recommendationsPk(project, status.name()), FeedbackTable.GSI1SK, "", true, limit, cursor,
                DynamoRecommendationBook::fromItem);
    }

    @Override
    public boolean recordTriage(String project, Triage triage) {
        String body = RecommendationJson.write(triage);
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key("TRIAGE#" + project,
                Keys.time(triage.at()) + "#" + Sha256.hexPrefix(body, 8)));
        item.put(DynamoRecommendationStore.TYPE, s("TRIAGE"));
        item.put(BODY, s(body));
        return table.putIfAbsent("PutTriage", ItemSize.check("PutTriage", item));
    }

    @Override
    public List<Triage> triage(String project, int limit) {
        List<Triage> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Triage> page = queries.page("Triage", null, FeedbackTable.PK, "TRIAGE#" + project,
                    FeedbackTable.SK, "", true, Math.min(1000, limit - found.size()), cursor,
                    item -> RecommendationJson.readTriage(Items.str(item, BODY)));
            found.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent() && found.size() < limit);
        return found;
    }

    static String pk(String project, String id) {
        return "RECO#" + project + "#" + id;
    }

    static Map<String, AttributeValue> toItem(Recommendation r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(pk(r.project(), r.id()), "RECO"));
        item.put(FeedbackTable.GSI1PK, s(Keys.recommendationsPk(r.project(), r.status().name())));
        item.put(FeedbackTable.GSI1SK, s(Keys.recommendationsSk(r.priority().score(), r.createdAt(),
                r.fingerprint().orElseGet(() -> new Fingerprint("0".repeat(16))), r.id())));
        item.put(DynamoRecommendationStore.TYPE, s("RECOMMENDATION_BODY"));
        item.put(DynamoRecommendationStore.PROJECT, s(r.project()));
        item.put(DynamoRecommendationStore.RECOMMENDATION_ID, s(r.id()));
        item.put(DynamoRecommendationStore.STATUS, s(r.status().name()));
        item.put(VERSION, n(r.version()));
        item.put(BODY, s(RecommendationJson.write(r)));
        return item;
    }

    static Recommendation fromItem(Map<String, AttributeValue> item) {
        try {
            return RecommendationJson.read(Items.str(item, BODY));
        } catch (IllegalArgumentException e) {
            throw Items.corrupt(item, BODY, e.getMessage());
        }
    }
}
