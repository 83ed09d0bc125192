package dev.feedbackloop.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.health.Assessment;
import dev.feedbackloop.health.Evidence;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.OutageGuard;
import dev.feedbackloop.health.RunTally;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.ClassifiedFailure;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replays simulated histories through the health rules in memory, without storage: every report of a manifest
 * parsed, its failures classified, each run judged by the outage guard and each execution applied in manifest order.
 * Writes {@code predicted.jsonl} beside each manifest, in the shape of {@code ./feedback flaky --json} (state per
 * test, plus a line per branch a test is broken on). For iterating on the rules in seconds; the product path (the
 * manifest load and {@code flaky --json}) is what the evaluation scores.
 *
 * <pre>./bench.sh history.HealthReplay --dir DIR [--project shop] [--name predicted.jsonl] [--trace TEXT] [--runs]
 *     [--set name=value,...]</pre>
 * {@code --runs} prints each run with a failure, the outage guard's verdict and its failures by root cause.
 * {@code --trace} prints every execution of the tests whose id contains TEXT (suite, name) and the state after it.
 */
public final class HealthReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthReplay() {
    }

    public static void main(String[] args) throws IOException {
        Options options = new Options(args, java.util.Set.of("dir", "project", "name", "trace", "set"),
                java.util.Set.of("runs"));
        HealthSettings settings = settings(options.get("set"));
        Path dir = Path.of(options.get("dir").orElseThrow(() -> new IllegalArgumentException("--dir DIR")));
        String project = options.get("project").orElse("shop");
        String name = options.get("name").orElse("predicted.jsonl");
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(dir)) {
            manifests = files.filter(f -> f.getFileName().toString().equals("manifest.jsonl")).sorted().toList();
        }
        for (Path manifest : manifests) {
            long start = System.nanoTime();
            int tests = replay(manifest, project, manifest.resolveSibling(name), options.get("trace"),
                    options.has("runs"), settings);
            System.out.printf("%s: %d tests in %.1f s%n", manifest.getParent(), tests,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    static int replay(Path manifest, String project, Path out) throws IOException {
        return replay(manifest, project, out, Optional.empty(), false, HealthSettings.defaults());
    }

    /**
     * The defaults with some settings changed, to compare rules on the same histories: {@code --set
     * flakyOnOneProof=false,flakyExitMaxRuns=30} (the settings {@code docs/test-health.md} lists that the flaky rule
     * reads).
     */
    static HealthSettings settings(Optional<String> changes) {
        HealthSettings.Builder b = HealthSettings.defaults().toBuilder();
        for (String change : changes.map(c -> c.split(",")).orElse(new String[0])) {
            String[] kv = change.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--set wants name=value[,name=value], got " + change);
            }
            String v = kv[1].strip();
            switch (kv[0].strip()) {
                case "window" -> b.window(Integer.parseInt(v));
                case "flakyEnterFailures" -> b.flakyEnterFailures(Integer.parseInt(v));
                case "flakyExitFailures" -> b.flakyExitFailures(Integer.parseInt(v));
                case "flakyOnOneProof" -> b.flakyOnOneProof(Boolean.parseBoolean(v));
                case "flakyExitChance" -> b.flakyExitChance(Double.parseDouble(v));
                case "flakyExitMaxRuns" -> b.flakyExitMaxRuns(Integer.parseInt(v));
                case "recurringEpisodes" -> b.recurringEpisodes(Integer.parseInt(v));
                case "brokenChance" -> b.brokenChance(Double.parseDouble(v));
                case "brokenMaxRuns" -> b.brokenMaxRuns(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("--set: unknown setting " + kv[0]);
            }
        }
        return b.build();
    }

    static int replay(Path manifest, String project, Path out, Optional<String> trace, boolean showRuns,
                      HealthSettings settings) throws IOException {
        HealthJudge judge = new HealthJudge(settings);
        OutageGuard guard = new OutageGuard(settings);
        FailureClassifier classifier = FailureClassifier.standard();
        Redactor redactor = Redactor.standard();
        Reports reports = Reports.standard();
        Map<TestId, TestHealth> healths = new LinkedHashMap<>();
        Map<TestId, TestResult> names = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            RunKey key = new RunKey(project, node.get("run").asText(), node.get("attempt").asInt());
            Run run = new Run(key, Optional.of(node.get("commit").asText()), Optional.of(node.get("branch").asText()),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
            Instant time = Instant.parse(node.get("time").asText());
            List<Object[]> results = new ArrayList<>();
            RunTally.Counter tally = new RunTally.Counter();
            try (InputStream in = Files.newInputStream(manifest.resolveSibling(node.get("file").asText()))) {
                reports.parse(node.get("file").asText(), in, result -> {
                    TestResult redacted = redactor.redact(result);
                    Optional<ClassifiedFailure> classified = redacted.status().isFailing()
                            || redacted.status() == dev.feedbackloop.model.TestStatus.FLAKY
                            ? classifier.classifyLastFailure(redacted) : Optional.empty();
                    tally.add(result.status(), classified.map(c -> c.classification().category()));
                    results.add(new Object[] {result.test().id(project), redacted, classified});
                });
            }
            dev.feedbackloop.health.OutageVerdict verdict = guard.assess(tally.tally());
            boolean outage = verdict.outage();
            if (showRuns && tally.tally().failed() > 0) {
                System.out.printf("%s %s#%d %s %s: %s %s%n", time, key.runId(), key.attempt(),
                        node.get("branch").asText(), outage ? "OUTAGE" : "judged", verdict.reason(), tally.tally().failuresByCategory());
            }
            for (Object[] r : results) {
                TestId id = (TestId) r[0];
                TestResult result = (TestResult) r[1];
                @SuppressWarnings("unchecked")
                Optional<ClassifiedFailure> c = (Optional<ClassifiedFailure>) r[2];
                names.put(id, result);
                Execution e = Execution.of(id, run, time, result.status(),
                        c.map(x -> x.classification().category()), c.map(x -> x.classification().fingerprint()),
                        outage);
                TestHealth health = healths.computeIfAbsent(id, t -> TestHealth.unseen(project, t));
                TestHealth next = judge.apply(health, e).health();
                healths.put(id, next);
                if (trace.isPresent() && (result.test().suite() + "." + result.test().name()).contains(trace.get())) {
                    Assessment a = judge.assess(next);
                    System.out.printf("%s %s %s %-8s %-16s %-16s -> %-8s failing %d, proofs %d, clean %d/%d, rate %.3f%s%n",
                            time, e.runLabel(), e.branch().orElse("-"), e.commit().map(x -> x.substring(0, 7))
                            .orElse("-"), e.outcome(), e.category().map(Enum::name).orElse(""),
                            next.verdict().state(), a.flakyFailing(), a.proofs(), a.cleanRuns(), a.exitRuns(),
                            a.flakyRate(), outage ? " OUTAGE" : "");
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            healths.forEach((id, health) -> {
                Assessment a = judge.assess(health);
                TestResult r = names.get(id);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("testId", id.value());
                line.put("suite", r.test().suite());
                line.put("name", r.test().name());
                line.put("state", health.verdict().state().name().toLowerCase(java.util.Locale.ROOT));
                line.put("score", a.score());
                w.println(write(line));
                for (Evidence.FailureStreak s : a.brokenBranches()) {
                    Map<String, Object> branch = new LinkedHashMap<>(line);
                    branch.put("state", HealthState.BROKEN.name().toLowerCase(java.util.Locale.ROOT));
                    branch.put("branch", s.branch());
                    w.println(write(branch));
                }
            });
        }
        return healths.size();
    }

    private static String write(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
