package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.store.ReportMetadata;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunMetadataTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void headersAreCaseInsensitive_percentDecoded_andQueryParametersTakenAsTheyCome() {
        Map<String, String> fields = RunMetadata.fieldsOf(Map.of("x-feedback-project", "web",
                "X-FEEDBACK-RUN-ID", "991", "X-Feedback-Branch", "feat/%C3%BCn%C3%AFcode%20x",
                "X-Feedback-Signature", "v2=ignored", "Content-Type", "application/gzip"),
                Map.of("commit", "abc 100%"));

        assertThat(fields).containsExactly(Map.entry("branch", "feat/ünïcode x"), Map.entry("commit", "abc 100%"),
                Map.entry("project", "web"), Map.entry("run", "991"));
    }

    @Test
    void valuesReadAsMetadata_strippedAndWithDefaults() {
        ReportMetadata run = RunMetadata.toReport(Map.of("project", " web ", "run", "5", "attempt", "3",
                "branch", "  ", "ci", "jenkins"), "fallback", NOW);

        assertThat(run.run().project()).isEqualTo("web");
        assertThat(run.run().runId()).isEqualTo("5");
        assertThat(run.run().attempt()).isEqualTo(3);
        assertThat(run.branch()).isEmpty();
        assertThat(run.ciProvider()).contains("jenkins");
        assertThat(run.time()).isEmpty();
        assertThat(RunMetadata.toReport(Map.of("project", "web"), "sha-of-report", NOW).run().runId())
                .isEqualTo("sha-of-report");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            instant          | 2026-02-27T09:12:00Z      | 2026-02-27T09:12:00Z
            with an offset   | 2026-02-27T11:12:00+02:00 | 2026-02-27T09:12:00Z
            fractions        | 2026-02-27T09:12:00.250Z  | 2026-02-27T09:12:00.250Z
            """)
    void aGivenTime_isAnIsoInstant(String name, String given, String expected) {
        assertThat(RunMetadata.toReport(Map.of("project", "web", "time", given), "f", NOW).time())
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no project         | attempt=1                      | missing project
            attempt a word     | project=web,attempt=two        | run attempt (X-Feedback-Run-Attempt, 'attempt') must be a whole number within 1..99999, was 'two'
            attempt zero       | project=web,attempt=0          | within 1..99999, was '0'
            attempt too high   | project=web,attempt=100000     | within 1..99999, was '100000'
            bad project        | project=we b                   | project must be 1-100 letters
            time not a time    | project=web,time=yesterday     | time (X-Feedback-Time, 'time'): 'yesterday' is not an ISO-8601 instant such as 2026-10-03T09:12:00Z
            time before 2000   | project=web,time=1970-01-01T00:00:00Z | not a plausible run time
            time far ahead     | project=web,time=2026-03-03T12:00:00Z | not a plausible run time
            """)
    void badValues_areRefused_namingTheFieldAndValue(String name, String given, String message) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String pair : given.split(",")) {
            fields.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThatThrownBy(() -> RunMetadata.toReport(fields, "f", NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRunIdOverTwoHundredBytes_isRefused_evenWhenShortInCharacters() {
        String runId = "ü".repeat(101); // 101 characters, 202 bytes
        assertThatThrownBy(() -> RunMetadata.toReport(Map.of("project", "web", "run", runId), "f", NOW))
                .hasMessageContaining("at most 200 bytes in UTF-8, was 202");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown header   | X-Feedback-RunId=5          |                | unknown header 'X-Feedback-RunId'
            an unknown param    |                             | runid=5        | unknown query parameter 'runid'
            a field given twice | X-Feedback-Branch=main      | branch=dev     | branch is given twice, as header X-Feedback-Branch and as query parameter 'branch'
            a bad escape        | X-Feedback-Branch=100%      |                | X-Feedback-Branch has a '%' not followed by two hex digits
            not UTF-8           | X-Feedback-Branch=%FF%FE    |                | X-Feedback-Branch is not UTF-8 once percent-decoded
            """)
    void unknownDoubledOrBadlyEncodedFields_areRefused(String name, String header, String parameter,
                                                       String message) {
        Map<String, String> headers = pair(header);
        Map<String, String> query = pair(parameter);

        assertThatThrownBy(() -> RunMetadata.fieldsOf(headers, query)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static Map<String, String> pair(String nameValue) {
        return nameValue == null ? Map.of()
                : Map.of(nameValue.substring(0, nameValue.indexOf('=')), nameValue.substring(nameValue.indexOf('=') + 1));
    }

    @Test
    void headerValues_areAsciiAndRoundTrip() {
        String value = " feat/ünïcode 100% ✓\t";
        String encoded = RunMetadata.encodeHeaderValue(value);

        assertThat(encoded).isEqualTo("%20feat/%C3%BCn%C3%AFcode%20100%25%20%E2%9C%93%09");
        assertThat(RunMetadata.decodeHeaderValue("X-Feedback-Branch", encoded)).isEqualTo(value);
        assertThat(RunMetadata.decodeHeaderValue("X-Feedback-Branch", "main")).isEqualTo("main");
    }

    @Test
    void metadataRoundTripsThroughParametersAndHeaders() {
        ReportMetadata run = RunMetadata.toReport(Map.of("project", "web", "run", "5", "attempt", "3",
                "commit", "abc", "branch", "feat/ünïcode", "time", "2026-02-27T09:12:00Z"), "other", NOW);

        Map<String, String> headers = RunMetadata.toHeaders(RunMetadata.toParameters(run));
        ReportMetadata back = RunMetadata.toReport(RunMetadata.fieldsOf(headers, Map.of()), "other", NOW);

        assertThat(back).isEqualTo(run);
        assertThat(headers).containsEntry("X-Feedback-Run-Attempt", "3")
                .containsEntry("X-Feedback-Branch", "feat/%C3%BCn%C3%AFcode")
                .containsEntry("X-Feedback-Time", "2026-02-27T09:12:00Z");
        assertThatThrownBy(() -> RunMetadata.toHeaders(Map.of("runid", "5"))).hasMessageContaining("'runid'");
    }
}
