package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationEvent;
import dev.feedbackloop.recommend.RecommendationJson;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoreException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import dev.feedbackloop.text.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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
    private static final String MADE = "MADE";

    private final Table table;
    private final Queries queries;

    public DynamoRecommendationBook(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
    }

    /**
     * One TransactWriteItems: the recommendation, on condition that it is new, and its entry in the day's event log
     * (so a made recommendation is logged exactly once, whatever retries happen).
     */
    @Override
    public boolean add(Recommendation recommendation) {
        Map<String, AttributeValue> item = ItemSize.check("PutRecommendationBody", toItem(recommendation));
        Put put = Put.builder().tableName(table.name).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK)).build();
        Optional<TransactionCanceledException> cancelled = table.transact("PutRecommendationBody",
                Items.describe(item), List.of(TransactWriteItem.builder().put(put).build(),
                        logEntry(new RecommendationEvent(recommendation, Optional.empty()))));
        if (cancelled.isEmpty()) {
            return true;
        }
        if (Table.conditionFailed(cancelled.get(), 0)) {
            return false;
        }
        throw new StoreException("PutRecommendationBody", Items.describe(item), Table.reasons(cancelled.get()),
                cancelled.get());
    }

    @Override
    public Optional<Recommendation> find(String project, String id) {
        Map<String, AttributeValue> key = Items.key(pk(project, id), "RECO");
        Map<String, AttributeValue> item = table.call("GetRecommendation", pk(project, id),
                () -> table.client.getItem(b -> b.tableName(table.name).key(key).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * One TransactWriteItems: the recommendation on condition of the version read and, when its last status change
     * is new, that change's entry in the day's event log (keyed by time, id and status: a repeated entry lands on
     * the same key).
     */
    @Override
    public void update(Recommendation updated, long expectedVersion) {
        Map<String, AttributeValue> item = ItemSize.check("UpdateRecommendation", toItem(updated));
        Put put = Put.builder().tableName(table.name).item(item).conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", VERSION))
                .expressionAttributeValues(Map.of(":expected", n(expectedVersion))).build();
        List<TransactWriteItem> actions = new ArrayList<>(List.of(TransactWriteItem.builder().put(put).build()));
        if (!updated.history().isEmpty()) {
            actions.add(logEntry(new RecommendationEvent(updated, Optional.of(updated.history()
                    .get(updated.history().size() - 1)))));
        }
        Optional<TransactionCanceledException> cancelled = table.transact("UpdateRecommendation",
                pk(updated.project(), updated.id()), actions);
        if (cancelled.isPresent() && !Table.conditionFailed(cancelled.get(), 0) && !conflicted(cancelled.get())) {
            throw new StoreException("UpdateRecommendation", pk(updated.project(), updated.id()),
                    Table.reasons(cancelled.get()), cancelled.get());
        }
        if (cancelled.isPresent()) {
            throw new StoreConflictException("UpdateRecommendation", pk(updated.project(), updated.id()), 1,
                    new IllegalStateException("recommendation " + updated.id() + " changed since version "
                            + expectedVersion + " was read, or does not exist"));
        }
    }

    /** Whether a concurrent write to one of the items cancelled the transaction: a conflict, like a moved version. */
    private static boolean conflicted(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .anyMatch(r -> "TransactionConflict".equals(r.code()));
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

    @Override
    public List<RecommendationEvent> eventsOn(String project, LocalDate day) {
        List<RecommendationEvent> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<RecommendationEvent> page = queries.page("RecommendationEvents", null, FeedbackTable.PK,
                    logPk(project, day), FeedbackTable.SK, "", true, 100, cursor, DynamoRecommendationBook::event);
            found.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return found;
    }

    /**
     * The event's log item: {@code RECOLOG#<project>#<day>} / {@code <at>#<id>#<status>} ({@code MADE} for the
     * making), holding the recommendation's JSON after the event; kept without time to live, like the book.
     */
    private TransactWriteItem logEntry(RecommendationEvent event) {
        Recommendation r = event.after();
        LocalDate day = LocalDate.ofInstant(event.at(), ZoneOffset.UTC);
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(logPk(r.project(), day),
                Keys.time(event.at()) + "#" + r.id() + "#" + event.change().map(c -> c.to().name()).orElse(MADE)));
        item.put(DynamoRecommendationStore.TYPE, s("RECOMMENDATION_EVENT"));
        item.put(BODY, s(RecommendationJson.write(r)));
        ItemSize.check("PutRecommendationEvent", item);
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item).build()).build();
    }

    private static RecommendationEvent event(Map<String, AttributeValue> item) {
        Recommendation after = fromItem(item);
        String sk = Items.str(item, FeedbackTable.SK);
        String status = sk.substring(sk.lastIndexOf('#') + 1);
        if (status.equals(MADE)) {
            return new RecommendationEvent(after, Optional.empty());
        }
        String at = sk.substring(0, sk.indexOf('#'));
        return new RecommendationEvent(after, after.history().stream()
                .filter(c -> c.to().name().equals(status) && Keys.time(c.at()).equals(at))
                .reduce((first, second) -> second));
    }

    static String logPk(String project, LocalDate day) {
        return "RECOLOG#" + project + "#" + day;
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
