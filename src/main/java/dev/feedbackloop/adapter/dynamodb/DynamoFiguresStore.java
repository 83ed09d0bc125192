package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.DailySeries;
import dev.feedbackloop.rollup.FiguresJson;
import dev.feedbackloop.rollup.FiguresStore;
import dev.feedbackloop.rollup.Trend;
import dev.feedbackloop.rollup.TrendSubject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link FiguresStore} on the one table (docs/STORAGE.md): a day's figures are {@code METRICS#<project>} /
 * {@code FIGURES#<yyyy-MM-dd>} beside the day's counts ({@code DAY#...}), their {@code body} the JSON of
 * {@link FiguresJson}; the rolling series are {@code TRENDS#<project>} / {@code TEST#<test id>},
 * {@code SCENARIO#<fingerprint>} and {@code RUNS}. Writes are plain Puts (recomputing replaces); reads name their
 * items (GetItem, BatchGetItem) or one range of days (Query), never the history.
 */
public final class DynamoFiguresStore implements FiguresStore {

    static final String TYPE = "type";
    static final String BODY = "body";
    private static final String FIGURES_PREFIX = "FIGURES#";
    private static final String RUNS_SK = "RUNS";

    private final Table table;
    private final BatchReader reader;
    private final BatchWriter writer;

    public DynamoFiguresStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.reader = new BatchReader(table);
        this.writer = new BatchWriter(table);
    }

    @Override
    public void put(DailyFigures figures) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.metricsPk(figures.metrics().project()),
                figuresSk(figures.metrics().day())));
        item.put(TYPE, s("FIGURES"));
        item.put(BODY, s(FiguresJson.write(figures)));
        ItemSize.check("PutFigures", item);
        table.call("PutFigures", Items.describe(item), () -> table.client.putItem(b -> b.tableName(table.name)
                .item(item)));
    }

    @Override
    public Optional<DailyFigures> find(String project, LocalDate day) {
        return get("GetFigures", Keys.metricsPk(project), figuresSk(day)).map(DynamoFiguresStore::figures);
    }

    @Override
    public List<DailyFigures> range(String project, LocalDate from, LocalDate to) {
        String pk = Keys.metricsPk(project);
        QueryRequest request = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK, "#sk", FeedbackTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(figuresSk(from)), ":to", s(figuresSk(to))))
                .scanIndexForward(false)
                .build();
        return table.call("FiguresRange", pk, () -> table.client.queryPaginator(request).items().stream()
                .map(DynamoFiguresStore::figures).toList());
    }

    @Override
    public List<Trend> trends(String project, Collection<TrendSubject> subjects) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        subjects.forEach(subject -> keys.add(Items.key(trendsPk(project), trendSk(subject))));
        List<Trend> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : reader.get("GetTrends", keys)) {
            found.add(parse(item, FiguresJson::readTrend));
        }
        return found;
    }

    @Override
    public void putTrends(String project, List<Trend> trends) {
        Map<String, WriteRequest> requests = new LinkedHashMap<>();
        for (Trend trend : trends) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(trendsPk(project),
                    trendSk(trend.subject())));
            item.put(TYPE, s("TREND"));
            item.put(BODY, s(FiguresJson.write(trend)));
            requests.put(trendSk(trend.subject()), WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(ItemSize.check("PutTrend", item)).build()).build());
        }
        writer.writeAll("PutTrends", new ArrayList<>(requests.values()));
    }

    @Override
    public Optional<DailySeries> projectRuns(String project) {
        return get("GetProjectRuns", trendsPk(project), RUNS_SK).map(item -> parse(item, FiguresJson::readSeries));
    }

    @Override
    public void putProjectRuns(String project, DailySeries series) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(trendsPk(project), RUNS_SK));
        item.put(TYPE, s("TREND"));
        item.put(BODY, s(FiguresJson.write(series)));
        table.call("PutProjectRuns", Items.describe(item), () -> table.client.putItem(b -> b.tableName(table.name)
                .item(item)));
    }

    private Optional<Map<String, AttributeValue>> get(String operation, String pk, String sk) {
        Map<String, AttributeValue> key = Items.key(pk, sk);
        Map<String, AttributeValue> item = table.call(operation, pk + "/" + sk,
                () -> table.client.getItem(b -> b.tableName(table.name).key(key).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static DailyFigures figures(Map<String, AttributeValue> item) {
        return parse(item, FiguresJson::read);
    }

    private static <T> T parse(Map<String, AttributeValue> item, java.util.function.Function<String, T> reader) {
        try {
            return reader.apply(Items.str(item, BODY));
        } catch (IllegalArgumentException e) {
            throw Items.corrupt(item, BODY, e.getMessage());
        }
    }

    static String figuresSk(LocalDate day) {
        return FIGURES_PREFIX + day;
    }

    static String trendsPk(String project) {
        return "TRENDS#" + project;
    }

    static String trendSk(TrendSubject subject) {
        return subject.kind().name() + "#" + subject.id();
    }
}
