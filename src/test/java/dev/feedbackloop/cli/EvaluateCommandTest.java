package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    private static final String LABELLED = """
            {"id":"1","message":"Test timeout of 30000ms exceeded.","label":"TIMEOUT"}
            {"id":"2","message":"Error: frame.click: Frame was detached","label":"FRAME_FAIL"}
            {"id":"3","message":"Something odd happened","label":"ASSERTION_FAIL","ambiguous":true}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureStreams() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void aSetLabelledBeforeCodeErrorsExisted_isScoredInItsOwnTaxonomy_andTheStrictFigureIsShown() throws IOException {
        Path input = Files.writeString(dir.resolve("old-labels.jsonl"), """
                {"id":"npe","message":"java.lang.NullPointerException: Cannot invoke \\"String.length()\\"","label":"UNKNOWN"}
                {"id":"wait","message":"Test timeout of 30000ms exceeded.","label":"TIMEOUT"}
                """);

        assertThat(FeedbackCli.run("evaluate", "--input", input.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("accuracy   1.000  (2/2;")
                .contains("1 prediction of categories these labels never use (CODE_ERROR as UNKNOWN) scored as the"
                        + " category they refine; strict accuracy 0.500");
    }

    @Test
    void printsAccuracyMacroF1PerCategoryScoresAndTheMisclassified() throws IOException {
        Path input = Files.writeString(dir.resolve("labelled.jsonl"), LABELLED);

        assertThat(FeedbackCli.run("evaluate", "--input", input.toString())).isZero();

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("accuracy   0.667  (2/3; 1.000 on the 2 not marked ambiguous)")
                .contains("macro-F1   0.500  (mean over the 4 categories labelled or predicted)")
                .containsPattern("TIMEOUT\\s+1\\s+1\\s+1.000\\s+1.000\\s+1.000")
                .containsPattern("3\\s+label ASSERTION_FAIL\\s+got UNKNOWN\\s+0.00 \\(no rule\\)\\s+\\(ambiguous\\)");
    }

    @Test
    void printsMachineReadableJson() throws IOException {
        Path input = Files.writeString(dir.resolve("labelled.jsonl"), LABELLED);

        assertThat(FeedbackCli.run("evaluate", "--input", input.toString(), "--json")).isZero();

        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("total").asInt()).isEqualTo(3);
        assertThat(report.get("accuracy").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(report.get("categories")).hasSize(4);
        assertThat(report.get("misclassified").get(0).get("id").asText()).isEqualTo("3");
    }

    @Test
    void anUnknownLabelStopsWithTheLineNumber() throws IOException {
        Path input = Files.writeString(dir.resolve("bad.jsonl"), LABELLED + "{\"id\":\"4\",\"message\":\"x\",\"label\":\"FLAKY\"}\n");

        assertThat(FeedbackCli.run("evaluate", "--input", input.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 4 ('4'): unknown label 'FLAKY'");
    }
}
