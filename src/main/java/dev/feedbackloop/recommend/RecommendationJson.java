package dev.feedbackloop.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.ProposedFix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recommendations and triage decisions as JSON, by hand on Jackson's tree (no reflection: native-image safe): the
 * stored form, and the one-line summary {@code feedback recommendations --json} prints.
 */
public final class RecommendationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecommendationJson() {
    }

    /**
     * The one-line summary: id, fingerprint, kind, status, priority, effort, impact, testIds, effectiveness, and
     * {@code tests} (the reproduction, validation and regression tests with their counted results).
     */
    public static ObjectNode summary(Recommendation r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", r.id());
        node.put("project", r.project());
        node.put("fingerprint", r.fingerprint().map(Fingerprint::value).orElse(null));
        node.put("kind", r.kind().wireName());
        node.put("status", r.status().wireName());
        node.put("priority", r.priority().score());
        node.put("effort", r.effort().level().wireName());
        node.put("impact", r.impact().level().wireName());
        node.put("title", r.advice().title());
        node.put("direction", r.advice().direction());
        strings(node.putArray("testIds"), r.tests(), TestId::value);
        if (r.effectiveness().isPresent()) {
            node.put("effectiveness", r.effectiveness().get().score());
        } else {
            node.putNull("effectiveness");
        }
        r.implementedCommit().ifPresent(c -> node.put("commit", c));
        tracked(node.putArray("tests"), r.ledger());
        node.put("hasDiff", r.fix().filter(f -> !f.diff().isBlank()).isPresent());
        return node;
    }

    /** The stored form: everything. */
    public static String write(Recommendation r) {
        ObjectNode node = summary(r);
        r.scenario().ifPresent(f -> node.put("scenario", f.value()));
        r.category().ifPresent(c -> node.put("category", c.name()));
        strings(node.putArray("evidenceScenarios"), r.evidence().scenarios(), Fingerprint::value);
        strings(node.putArray("evidenceFacts"), r.evidence().facts(), Function.identity());
        strings(node.putArray("priorityReasons"), r.priority().reasons(), Function.identity());
        node.put("effortReason", r.effort().reason());
        node.put("impactReason", r.impact().reason());
        Advice a = r.advice();
        node.put("targetComponent", a.targetComponent());
        node.put("suggestedChanges", a.suggestedChanges());
        node.put("testRequirements", a.testRequirements());
        node.put("validationCriteria", a.validationCriteria());
        node.put("implementationNotes", a.implementationNotes());
        r.fix().ifPresent(f -> {
            ObjectNode fix = node.putObject("fix");
            fix.put("summary", f.summary());
            fix.put("diff", f.diff());
            fix.put("direction", f.direction());
            fix.put("author", f.author());
            fix.put("proposedAt", f.proposedAt().toString());
        });
        ArrayNode history = node.putArray("history");
        for (StatusChange c : r.history()) {
            history.addObject().put("from", c.from().wireName()).put("to", c.to().wireName()).put("by", c.by())
                    .put("at", c.at().toString()).put("reason", c.reason());
        }
        r.effectiveness().ifPresent(e -> node.putObject("measured").put("runsCompared", e.runsCompared())
                .put("failureRateBefore", e.failureRateBefore()).put("failureRateAfter", e.failureRateAfter()));
        r.ledger().countedThrough().ifPresent(m -> node.putObject("countedThrough").put("at", m.at().toString())
                .put("run", m.run()));
        node.put("createdAt", r.createdAt().toString());
        node.put("version", r.version());
        return node.toString();
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Recommendation read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored recommendation is not JSON: " + e.getOriginalMessage(), e);
        }
        Optional<ProposedFix> fix = Optional.ofNullable(n.get("fix")).map(f -> new ProposedFix(text(f, "summary"),
                text(f, "diff"), text(f, "direction"), text(f, "author"), Instant.parse(text(f, "proposedAt"))));
        List<StatusChange> history = new ArrayList<>();
        n.path("history").forEach(c -> history.add(new StatusChange(RecommendationStatus.parse(text(c, "from")),
                RecommendationStatus.parse(text(c, "to")), text(c, "by"), Instant.parse(text(c, "at")),
                text(c, "reason"))));
        Optional<Effectiveness> measured = Optional.ofNullable(n.get("measured")).map(m -> new Effectiveness(
                m.path("runsCompared").asInt(), m.path("failureRateBefore").asDouble(),
                m.path("failureRateAfter").asDouble()));
        return new Recommendation(text(n, "id"), text(n, "project"), RecommendationKind.parse(text(n, "kind")),
                optional(n, "scenario").map(Fingerprint::new), optional(n, "category").map(Category::valueOf),
                new Evidence(list(n, "evidenceScenarios").stream().map(Fingerprint::new).toList(),
                        list(n, "evidenceFacts")),
                new Priority(n.path("priority").asInt(), list(n, "priorityReasons")),
                new Estimate(Level.valueOf(text(n, "effort").toUpperCase(java.util.Locale.ROOT)),
                        text(n, "effortReason")),
                new Estimate(Level.valueOf(text(n, "impact").toUpperCase(java.util.Locale.ROOT)),
                        text(n, "impactReason")),
                new Advice(text(n, "title"), text(n, "targetComponent"), text(n, "direction"),
                        text(n, "suggestedChanges"), text(n, "testRequirements"), text(n, "validationCriteria"),
                        text(n, "implementationNotes")),
                fix, list(n, "testIds").stream().map(TestId::new).toList(),
                RecommendationStatus.parse(text(n, "status")), history, optional(n, "commit"), measured,
                ledger(n), Instant.parse(text(n, "createdAt")), n.path("version").asLong());
    }

    /**
     * The tracked tests of {@code ledger} as {@link #summary} lists them under {@code tests}: role, test id, source
     * hash, since, commit, runs, successes and the last result.
     */
    public static ArrayNode tests(TestLedger ledger) {
        ArrayNode array = MAPPER.createArrayNode();
        tracked(array, ledger);
        return array;
    }

    private static void tracked(ArrayNode array, TestLedger ledger) {
        for (TrackedTest t : ledger.tests()) {
            ObjectNode node = array.addObject();
            node.put("role", t.role().wireName());
            node.put("testId", t.test().value());
            node.put("sourceHash", t.sourceHash().orElse(null));
            node.put("since", t.since().toString());
            node.put("commit", t.commit().orElse(null));
            node.put("runs", t.runs());
            node.put("successes", t.successes());
            node.put("lastResult", t.last().map(l -> l.passed() ? "passed" : "failed").orElse(null));
            node.put("lastRun", t.last().map(TrackedTest.LastRun::run).orElse(null));
            node.put("lastRunAt", t.last().map(l -> l.at().toString()).orElse(null));
            node.put("lastCommit", t.last().flatMap(TrackedTest.LastRun::commit).orElse(null));
        }
    }

    /** The stored ledger; a recommendation stored before ledgers existed has an empty one. */
    private static TestLedger ledger(JsonNode n) {
        List<TrackedTest> tests = new ArrayList<>();
        for (JsonNode t : n.path("tests")) {
            Optional<TrackedTest.LastRun> last = optional(t, "lastRun").map(run -> new TrackedTest.LastRun(run,
                    Instant.parse(text(t, "lastRunAt")), optional(t, "lastCommit"),
                    "passed".equals(text(t, "lastResult"))));
            tests.add(new TrackedTest(TestRole.parse(text(t, "role")), new TestId(text(t, "testId")),
                    optional(t, "sourceHash"), Instant.parse(text(t, "since")), optional(t, "commit"),
                    t.path("runs").asInt(), t.path("successes").asInt(), last));
        }
        Optional<TestLedger.Mark> mark = Optional.ofNullable(n.get("countedThrough")).map(m -> new TestLedger.Mark(
                Instant.parse(text(m, "at")), text(m, "run")));
        return new TestLedger(tests, mark);
    }

    /** A triage decision's stored form. */
    public static String write(Triage t) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("recommendationId", t.recommendationId());
        t.scenario().ifPresent(f -> node.put("scenario", f.value()));
        node.put("direction", t.direction());
        node.put("decision", t.decision().wireName());
        node.put("reason", t.reason());
        node.put("by", t.by());
        node.put("at", t.at().toString());
        return node.toString();
    }

    public static Triage readTriage(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return new Triage(text(n, "recommendationId"), optional(n, "scenario").map(Fingerprint::new),
                    text(n, "direction"), TriageDecision.parse(text(n, "decision")), text(n, "reason"),
                    text(n, "by"), Instant.parse(text(n, "at")));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored triage decision is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("stored recommendation lacks text field '" + field + "'");
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static List<String> list(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }

    private static <T> void strings(ArrayNode array, List<T> values, Function<T, String> text) {
        values.forEach(v -> array.add(text.apply(v)));
    }
}
