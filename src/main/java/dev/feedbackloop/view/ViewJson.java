package dev.feedbackloop.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.feedbackloop.history.CoveredRun;
import dev.feedbackloop.history.CoveredTest;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredRun;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The read API's JSON: the same field names as the CLI's {@code --json} output ({@code feedback scenarios},
 * {@code feedback run}), so a script moves between them unchanged. Every non-ASCII character is escaped
 * ({@code \u202E}): a reader gets the same strings back, and nothing a report smuggled in reorders a log line.
 */
public final class ViewJson {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private ViewJson() {
    }

    /** A body written by {@code body}. */
    static String write(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
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
        g.writeEndObject();
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

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    static void nullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
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
