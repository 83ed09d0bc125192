package dev.feedbackloop.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator writes what it claims: checked on the files, read back with the project's own parser, of one
 * default history (and a few in memory for determinism and proportions).
 */
class HistorySimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = HistorySimulator.DEFAULT_START;
    /** Seeds the in-memory checks run over. */
    private static final int SEEDS = 4;
    private static final Map<Long, History> DEFAULT_HISTORIES = new HashMap<>();
    private static final Map<String, Map<String, TestResult>> BY_NAME = new HashMap<>();

    @TempDir
    static Path folder;

    private static Path dir;
    private static JsonNode truth;
    private static List<JsonNode> manifest;
    /** Results of each run attempt, by its file, as {@link Reports} reads them. */
    private static Map<String, List<TestResult>> results;
    private static Map<String, ReportSummary> summaries;

    @BeforeAll
    static void writeDefaultHistory() throws IOException {
        dir = folder.resolve("default-1");
        HistoryFiles.write(History.generate(Scenario.named("default"), 1, "shop", START), dir);
        truth = JSON.readTree(dir.resolve("truth.json").toFile());
        manifest = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"))) {
            manifest.add(JSON.readTree(line));
        }
        results = new LinkedHashMap<>();
        summaries = new HashMap<>();
        for (JsonNode line : manifest) {
            String file = line.get("file").asText();
            List<TestResult> parsed = new ArrayList<>();
            try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                summaries.put(file, Reports.standard().parse(file, in, parsed::add));
            }
            results.put(file, parsed);
        }
    }

    @Test
    void theSameSeedWritesTheSameFilesByteForByte() throws IOException {
        Path again = folder.resolve("default-1-again");
        HistoryFiles.write(History.generate(Scenario.named("default"), 1, "shop", START), again);
        List<Path> files = files(dir);
        assertThat(files(again)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        History one = History.generate(Scenario.named("small"), 1, "shop", START);
        History two = History.generate(Scenario.named("small"), 2, "shop", START);
        assertThat(HistoryFiles.truth(two).get("tests").toString())
                .isNotEqualTo(HistoryFiles.truth(one).get("tests").toString());
    }

    @Test
    void aFolderThatHoldsAHistoryIsNotOverwritten() {
        History history = History.generate(Scenario.named("small"), 1, "shop", START);
        assertThatThrownBy(() -> HistoryFiles.write(history, dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a history");
    }

    @Test
    void everyManifestLineNamesAJunitReportInTimeOrder() {
        assertThat(manifest).hasSize(100);
        Instant previous = Instant.MIN;
        for (JsonNode line : manifest) {
            assertThat(fieldNames(line)).containsExactly("file", "run", "attempt", "commit", "branch", "time");
            assertThat(line.get("commit").asText()).matches("[0-9a-f]{40}");
            Instant time = Instant.parse(line.get("time").asText());
            assertThat(time).isAfterOrEqualTo(previous);
            previous = time;
            assertThat(summaries.get(line.get("file").asText()).format()).isEqualTo(ReportFormat.JUNIT_XML);
        }
    }

    @Test
    void aRerunIsTheSameRunIdOnTheSameCommitLater() {
        Map<String, JsonNode> firsts = new HashMap<>();
        int reruns = 0;
        for (JsonNode line : manifest) {
            String run = line.get("run").asText();
            if (line.get("attempt").asInt() == 1) {
                assertThat(firsts.put(run, line)).as("first attempts of " + run).isNull();
                continue;
            }
            reruns++;
            JsonNode first = firsts.get(run);
            assertThat(first).as("attempt 1 of " + run + " comes first").isNotNull();
            assertThat(line.get("commit")).isEqualTo(first.get("commit"));
            assertThat(line.get("file").asText()).isEqualTo("runs/" + run + "-a2.xml");
        }
        assertThat(reruns).isEqualTo(12);
    }

    @Test
    void eachReportListsTheTestsTheTruthSaysRan() {
        for (JsonNode run : truth.get("runs")) {
            List<TestResult> parsed = results.get(run.get("file").asText());
            long ran = parsed.stream().filter(r -> r.status() != TestStatus.SKIPPED).count();
            long failed = parsed.stream().filter(r -> r.status().isFailing()).count();
            assertThat(ran).as(run.get("file").asText()).isEqualTo(run.get("testsRan").asLong());
            assertThat(failed).as(run.get("file").asText()).isEqualTo(run.get("testsFailed").asLong());
        }
    }

    @Test
    void retriesParseAsFlakyInBothDialects() {
        Map<String, Integer> flakyByStyle = new HashMap<>();
        Map<String, Integer> retriedFailuresByStyle = new HashMap<>();
        for (JsonNode run : truth.get("runs")) {
            String style = run.get("retryStyle").asText();
            for (TestResult result : results.get(run.get("file").asText())) {
                if (result.status() == TestStatus.FLAKY) {
                    flakyByStyle.merge(style, 1, Integer::sum);
                }
                if (result.status().isFailing() && result.attempts().size() == 3) {
                    retriedFailuresByStyle.merge(style, 1, Integer::sum);
                }
                assertThat(result.attempts().size()).as("attempts").isLessThanOrEqualTo(style.equals("none") ? 1 : 3);
            }
        }
        assertThat(flakyByStyle).containsKeys("surefire-rerun", "repeated-testcase").doesNotContainKey("none");
        assertThat(retriedFailuresByStyle).containsKeys("surefire-rerun", "repeated-testcase");
        String reports = String.join("", results.keySet().stream().map(this::read).toList());
        assertThat(reports).contains("<flakyFailure", "<flakyError", "<rerunFailure", "<rerunError");
    }

    @Test
    void theDefaultHistoryHoldsEveryKindOfTestAndRun() {
        Set<String> processes = new HashSet<>();
        truth.get("tests").forEach(t -> processes.add(t.get("process").asText()));
        assertThat(processes).containsExactlyInAnyOrder("healthy", "flaky:independent", "flaky:clustered",
                "flaky:nightly-race", "flaky:order-dependent", "flaky-order-by-commit", "flaky-fixed",
                "flaky-then-regression", "regression", "regression-fixed", "regression-episodes", "pr-regression",
                "skipped-sometimes", "new");
        assertThat(truth.at("/summary/shortfalls")).isEmpty();
        Set<String> jobs = new HashSet<>();
        truth.get("runs").forEach(r -> jobs.add(r.get("job").asText() + "/" + r.get("retryStyle").asText()));
        assertThat(jobs).contains("nightly/none", "push/surefire-rerun", "push/none");
        assertThat(jobs).anyMatch(j -> j.startsWith("pull-request/"));
        assertThat(truth.get("commits")).anyMatch(c -> c.get("message").asText().startsWith("Merge pull request"));
        assertThat(truth.get("tests")).anyMatch(t -> t.has("addedAt") && t.get("label").asText().equals("healthy"));
    }

    @Test
    void theProportionsOfTheDefaultScenarioHoldForEverySeed() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Map<String, Object> summary = summary(defaultHistory(seed));
            assertThat(summary.get("runs")).isEqualTo(100);
            assertThat(summary.get("reruns")).isEqualTo(12L);
            assertThat(summary.get("outageRuns")).as("4% of 88 first attempts").isEqualTo(4L);
            assertThat((Long) summary.get("pullRequestRuns")).as("a quarter of builds, re-runs added")
                    .isBetween(16L, 20L);
            assertThat(summary.get("labels")).isEqualTo(Map.of("healthy", 121, "flaky", 15, "broken", 4,
                    "fixed", 4, "new", 6));
            assertThat(summary.get("shortfalls")).isEqualTo(List.of());
        }
    }

    @Test
    void flakyRatesLieBetweenTwoAndFortyPercent() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (TestPlan plan : defaultHistory(seed).plans()) {
                plan.flakiness().ifPresent(f -> assertThat(f.rate()).as(plan.test().name())
                        .isBetween(0.0199, 0.4001));
            }
        }
    }

    @Test
    void outageRunsFailMostTestsWithInfrastructureErrors() {
        int outages = 0;
        for (JsonNode run : truth.get("runs")) {
            if (!run.get("outage").asBoolean()) {
                continue;
            }
            outages++;
            List<TestResult> parsed = results.get(run.get("file").asText());
            long ran = parsed.stream().filter(r -> r.status() != TestStatus.SKIPPED).count();
            // A blip is over before the retries: its tests fail their first attempt and pass on retry.
            List<TestResult> failing = parsed.stream().filter(r -> r.status().isFailing()
                    || r.status() == TestStatus.FLAKY).toList();
            assertThat(failing.size()).as(run.get("file").asText()).isGreaterThanOrEqualTo((int) (0.8 * ran));
            long infra = failing.stream().filter(r -> isInfrastructure(r.lastFailure().orElseThrow().type().orElse("")))
                    .count();
            assertThat(infra).isGreaterThanOrEqualTo((long) (0.95 * failing.size()));
        }
        assertThat(outages).isEqualTo(4);
    }

    @Test
    void incidentsVaryInReachAndSomeAreOverBeforeTheRetries() {
        List<SimulatedRun> incidents = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            History.generate(Scenario.named("outages"), seed, "shop", START).runs().stream()
                    .filter(r -> r.run().outage()).forEach(incidents::add);
        }
        List<SimulatedRun> blips = incidents.stream().filter(r -> r.run().incident().blip()
                && r.run().retries() > 0).toList();
        assertThat(blips).isNotEmpty();
        for (SimulatedRun blip : blips) {
            // The hit tests failed their first attempt and passed the retry: the run looks green at the end.
            assertThat(blip.executions().stream().filter(Execution::passedOnRetry).count())
                    .as(blip.run().runId()).isGreaterThan(blip.ran() / 10);
        }
        assertThat(incidents.stream().filter(r -> r.run().incident().kind() == Incident.Kind.PARTIAL)
                .mapToDouble(r -> r.run().incident().hitRate()).min().orElseThrow()).isLessThan(0.3);
        assertThat(incidents.stream().filter(r -> !r.run().incident().blip()).count())
                .isGreaterThan(incidents.size() / 2);
    }

    @Test
    void aBrokenTestFailsEveryMainRunSinceItsCommitWithOneText() {
        for (JsonNode test : tests("broken")) {
            int since = mainIndex(test.get("brokenSince").asText());
            Set<String> messages = new HashSet<>();
            int failing = 0;
            for (JsonNode run : normalRuns()) {
                if (run.get("branch").asText().equals("main") && mainIndex(run.get("commit").asText()) >= since) {
                    TestResult result = resultOf(run, test).orElseThrow();
                    assertThat(result.status().isFailing()).as(test.get("name").asText()).isTrue();
                    messages.add(result.lastFailure().orElseThrow().message());
                    failing++;
                }
            }
            assertThat(failing).as(test.get("name").asText()).isGreaterThanOrEqualTo(Population.MIN_BROKEN_RUNS);
            assertThat(messages).hasSize(1);
        }
    }

    @Test
    void aPullRequestRegressionFailsOnItsBranchAndNeverOnMain() {
        List<JsonNode> regressions = new ArrayList<>();
        truth.get("tests").forEach(t -> {
            if (t.get("process").asText().equals("pr-regression")) {
                regressions.add(t);
            }
        });
        assertThat(regressions).hasSize(1);
        JsonNode test = regressions.get(0);
        String branch = test.at("/branches/0/branch").asText();
        int onBranch = 0;
        for (JsonNode run : normalRuns()) {
            boolean failed = resultOf(run, test).map(r -> r.status().isFailing()).orElse(false);
            if (run.get("branch").asText().equals("main")) {
                assertThat(failed).as("on main, " + run.get("file").asText()).isFalse();
            } else if (run.get("branch").asText().equals(branch) && failed) {
                onBranch++;
            }
        }
        assertThat(test.get("label").asText()).isEqualTo("healthy");
        assertThat(onBranch).isGreaterThanOrEqualTo(Population.MIN_BROKEN_RUNS);
    }

    @Test
    void aFixedFlakyTestIsCleanOnMainAfterItsFix() {
        List<JsonNode> fixed = new ArrayList<>();
        truth.get("tests").forEach(t -> {
            if (t.get("process").asText().equals("flaky-fixed")) {
                fixed.add(t);
            }
        });
        assertThat(fixed).hasSize(2);
        for (JsonNode test : fixed) {
            int fix = mainIndex(test.get("fixedAt").asText());
            int before = 0;
            for (JsonNode run : normalRuns()) {
                if (!run.get("branch").asText().equals("main")) {
                    continue;
                }
                TestResult result = resultOf(run, test).orElseThrow();
                boolean failedAnAttempt = result.attempts().stream().anyMatch(a -> a.status().isFailing());
                if (mainIndex(run.get("commit").asText()) >= fix) {
                    assertThat(failedAnAttempt).as(test.get("name").asText() + " after its fix").isFalse();
                } else if (failedAnAttempt) {
                    before++;
                }
            }
            assertThat(before).as(test.get("name").asText() + " before its fix").isPositive();
        }
    }

    @Test
    void aRaceFixedTooLateForItsLastThirtyExecutionsIsLabelledFlakyAsTheDefinitionSays() {
        ObjectMapper json = new ObjectMapper();
        List<String> labels = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            JsonNode small = json.valueToTree(HistoryFiles.truth(
                    History.generate(Scenario.named("small"), seed, "shop", START)));
            for (JsonNode test : small.get("tests")) {
                if (!test.get("process").asText().equals("flaky-fixed")) {
                    continue;
                }
                JsonNode definition = test.at("/observed/definition");
                String label = test.get("label").asText();
                assertThat(label).as(test.get("name").asText())
                        .isEqualTo(definition.get("flakyAtEnd").asBoolean() ? "flaky" : "fixed");
                if (label.equals("flaky")) {
                    assertThat(definition.get("windowFailing").asInt()).isPositive();
                    assertThat(test.get("notes").asText()).contains("Still flaky at the end");
                }
                labels.add(label);
            }
        }
        // a 30-run history's fix in its middle third leaves the race's failures in the last 30 executions
        assertThat(labels).contains("flaky", "fixed");
    }

    @Test
    void aNewTestAppearsInOnlyAFewRuns() {
        for (JsonNode test : tests("new")) {
            long appearances = truth.get("runs").findValuesAsText("file").stream()
                    .filter(file -> results.get(file).stream().anyMatch(r -> named(r, test))).count();
            assertThat(appearances).as(test.get("name").asText()).isBetween(1L, Population.MAX_NEW_RUNS + 2L);
        }
    }

    @Test
    void healthyTestsFailOutsideOutagesOnlyFromTheInfrastructure() {
        for (JsonNode test : tests("healthy")) {
            if (test.get("process").asText().equals("pr-regression")) {
                continue;
            }
            for (JsonNode run : normalRuns()) {
                resultOf(run, test).ifPresent(result -> result.attempts().stream()
                        .filter(a -> a.status().isFailing())
                        .forEach(a -> assertThat(isInfrastructure(a.failure().orElseThrow().type().orElse("")))
                                .as(test.get("name").asText()).isTrue()));
            }
        }
    }

    @Test
    void ambiguousTestsFailAcrossCommitsWithoutSameCommitOrRetryEvidence() {
        List<JsonNode> ambiguous = new ArrayList<>();
        truth.get("tests").forEach(t -> {
            if (t.get("ambiguous").asBoolean()) {
                ambiguous.add(t);
            }
        });
        assertThat(ambiguous).extracting(t -> t.get("label").asText()).containsExactlyInAnyOrder("flaky", "fixed");
        for (JsonNode test : ambiguous) {
            Map<String, Set<Boolean>> outcomesByCommit = new HashMap<>();
            for (JsonNode run : normalRuns()) {
                resultOf(run, test).ifPresent(result -> {
                    assertThat(result.status()).isNotEqualTo(TestStatus.FLAKY);
                    outcomesByCommit.computeIfAbsent(run.get("commit").asText(), c -> new HashSet<>())
                            .add(result.status().isFailing());
                });
            }
            assertThat(outcomesByCommit.values()).allMatch(outcomes -> outcomes.size() == 1);
            assertThat(outcomesByCommit.values().stream().filter(o -> o.contains(true)).count())
                    .as(test.get("name").asText() + " fails on several commits").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void truthTestIdsAreTheProjectsOwn() {
        JsonNode test = truth.get("tests").get(0);
        TestResult result = results.values().iterator().next().stream().filter(r -> named(r, test)).findFirst()
                .orElseThrow();
        assertThat(result.test().id("shop").value()).isEqualTo(test.get("testId").asText());
    }

    @Test
    void everyScenarioAndMixGeneratesWithoutShortfalls() {
        for (String name : Scenario.names()) {
            for (long seed = 2; seed <= 3; seed++) {
                History history = History.generate(Scenario.named(name), seed, "shop", START);
                assertThat(history.shortfalls()).as(name + " seed " + seed).isEmpty();
                assertThat(history.runs()).hasSize(Scenario.named(name).runs());
            }
        }
        Scenario one = Scenario.named("default").mixed(1);
        assertThat(one).isNotEqualTo(Scenario.named("default").mixed(2)).isEqualTo(Scenario.named("default").mixed(1));
        assertThat(one.name()).isEqualTo("default+mix");
        assertThat(History.generate(one, 1, "shop", START).runs()).hasSize(100);
    }

    @Test
    void aResizedScenarioScalesItsSpecialTests() {
        Scenario big = Scenario.named("default").resized(200, 300, 60);
        assertThat(big.mainRegressions()).isEqualTo(6);
        assertThat(big.ambiguousTests()).isTrue();
        assertThat(History.generate(big, 3, "shop", START).plans()).hasSize(300);
        assertThatThrownBy(() -> Scenario.named("nope")).hasMessageContaining("known: default, small");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static History defaultHistory(long seed) {
        return DEFAULT_HISTORIES.computeIfAbsent(seed, s -> History.generate(Scenario.named("default"), s, "shop",
                START));
    }

    private static Map<String, Object> summary(History history) {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) HistoryFiles.truth(history).get("summary");
        return summary;
    }

    private static List<JsonNode> tests(String label) {
        List<JsonNode> tests = new ArrayList<>();
        truth.get("tests").forEach(t -> {
            if (t.get("label").asText().equals(label)) {
                tests.add(t);
            }
        });
        assertThat(tests).as(label + " tests").isNotEmpty();
        return tests;
    }

    private static List<JsonNode> normalRuns() {
        List<JsonNode> runs = new ArrayList<>();
        truth.get("runs").forEach(r -> {
            if (!r.get("outage").asBoolean()) {
                runs.add(r);
            }
        });
        return runs;
    }

    /** The test's result in the run, when it ran there (not skipped). */
    private static Optional<TestResult> resultOf(JsonNode run, JsonNode test) {
        Map<String, TestResult> byName = BY_NAME.computeIfAbsent(run.get("file").asText(), file -> {
            Map<String, TestResult> index = new HashMap<>();
            results.get(file).forEach(r -> index.put(r.test().suite() + '#' + r.test().name(), r));
            return index;
        });
        return Optional.ofNullable(byName.get(test.get("suite").asText() + '#' + test.get("name").asText()))
                .filter(r -> r.status() != TestStatus.SKIPPED);
    }

    private static boolean named(TestResult result, JsonNode test) {
        return result.test().suite().equals(test.get("suite").asText())
                && result.test().name().equals(test.get("name").asText());
    }

    private static int mainIndex(String commit) {
        int index = 0;
        for (JsonNode c : truth.get("commits")) {
            if (!c.get("branch").asText().equals("main")) {
                continue;
            }
            if (c.get("id").asText().equals(commit)) {
                return index;
            }
            index++;
        }
        throw new AssertionError("no main commit " + commit);
    }

    private static boolean isInfrastructure(String type) {
        return Set.of("org.openqa.selenium.SessionNotCreatedException", "org.openqa.selenium.WebDriverException",
                "org.openqa.selenium.remote.UnreachableBrowserException", "java.lang.IllegalStateException",
                "java.net.UnknownHostException", "java.net.SocketException").contains(type);
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
