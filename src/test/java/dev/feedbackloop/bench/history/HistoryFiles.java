package dev.feedbackloop.bench.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.feedbackloop.bench.history.TestPlan.BreakWindow;
import dev.feedbackloop.bench.history.TestPlan.Change;
import dev.feedbackloop.model.TestId;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a history as files: {@code runs/*.xml} (one JUnit XML report per run attempt), {@code truth.json} (each
 * test's generating process and each run's outage flag) and {@code manifest.jsonl} (one line per run attempt, in
 * time order, in the format of issue 12's {@code ingest --manifest}), the manifest last, so a folder with a manifest
 * is complete.
 */
final class HistoryFiles {

    /** The truth file's format name; bump it when a field changes meaning. */
    static final String TRUTH_FORMAT = "feedback-loop-history-truth/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectMapper LINES = new ObjectMapper();

    private HistoryFiles() {
    }

    /**
     * @return the truth as written
     * @throws IllegalArgumentException when {@code dir} already holds a manifest or reports
     */
    static Map<String, Object> write(History history, Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (Files.exists(dir.resolve("manifest.jsonl")) || (Files.isDirectory(runs) && !isEmpty(runs))) {
            throw new IllegalArgumentException(dir + " already holds a history (manifest.jsonl or runs/); choose an "
                    + "empty folder");
        }
        Files.createDirectories(runs);
        for (SimulatedRun run : history.runs()) {
            try (Writer out = Files.newBufferedWriter(dir.resolve(run.run().file()), StandardCharsets.UTF_8)) {
                JunitXmlWriter.write(run, history.project(), out);
            }
        }
        Map<String, Object> truth = truth(history);
        try (Writer out = Files.newBufferedWriter(dir.resolve("truth.json"), StandardCharsets.UTF_8)) {
            JSON.writeValue(out, truth);
            out.write('\n');
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            for (SimulatedRun run : history.runs()) {
                out.write(LINES.writeValueAsString(manifestLine(run.run())));
                out.write('\n');
            }
        }
        return truth;
    }

    static Map<String, Object> manifestLine(PlannedRun run) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", run.file());
        line.put("run", run.runId());
        line.put("attempt", run.attempt());
        line.put("commit", run.commit().id());
        line.put("branch", run.commit().branch());
        line.put("time", run.time().toString());
        return line;
    }

    static Map<String, Object> truth(History history) {
        Observations observations = new Observations(history);
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("format", TRUTH_FORMAT);
        truth.put("project", history.project());
        truth.put("scenario", history.scenario().name());
        truth.put("seed", history.seed());
        truth.put("defaultBranch", Timeline.MAIN);
        truth.put("parameters", history.scenario().parameters());
        truth.put("summary", summary(history, observations));
        List<Object> tests = new ArrayList<>();
        history.plans().forEach(plan -> tests.add(test(plan, history.project(), observations)));
        truth.put("tests", tests);
        List<Object> runs = new ArrayList<>();
        history.runs().forEach(run -> runs.add(run(run)));
        truth.put("runs", runs);
        List<Object> commits = new ArrayList<>();
        history.timeline().commits().forEach(commit -> commits.add(commit(commit, history.timeline())));
        truth.put("commits", commits);
        return truth;
    }

    private static Map<String, Object> summary(History history, Observations observations) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runs", history.runs().size());
        summary.put("reruns", history.runs().stream().filter(r -> r.run().attempt() > 1).count());
        summary.put("outageRuns", history.runs().stream().filter(r -> r.run().outage()).count());
        summary.put("pullRequestRuns", history.runs().stream().filter(r -> !r.run().commit().onMain()).count());
        summary.put("nightlyRuns", history.runs().stream()
                .filter(r -> r.run().job() == PlannedRun.Job.NIGHTLY).count());
        summary.put("tests", history.plans().size());
        Map<String, Integer> labels = new TreeMap<>();
        Map<String, Integer> processes = new TreeMap<>();
        for (TestPlan plan : history.plans()) {
            labels.merge(label(plan, observations), 1, Integer::sum);
            processes.merge(process(plan), 1, Integer::sum);
        }
        summary.put("labels", labels);
        summary.put("processes", processes);
        summary.put("shortfalls", history.shortfalls());
        return summary;
    }

    private static Map<String, Object> test(TestPlan plan, String project, Observations observations) {
        TestSpec spec = plan.test();
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("testId", TestId.derive(project, spec.suite(), spec.name(), Optional.empty()).value());
        test.put("suite", spec.suite());
        test.put("name", spec.name());
        test.put("layer", spec.layer().name().toLowerCase(Locale.ROOT));
        test.put("label", label(plan, observations));
        test.put("process", process(plan));
        test.put("ambiguous", plan.kind().ambiguous);
        test.put("failRate", round(failRate(plan)));
        plan.flakiness().ifPresent(f -> {
            test.put("flakyRate", round(f.rate()));
            test.put("cause", f.cause().category);
        });
        plan.openBreakOnMain().ifPresent(w -> {
            test.put("brokenSince", w.start().id());
            test.put("cause", w.cause().category);
        });
        fixedAt(plan).ifPresent(fix -> test.put("fixedAt", fix.id()));
        plan.addedAt().ifPresent(commit -> test.put("addedAt", commit.id()));
        List<Object> branches = new ArrayList<>();
        for (BreakWindow window : plan.branchBreaks()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("branch", window.start().branch());
            entry.put("label", "broken");
            entry.put("brokenSince", window.start().id());
            branches.add(entry);
        }
        test.put("branches", branches);
        List<Object> changes = new ArrayList<>();
        for (Change change : plan.changes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("commit", change.commit().id());
            entry.put("branch", change.branch());
            entry.put("time", change.commit().time().toString());
            entry.put("label", change.label());
            changes.add(entry);
        }
        test.put("changes", changes);
        test.put("notes", label(plan, observations).equals(plan.label()) ? plan.notes() : plan.notes()
                + " Still flaky at the end by issue 12's definition: its fix came too late for its last "
                + FlakyDefinition.WINDOW + " executions to be free of it (observed.definition).");
        test.put("observed", observations.of(spec));
        return test;
    }

    /**
     * Its true state on {@code main} at the end: the process's ({@link TestPlan#label()}), except for a flaky test
     * fixed so late that issue 12's definition still holds on its last executions (it failed at least twice, with
     * flaky evidence, within its last 30, or has not yet run clean through them since): that test is flaky by the
     * definition every detector is held to, and no history can show its fix yet. On a short history (30 runs) every
     * fixed race is such a test.
     */
    static String label(TestPlan plan, Observations observations) {
        String label = plan.label();
        boolean fixedRace = plan.kind() == TestPlan.Kind.FIXED_FLAKY;
        return fixedRace && observations.of(plan.test()).definition().flakyAtEnd() ? "flaky" : label;
    }

    /** The process name, with the flaky mode where there is one ({@code flaky:clustered}). */
    static String process(TestPlan plan) {
        return plan.kind() == TestPlan.Kind.FLAKY
                ? "flaky:" + plan.flakiness().orElseThrow().mode().label : plan.kind().process;
    }

    /** The chance that an execution on {@code main} fails at the end of the history. */
    private static double failRate(TestPlan plan) {
        if (plan.openBreakOnMain().isPresent()) {
            return 1.0;
        }
        return plan.flakiness().filter(f -> f.fixedAt().isEmpty()).map(TestPlan.Flakiness::rate).orElse(0.0);
    }

    /** The last fix on {@code main}: of its flakiness, or of its last regression. */
    private static Optional<Commit> fixedAt(TestPlan plan) {
        if (!plan.label().equals("fixed")) {
            return Optional.empty();
        }
        Optional<Commit> flakyFix = plan.flakiness().flatMap(TestPlan.Flakiness::fixedAt);
        if (flakyFix.isPresent()) {
            return flakyFix;
        }
        return plan.breaks().stream().filter(w -> w.start().onMain()).map(BreakWindow::fix)
                .flatMap(Optional::stream).reduce((first, second) -> second);
    }

    private static Map<String, Object> run(SimulatedRun result) {
        PlannedRun run = result.run();
        Map<String, Object> entry = new LinkedHashMap<>(manifestLine(run));
        entry.put("job", run.job().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        entry.put("retryStyle", run.retryStyle().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        entry.put("outage", run.outage());
        if (run.outage()) {
            entry.put("incident", run.incident().kind().name().toLowerCase(Locale.ROOT));
            entry.put("incidentCause", run.incident().cause().name().toLowerCase(Locale.ROOT));
            entry.put("incidentBlip", run.incident().blip());
        }
        entry.put("testsRan", result.ran());
        entry.put("testsFailed", result.failed());
        entry.put("infraFailed", result.executions().stream().filter(Execution::failedOnInfrastructure).count());
        return entry;
    }

    private static Map<String, Object> commit(Commit commit, Timeline timeline) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", commit.id());
        entry.put("branch", commit.branch());
        entry.put("time", commit.time().toString());
        entry.put("message", commit.message());
        if (!commit.onMain()) {
            entry.put("base", timeline.main().get(commit.mainIndex()).id());
        }
        return entry;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
