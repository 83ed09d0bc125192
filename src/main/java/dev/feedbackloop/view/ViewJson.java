package dev.feedbackloop.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.health.Assessment;
import dev.feedbackloop.health.Evidence;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.history.CoveredRun;
import dev.feedbackloop.history.CoveredTest;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.FiguresJson;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.store.TimelineEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The read API's JSON: the same field names as the CLI's {@code --json} output ({@code feedback scenarios},
 * {@code feedback run}), so a script moves between them unchanged. Every non-ASCII character is escaped
 * ({@code \u202E}): a reader gets the same strings back, and nothing a report smuggled in reorders a log line.
 */
public final class ViewJson {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Gives the generators a codec, for the parts written as trees ({@code RecommendationJson}). */
    private static final ObjectMapper TREES = new ObjectMapper(FACTORY);

    private ViewJson() {
    }

    /** A body written by {@code body}. */
    static String write(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCodec(TREES);
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code {"items": [...], "next": cursor|null}}. */
    static <T> String page(Page<T> page, ItemWriter<T> item) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (T t : page.items()) {
                item.write(g, t);
            }
            g.writeEndArray();
            nullable(g, "next", page.next());
            g.writeEndObject();
        });
    }

    static String problem(ReadProblem problem, String instance) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", problem.type());
            g.writeStringField("title", problem.title());
            g.writeNumberField("status", problem.status());
            g.writeStringField("detail", problem.detail());
            g.writeStringField("instance", instance);
            g.writeEndObject();
        });
    }

    /** A scenario with its tests and runs; also {@code feedback scenarios --json}'s line, through its generator. */
    public static void scenario(JsonGenerator g, ScenarioDetails details) throws IOException {
        scenario(g, details, more -> { });
    }

    /** A scenario with its tests and runs, and the fields {@code more} writes after them. */
    static void scenario(JsonGenerator g, ScenarioDetails details, JsonBody more) throws IOException {
        Scenario s = details.scenario();
        g.writeStartObject();
        g.writeStringField("fingerprint", s.key().fingerprint().value());
        g.writeStringField("category", s.category().name());
        g.writeStringField("failureType", s.failureType().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("severity", s.severity());
        g.writeBooleanField("autoFixable", s.autoFixable());
        g.writeNumberField("occurrences", s.occurrences());
        g.writeNumberField("testsAffected", s.testsAffected());
        g.writeNumberField("runsAffected", s.runsAffected());
        g.writeStringField("firstSeen", s.firstSeen().toString());
        g.writeStringField("lastSeen", s.lastSeen().toString());
        g.writeStringField("sampleMessage", s.sampleMessage());
        nullable(g, "cause", details.cause());
        strings(g, "notes", details.notes());
        g.writeArrayFieldStart("tests");
        for (CoveredTest test : details.tests()) {
            g.writeStartObject();
            g.writeStringField("testId", test.test().value());
            nullable(g, "suite", test.testCase().map(t -> t.suite()));
            nullable(g, "name", test.testCase().map(t -> t.name()));
            nullable(g, "file", test.testCase().flatMap(t -> t.file()));
            g.writeNumberField("runs", test.link().occurrences());
            g.writeStringField("firstSeen", test.link().firstSeen().toString());
            g.writeStringField("lastSeen", test.link().lastSeen().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("moreTests", details.moreTests());
        g.writeArrayFieldStart("runs");
        for (CoveredRun run : details.runs()) {
            g.writeStartObject();
            g.writeStringField("runId", run.link().run().runId());
            g.writeNumberField("attempt", run.link().run().attempt());
            g.writeStringField("seenAt", run.link().seenAt().toString());
            Optional<Run> stored = run.run().map(StoredRun::run);
            nullable(g, "commit", stored.flatMap(Run::commitSha));
            nullable(g, "branch", stored.flatMap(Run::branch));
            nullable(g, "buildUrl", stored.flatMap(Run::buildUrl));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("moreRuns", details.moreRuns());
        more.write(g);
        g.writeEndObject();
    }

    static void run(JsonGenerator g, StoredRun stored) throws IOException {
        Run run = stored.run();
        g.writeStartObject();
        g.writeStringField("project", run.key().project());
        g.writeStringField("runId", run.key().runId());
        g.writeNumberField("attempt", run.key().attempt());
        g.writeStringField("runTime", stored.runTime().toString());
        nullable(g, "commit", run.commitSha());
        nullable(g, "branch", run.branch());
        nullable(g, "buildUrl", run.buildUrl());
        RunCounts counts = stored.counts();
        g.writeObjectFieldStart("counts");
        g.writeNumberField("tests", counts.tests());
        g.writeNumberField("passed", counts.passed());
        g.writeNumberField("failed", counts.failed());
        g.writeNumberField("errored", counts.errored());
        g.writeNumberField("skipped", counts.skipped());
        g.writeNumberField("flaky", counts.flaky());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** What a run changed; also {@code feedback run --json}'s output, through its generator. */
    public static void changes(JsonGenerator g, RunChanges changes) throws IOException {
        changes(g, changes, List.of());
    }

    /**
     * The run and its changes, with {@code "attachments": [{"testId","testName","attempt","name","contentType",
     * "bytes","sha256"}]} when the run references some: the screenshots and traces stored for its failing attempts.
     */
    public static void changes(JsonGenerator g, RunChanges changes, List<StoredAttachment> attachments)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName("run");
        run(g, changes.run());
        g.writeFieldName("previous");
        if (changes.previous().isPresent()) {
            run(g, changes.previous().get());
        } else {
            g.writeNull();
        }
        g.writeStringField("comparedBy", changes.byBranch() ? "branch" : "project");
        tests(g, "newFailures", changes.newFailures());
        tests(g, "stillFailing", changes.stillFailing());
        tests(g, "fixed", changes.fixed());
        tests(g, "notRun", changes.notRun());
        tests(g, "flaky", changes.flaky());
        attachments(g, attachments);
        g.writeEndObject();
    }

    /**
     * {@code "attachments": [{"testId","testName","attempt","name","contentType","bytes","sha256"}]}, the screenshots
     * and traces stored; nothing when there are none.
     */
    public static void attachments(JsonGenerator g, List<StoredAttachment> attachments) throws IOException {
        if (!attachments.isEmpty()) {
            g.writeFieldName("attachments");
            g.writeTree(attachmentsTree(attachments));
        }
    }

    /** The list {@link #attachments(JsonGenerator, List)} writes, as a tree. */
    public static com.fasterxml.jackson.databind.node.ArrayNode attachmentsTree(List<StoredAttachment> attachments) {
        com.fasterxml.jackson.databind.node.ArrayNode list =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (StoredAttachment a : attachments) {
            list.addObject().put("testId", a.test().value()).put("testName", a.testName())
                    .put("attempt", a.attempt()).put("name", a.name()).put("contentType", a.contentType())
                    .put("bytes", a.bytes()).put("sha256", a.sha256());
        }
        return list;
    }

    private static void tests(JsonGenerator g, String name, List<TestChange> tests) throws IOException {
        g.writeArrayFieldStart(name);
        for (TestChange test : tests) {
            g.writeStartObject();
            g.writeStringField("testId", test.test().value());
            g.writeStringField("suite", test.testCase().suite());
            g.writeStringField("name", test.testCase().name());
            nullable(g, "status", test.now().map(s -> s.name().toLowerCase(Locale.ROOT)));
            nullable(g, "before", test.before().map(s -> s.name().toLowerCase(Locale.ROOT)));
            nullable(g, "category", test.category().map(Enum::name));
            nullable(g, "fingerprint", test.fingerprint().map(f -> f.value()));
            nullable(g, "headline", test.headline());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * A test's health; also {@code feedback flaky --json}'s line, through its generator.
     *
     * @param judge what scores the health and gathers its evidence
     * @param now   the time its state is shown at (a quarantine may have expired)
     */
    public static void health(JsonGenerator g, StoredHealth stored, HealthJudge judge, Instant now)
            throws IOException {
        TestHealth health = stored.health();
        Assessment a = judge.assess(health);
        TestLabel label = stored.label().orElse(new TestLabel("", health.test().value(), Optional.empty()));
        g.writeStartObject();
        g.writeStringField("testId", health.test().value());
        g.writeStringField("suite", label.suite());
        g.writeStringField("name", label.name());
        g.writeStringField("display", stored.display());
        nullable(g, "file", label.file());
        g.writeStringField("state", lower(health.stateAt(now)));
        g.writeStringField("verdict", lower(health.verdict().state()));
        g.writeNumberField("score", a.score());
        nullable(g, "since", health.verdict().since().map(Instant::toString));
        g.writeStringField("reason", health.verdict().reason());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : a.evidence()) {
            g.writeString(e.describe());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("brokenOn");
        for (Evidence.FailureStreak streak : brokenBranches(health, a)) {
            g.writeStartObject();
            g.writeStringField("branch", streak.branch());
            nullable(g, "sinceCommit", streak.startCommit());
            g.writeNumberField("runs", streak.runs());
            g.writeBooleanField("defaultBranch", !a.brokenBranches().contains(streak));
            g.writeStringField("summary", streak.describe());
            g.writeEndObject();
        }
        g.writeEndArray();
        Optional<Quarantine> q = health.activeQuarantine(now);
        if (q.isPresent()) {
            g.writeObjectFieldStart("quarantine");
            g.writeStringField("by", q.get().by());
            g.writeStringField("reason", q.get().reason());
            g.writeStringField("expires", q.get().expires().toString());
            g.writeEndObject();
        }
        g.writeNumberField("runs", a.executions());
        g.writeEndObject();
    }

    /** The branches the test is broken on: the default branch's streak when the verdict is broken, and others'. */
    private static List<Evidence.FailureStreak> brokenBranches(TestHealth health, Assessment a) {
        List<Evidence.FailureStreak> branches = new ArrayList<>();
        if (health.verdict().state() == HealthState.BROKEN) {
            a.defaultStreak().ifPresent(branches::add);
        }
        branches.addAll(a.brokenBranches());
        return branches;
    }

    /** One entry of a test's health timeline. */
    public static void timelineEntry(JsonGenerator g, TimelineEntry entry) throws IOException {
        g.writeStartObject();
        g.writeStringField("testId", entry.test().value());
        g.writeStringField("at", entry.at().toString());
        g.writeStringField("from", lower(entry.from()));
        g.writeStringField("to", lower(entry.to()));
        g.writeStringField("reason", entry.reason());
        strings(g, "evidence", entry.evidence());
        if (entry.cause().isPresent()) {
            g.writeObjectFieldStart("cause");
            g.writeStringField("runId", entry.cause().get().runId());
            g.writeNumberField("attempt", entry.cause().get().attempt());
            g.writeEndObject();
        } else {
            g.writeNullField("cause");
        }
        nullable(g, "actor", entry.actor());
        g.writeEndObject();
    }

    /** A quarantined test; also {@code feedback quarantine --format json}'s line, through its generator. */
    public static void quarantined(JsonGenerator g, TestEntry t) throws IOException {
        Quarantine q = t.quarantine().orElseThrow(() -> new IllegalArgumentException("test " + t.test().value()
                + " has no quarantine"));
        g.writeStartObject();
        g.writeStringField("testId", t.test().value());
        g.writeStringField("suite", t.label().suite());
        g.writeStringField("name", t.label().name());
        nullable(g, "file", t.label().file());
        g.writeStringField("verdict", lower(t.verdict()));
        g.writeStringField("by", q.by());
        g.writeStringField("reason", q.reason());
        g.writeStringField("since", q.since().toString());
        g.writeStringField("expires", q.expires().toString());
        g.writeEndObject();
    }

    /**
     * A day's metrics row with its nightly figures (null for a day rolled up before they existed); also
     * {@code feedback metrics --json}'s line, through its generator.
     */
    public static void metrics(JsonGenerator g, DailyMetrics row, Optional<DailyFigures> figures)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("project", row.project());
        g.writeStringField("day", row.day().toString());
        g.writeNumberField("runs", row.runs());
        g.writeNumberField("tests", row.tests());
        g.writeNumberField("passed", row.passed());
        g.writeNumberField("failed", row.failed());
        g.writeNumberField("errored", row.errored());
        g.writeNumberField("skipped", row.skipped());
        g.writeNumberField("flaky", row.flaky());
        g.writeObjectFieldStart("failuresByCategory");
        for (Map.Entry<Category, Long> e : row.failuresByCategory().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("newScenarios", row.newScenarios());
        g.writeStringField("computedAt", row.computedAt().toString());
        g.writeFieldName("figures");
        if (figures.isEmpty()) {
            g.writeNull();
        } else {
            if (g.getCodec() == null) {
                g.setCodec(TREES);
            }
            g.writeTree(FiguresJson.tree(figures.get()));
        }
        g.writeEndObject();
    }

    private static String lower(HealthState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    public static void nullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one item of a page. */
    @FunctionalInterface
    interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }
}
