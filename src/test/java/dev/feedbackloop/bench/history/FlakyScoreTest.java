package dev.feedbackloop.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorer's arithmetic and matching on hand-made truths, and the seed rule on hand-written reports. */
class FlakyScoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void scoresFlakyAndBrokenCallsOnATinyHistory() throws IOException {
        TruthFile truth = truth(List.of(
                test("A", "flaky", "flaky:independent", false, 3),
                test("B", "flaky", "flaky:independent", false, 0),
                test("C", "broken", "regression", false, 5),
                test("D", "healthy", "healthy", false, 0),
                test("E", "new", "new", false, 0),
                withBranch(test("F", "healthy", "pr-regression", false, 3), "feature/x"),
                test("G", "flaky", "flaky-order-by-commit", true, 4),
                test("H", "fixed", "flaky-fixed", false, 2)), List.of());
        List<Prediction> predictions = predictions(
                "{\"testId\":\"" + id("A") + "\",\"state\":\"flaky\",\"score\":0.8,\"evidence\":[]}",
                "{\"suite\":\"com.acme.T\",\"name\":\"C\",\"state\":\"flaky\"}",
                "{\"testId\":\"" + id("D") + "\",\"state\":\"QUARANTINED\"}",
                "{\"testId\":\"" + id("E") + "\",\"state\":\"new\"}",
                "{\"testId\":\"" + id("F") + "\",\"state\":\"healthy\"}",
                "{\"testId\":\"" + id("F") + "\",\"state\":\"broken\",\"branch\":\"feature/x\"}",
                "{\"testId\":\"" + id("G") + "\",\"state\":\"healthy\"}",
                "{\"testId\":\"" + id("H") + "\",\"state\":\"flaky\"}",
                "{\"testId\":\"0000000000000000\",\"state\":\"flaky\"}");

        Score score = Score.of(truth, predictions);

        assertThat(score.flaky()).isEqualTo(new Confusion(1, 3, 2)); // A right; C, D, H wrongly; B, G missed
        assertThat(score.flaky().precision().getAsDouble()).isEqualTo(0.25);
        assertThat(score.flaky().recall().getAsDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(score.flaky().f1().getAsDouble()).isCloseTo(2 / 7.0, within(1e-9));
        assertThat(score.flakyClear()).isEqualTo(new Confusion(1, 3, 0)); // B never failed, G is ambiguous
        assertThat(score.broken()).isEqualTo(new Confusion(0, 0, 1));
        assertThat(score.broken().precision()).isEmpty();
        assertThat(score.broken().recall().getAsDouble()).isZero();
        assertThat(score.brokenCalledFlaky()).hasToString("1/1");
        assertThat(score.healthyCalledFlaky()).hasToString("1/2");
        assertThat(score.fixedCalledFlaky()).hasToString("1/1");
        assertThat(score.newCalledFlaky()).hasToString("0/1");
        assertThat(score.branchBrokenCalledFlaky()).hasToString("0/1");
        assertThat(score.branchBrokenFound()).hasToString("1/1");
        assertThat(score.missing()).isEqualTo(1);
        assertThat(score.unmatched()).isEqualTo(1);
        assertThat(score.mistakes()).hasSize(5).anyMatch(m -> m.contains(".C: truth broken") && m.endsWith("flaky"));
    }

    @Test
    void fStarLeavesOutTestsWhoseLabelTheDefinitionContradicts() throws IOException {
        TruthFile truth = truth(List.of(
                definition(test("A", "flaky", "flaky:independent", false, 2), false), // failed long ago
                definition(test("B", "flaky", "flaky:independent", false, 6), true),
                definition(test("C", "fixed", "regression-fixed", false, 4), false),
                definition(test("D", "healthy", "healthy", false, 2), true), // two glitches, one retried
                test("E", "flaky", "flaky:independent", false, 3)), List.of()); // an older truth: no definition
        List<Prediction> predictions = predictions(
                "{\"testId\":\"" + id("A") + "\",\"state\":\"fixed\"}",
                "{\"testId\":\"" + id("B") + "\",\"state\":\"flaky\"}",
                "{\"testId\":\"" + id("C") + "\",\"state\":\"flaky\"}",
                "{\"testId\":\"" + id("D") + "\",\"state\":\"flaky\"}",
                "{\"testId\":\"" + id("E") + "\",\"state\":\"healthy\"}");

        Score score = Score.of(truth, predictions);

        assertThat(score.flaky()).isEqualTo(new Confusion(1, 2, 2)); // B; C and D called; A and E missed
        assertThat(score.flakyClear()).isEqualTo(new Confusion(1, 1, 1)); // A and D left out: C, E still count
        assertThat(score.mistakes()).anyMatch(m -> m.contains(".A: truth flaky") && m.contains("definition says not"))
                .anyMatch(m -> m.contains(".D: truth healthy") && m.contains("definition says flaky"))
                .anyMatch(m -> m.contains(".C: truth fixed") && !m.contains("definition says"));
    }

    @Test
    void scoresAddUpOverHistories() {
        Score one = new Score(1, new Confusion(2, 1, 0), Confusion.NONE, new Confusion(1, 0, 0),
                new Score.Ratio(0, 1), Score.Ratio.NONE, Score.Ratio.NONE, new Score.Ratio(1, 10), Score.Ratio.NONE,
                Score.Ratio.NONE, 0, 0, List.of("a"));
        Score sum = one.plus(one).plus(Score.EMPTY);
        assertThat(sum.histories()).isEqualTo(2);
        assertThat(sum.flaky()).isEqualTo(new Confusion(4, 2, 0));
        assertThat(sum.flaky().f1().getAsDouble()).isEqualTo(0.8);
        assertThat(sum.healthyCalledFlaky()).hasToString("2/20");
        assertThat(sum.mistakes()).containsExactly("a", "a");
        assertThat(Confusion.NONE.f1()).isEmpty();
        assertThat(new Confusion(0, 2, 0).f1().getAsDouble()).isZero();
    }

    @Test
    void theSeedRuleCallsFlakyWhatPassedAndFailedAnywhereOutagesIncluded() throws IOException {
        report("r1.xml", """
                <testsuite name="com.acme.T">
                  <testcase classname="com.acme.T" name="X" time="1"/>
                  <testcase classname="com.acme.T" name="Y" time="1">
                    <flakyFailure message="timed out" type="java.util.concurrent.TimeoutException"/>
                  </testcase>
                  <testcase classname="com.acme.T" name="Z" time="1"/>
                  <testcase classname="com.acme.T" name="W" time="1"><failure message="expected: 1"/></testcase>
                </testsuite>""");
        report("r2.xml", """
                <testsuite name="com.acme.T">
                  <testcase classname="com.acme.T" name="X" time="1"><error message="Connection refused"/></testcase>
                  <testcase classname="com.acme.T" name="Y" time="1"/>
                  <testcase classname="com.acme.T" name="Z" time="1"/>
                  <testcase classname="com.acme.T" name="W" time="1"><failure message="expected: 1"/></testcase>
                </testsuite>""");
        TruthFile truth = truth(List.of(test("X", "healthy", "healthy", false, 0),
                test("Y", "flaky", "flaky:independent", false, 1), test("Z", "healthy", "healthy", false, 0),
                test("W", "broken", "regression", false, 2)), List.of(run("r1.xml", false), run("r2.xml", true)));

        Score seedRule = Score.of(truth, SeedRule.predict(truth));
        Score withoutOutages = Score.of(truth, SeedRule.predictWithoutOutages(truth));

        assertThat(seedRule.flaky()).isEqualTo(new Confusion(1, 1, 0)); // X failed only in the outage
        assertThat(seedRule.flaky().f1().getAsDouble()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(seedRule.broken()).isEqualTo(new Confusion(0, 0, 1)); // the seed has no broken state
        assertThat(withoutOutages.flaky()).isEqualTo(new Confusion(1, 0, 0));
    }

    @Test
    void aBadPredictionLineIsNamed() throws IOException {
        Path file = dir.resolve("p.jsonl");
        Files.writeString(file, "{\"testId\":\"a\",\"state\":\"flaky\"}\n\n{\"testId\": \n");
        assertThatThrownBy(() -> Prediction.read(file)).hasMessageContaining("p.jsonl:3").hasMessageContaining(
                "not JSON");
        assertThatThrownBy(() -> Prediction.parse("{\"testId\":\"a\"}", "f:1")).hasMessage("f:1: no \"state\"");
        assertThatThrownBy(() -> Prediction.parse("{\"state\":\"flaky\"}", "f:2"))
                .hasMessageContaining("neither \"testId\" nor \"name\"");
    }

    @Test
    void aFileThatIsNotATruthIsRefused() throws IOException {
        Path file = dir.resolve("truth.json");
        Files.writeString(file, "{\"format\":\"something else\"}");
        assertThatThrownBy(() -> TruthFile.read(file)).hasMessageContaining("not a truth file");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String id(String name) {
        return TestId.derive("p", "com.acme.T", name, Optional.empty()).value();
    }

    private static Map<String, Object> test(String name, String label, String process, boolean ambiguous,
                                            int failedAttempts) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("testId", id(name));
        test.put("suite", "com.acme.T");
        test.put("name", name);
        test.put("label", label);
        test.put("process", process);
        test.put("ambiguous", ambiguous);
        test.put("branches", List.of());
        test.put("observed", Map.of("failedAttempts", failedAttempts));
        return test;
    }

    private static Map<String, Object> definition(Map<String, Object> test, boolean flakyAtEnd) {
        @SuppressWarnings("unchecked")
        Map<String, Object> observed = new LinkedHashMap<>((Map<String, Object>) test.get("observed"));
        observed.put("definition", Map.of("flakyAtEnd", flakyAtEnd, "windowFailing", 2, "windowEvidence", 1));
        test.put("observed", observed);
        return test;
    }

    private static Map<String, Object> withBranch(Map<String, Object> test, String branch) {
        test.put("branches", List.of(Map.of("branch", branch, "label", "broken", "brokenSince", "c1")));
        return test;
    }

    private static Map<String, Object> run(String file, boolean outage) {
        return Map.of("file", file, "outage", outage);
    }

    private TruthFile truth(List<Map<String, Object>> tests, List<Map<String, Object>> runs) throws IOException {
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("format", HistoryFiles.TRUTH_FORMAT);
        truth.put("project", "p");
        truth.put("scenario", "tiny");
        truth.put("seed", 7);
        truth.put("defaultBranch", "main");
        truth.put("tests", tests);
        truth.put("runs", runs);
        Path file = dir.resolve("truth.json");
        JSON.writeValue(file.toFile(), truth);
        return TruthFile.read(file);
    }

    private List<Prediction> predictions(String... lines) throws IOException {
        Path file = dir.resolve("predicted.jsonl");
        Files.write(file, new ArrayList<>(List.of(lines)));
        return Prediction.read(file);
    }

    private void report(String name, String xml) throws IOException {
        Files.writeString(dir.resolve(name), xml);
    }
}
