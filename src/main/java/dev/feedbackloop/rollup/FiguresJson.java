package dev.feedbackloop.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.rootcause.Category;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The nightly figures and rolling series as JSON, by hand on Jackson's tree (no reflection: native-image safe): the
 * stored form, and what {@code feedback metrics --json} prints. An absent figure is {@code null}, never 0.
 */
public final class FiguresJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FiguresJson() {
    }

    /** The figures as one JSON object. */
    public static ObjectNode tree(DailyFigures figures) {
        ObjectNode root = MAPPER.createObjectNode();
        FeedbackLoopMetrics m = figures.metrics();
        root.put("project", m.project());
        root.put("day", m.day().toString());
        root.put("totalFailures", m.totalFailures());
        root.put("analysedFailures", m.analysedFailures());
        root.put("generatedRecommendations", m.generatedRecommendations());
        root.put("implementedFixes", m.implementedFixes());
        put(root, "successRateChange", m.successRateChange());
        if (m.averageAnalysisMillis().isPresent()) {
            root.put("averageAnalysisMillis", m.averageAnalysisMillis().getAsLong());
        } else {
            root.putNull("averageAnalysisMillis");
        }
        put(root, "averageFixImplementationHours", m.averageFixImplementationHours());
        ArrayNode top = root.putArray("topFailureCategories");
        m.topFailureCategories().forEach(c -> top.addObject().put("category", c.category().name())
                .put("failures", c.failures()));
        put(root, "systemLearningScore", m.systemLearningScore());
        root.put("runs", m.runs());
        root.put("outageRuns", m.outageRuns());
        put(root, "successRate", m.successRate());
        root.putObject("tests").put("flaky", m.tests().flaky()).put("broken", m.tests().broken())
                .put("fixed", m.tests().fixed()).put("quarantined", m.tests().quarantined());
        root.put("stateChanges", m.stateChanges());
        ObjectNode transitions = root.putObject("transitions");
        m.transitions().forEach(transitions::put);
        SuccessMetrics s = figures.success();
        ObjectNode success = root.putObject("success");
        success.put("fixesVerified", s.fixesVerified());
        success.put("fixesIneffective", s.fixesIneffective());
        put(success, "timeToResolutionHours", s.timeToResolutionHours());
        put(success, "firstAttemptFixAccuracy", s.firstAttemptFixAccuracy());
        put(success, "repeatedFailureReduction", s.repeatedFailureReduction());
        put(success, "handsFreeShare", s.handsFreeShare());
        root.set("quality", quality(figures.quality()));
        ArrayNode warnings = root.putArray("earlyWarnings");
        figures.warnings().forEach(w -> warnings.add(warning(w)));
        root.put("computedAt", m.computedAt().toString());
        return root;
    }

    public static String write(DailyFigures figures) {
        return tree(figures).toString();
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static DailyFigures read(String json) {
        JsonNode root = parse(json, "daily figures");
        try {
            String project = text(root, "project");
            LocalDate day = LocalDate.parse(text(root, "day"));
            List<CategoryCount> top = new ArrayList<>();
            root.path("topFailureCategories").forEach(c -> top.add(new CategoryCount(
                    Category.valueOf(text(c, "category")), c.path("failures").asLong())));
            JsonNode tests = root.path("tests");
            Map<String, Long> transitions = new LinkedHashMap<>();
            root.path("transitions").fields().forEachRemaining(e -> transitions.put(e.getKey(), e.getValue()
                    .asLong()));
            JsonNode analysis = root.path("averageAnalysisMillis");
            FeedbackLoopMetrics metrics = new FeedbackLoopMetrics(project, day, root.path("totalFailures").asLong(),
                    root.path("analysedFailures").asLong(), root.path("generatedRecommendations").asLong(),
                    root.path("implementedFixes").asLong(), optional(root, "successRateChange"),
                    analysis.isNumber() ? OptionalLong.of(analysis.asLong()) : OptionalLong.empty(),
                    optional(root, "averageFixImplementationHours"), top, optional(root, "systemLearningScore"),
                    root.path("runs").asLong(), root.path("outageRuns").asLong(), optional(root, "successRate"),
                    new StateCounts(tests.path("flaky").asLong(), tests.path("broken").asLong(),
                            tests.path("fixed").asLong(), tests.path("quarantined").asLong()),
                    root.path("stateChanges").asLong(), transitions, Instant.parse(text(root, "computedAt")));
            JsonNode s = root.path("success");
            SuccessMetrics success = new SuccessMetrics(s.path("fixesVerified").asLong(),
                    s.path("fixesIneffective").asLong(), optional(s, "timeToResolutionHours"),
                    optional(s, "firstAttemptFixAccuracy"), optional(s, "repeatedFailureReduction"),
                    optional(s, "handsFreeShare"));
            List<EarlyWarning> warnings = new ArrayList<>();
            root.path("earlyWarnings").forEach(w -> warnings.add(readWarning(w)));
            return new DailyFigures(metrics, success, readQuality(root.path("quality")), warnings);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored daily figures are malformed: " + e.getMessage(), e);
        }
    }

    /** One trend (its subject and series) as stored. */
    public static String write(Trend trend) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", trend.subject().kind().name());
        root.put("id", trend.subject().id());
        root.put("label", trend.subject().label());
        root.set("series", series(trend.series()));
        return root.toString();
    }

    public static Trend readTrend(String json) {
        JsonNode root = parse(json, "trend");
        try {
            return new Trend(new TrendSubject(TrendSubject.Kind.valueOf(text(root, "kind")), text(root, "id"),
                    root.path("label").asText()), readSeries(root.path("series")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored trend is malformed: " + e.getMessage(), e);
        }
    }

    /** A series as stored: its last day and {@code [trials, failures]} per day, oldest first. */
    public static String write(DailySeries series) {
        return series(series).toString();
    }

    public static DailySeries readSeries(String json) {
        try {
            return readSeries(parse(json, "daily series"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored daily series is malformed: " + e.getMessage(), e);
        }
    }

    /** One early warning, with its sentence. */
    public static ObjectNode warning(EarlyWarning w) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", w.subject().kind().name().toLowerCase(java.util.Locale.ROOT));
        node.put("id", w.subject().id());
        node.put("label", w.subject().label());
        node.put("day", w.day().toString());
        node.putObject("recent").put("trials", w.recent().trials()).put("failures", w.recent().failures());
        node.putObject("baseline").put("trials", w.baseline().trials()).put("failures", w.baseline().failures());
        node.put("pValue", w.pValue());
        node.put("message", w.describe());
        return node;
    }

    private static EarlyWarning readWarning(JsonNode w) {
        return new EarlyWarning(new TrendSubject(TrendSubject.Kind.valueOf(text(w, "kind").toUpperCase(
                java.util.Locale.ROOT)), text(w, "id"), w.path("label").asText()), LocalDate.parse(text(w, "day")),
                count(w.path("recent")), count(w.path("baseline")), w.path("pValue").asDouble());
    }

    private static ObjectNode quality(QualityAnalytics q) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("failures", q.failures());
        counts(node, "byCategory", q.byCategory());
        counts(node, "byTestType", q.byTestType());
        counts(node, "byPromptVersion", q.byPromptVersion());
        counts(node, "byModel", q.byModel());
        counts(node, "byAssertionMethod", q.byAssertionMethod());
        ArrayNode insights = node.putArray("insights");
        q.insights().forEach(insights::add);
        return node;
    }

    private static QualityAnalytics readQuality(JsonNode q) {
        List<String> insights = new ArrayList<>();
        q.path("insights").forEach(i -> insights.add(i.asText()));
        return new QualityAnalytics(q.path("failures").asLong(), readCounts(q, "byCategory"),
                readCounts(q, "byTestType"), readCounts(q, "byPromptVersion"), readCounts(q, "byModel"),
                readCounts(q, "byAssertionMethod"), insights);
    }

    private static void counts(ObjectNode parent, String name, Map<String, Long> counts) {
        ObjectNode node = parent.putObject(name);
        counts.forEach(node::put);
    }

    private static Map<String, Long> readCounts(JsonNode parent, String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        parent.path(name).fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static ObjectNode series(DailySeries series) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("lastDay", series.lastDay().toString());
        ArrayNode days = node.putArray("days");
        series.days().forEach(d -> days.addArray().add(d.trials()).add(d.failures()));
        return node;
    }

    private static DailySeries readSeries(JsonNode node) {
        List<DayCount> days = new ArrayList<>();
        node.path("days").forEach(d -> days.add(new DayCount(d.path(0).asLong(), d.path(1).asLong())));
        return new DailySeries(LocalDate.parse(text(node, "lastDay")), days);
    }

    private static DayCount count(JsonNode node) {
        return new DayCount(node.path("trials").asLong(), node.path("failures").asLong());
    }

    private static void put(ObjectNode node, String name, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(name, value.getAsDouble());
        } else {
            node.putNull(name);
        }
    }

    private static OptionalDouble optional(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return value.asText();
    }

    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
