package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fingerprints and clusters of the real failure messages of the development corpus. */
class FingerprintRealMessagesTest {

    private static final FailureNormalizer NORMALIZER = FailureNormalizer.standard();
    private static final List<String> IDS = new ArrayList<>();
    private static final List<String> MESSAGES = new ArrayList<>();

    /** What changes between runs and machines: durations, ports, line numbers, addresses, attempts, home dirs. */
    private static final Pattern VOLATILE = Pattern.compile(
            "(\\d+)(?=ms\\b)|(?<=localhost:)(\\d+)|(?<=\\.(?:js|ts|java|py|cs):)(\\d+)|0x[0-9a-f]{4,}|(?<=#)(\\d+)"
                    + "|(?<=/home/|/Users/|\\\\Users\\\\)([\\w#]+)");

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Corpus.resolve("failure-messages.dev.jsonl"))) {
            JsonNode node = json.readTree(line);
            IDS.add(node.get("id").asText());
            MESSAGES.add(node.get("message").asText());
        }
    }

    @Test
    void everyMessageKeepsItsFingerprintOnAnotherRunAndMachine() {
        int changed = 0;
        for (int i = 0; i < MESSAGES.size(); i++) {
            String other = onAnotherRun(MESSAGES.get(i));
            changed += other.equals(MESSAGES.get(i)) ? 0 : 1;
            assertThat(fingerprint(other)).as(IDS.get(i)).isEqualTo(fingerprint(MESSAGES.get(i)));
        }
        assertThat(changed).as("messages the variation actually changed").isGreaterThan(30);
    }

    @Test
    void differentMessagesHaveDifferentFingerprintsExceptTheSameCauseOnTwoMachines() {
        Map<String, List<String>> byFingerprint = new TreeMap<>();
        for (int i = 0; i < MESSAGES.size(); i++) {
            byFingerprint.computeIfAbsent(fingerprint(MESSAGES.get(i)), k -> new ArrayList<>()).add(IDS.get(i));
        }

        // msg-054 and msg-055: the same CodeceptJS frame-detached failure, reported from a relative and a Windows path.
        assertThat(byFingerprint.values().stream().filter(ids -> ids.size() > 1).toList())
                .containsExactly(List.of("msg-054", "msg-055"));
    }

    @Test
    void theSameCauseCollapsesToOneClusterAndDifferentCausesDoNot() {
        FailureClusters clusters = new FailureClusters();
        Map<String, String> clusterOf = new TreeMap<>();
        for (int i = 0; i < MESSAGES.size(); i++) {
            clusterOf.put(IDS.get(i), clusters.add(NORMALIZER.normalize(Failure.of(MESSAGES.get(i))), IDS.get(i))
                    .value());
        }

        // mocha's "Timeout of Nms exceeded" from three projects, one truncated, one with the spec path appended
        assertThat(clusterOf.get("msg-098")).isEqualTo(clusterOf.get("msg-094"));
        assertThat(clusterOf.get("msg-123")).isEqualTo(clusterOf.get("msg-094"));
        // strict-mode violations on different locators are different problems
        assertThat(List.of(clusterOf.get("msg-009"), clusterOf.get("msg-010"), clusterOf.get("msg-013"),
                clusterOf.get("msg-017"))).doesNotHaveDuplicates();
        // a test timeout is not a navigation timeout; rest-assured 201/500 is not 401/400
        assertThat(clusterOf.get("msg-091")).isNotEqualTo(clusterOf.get("msg-103"));
        assertThat(clusterOf.get("msg-058")).isNotEqualTo(clusterOf.get("msg-059"));
        assertThat(clusters.clusters()).hasSize(MESSAGES.size() - 3);
    }

    /** The message as another run on another machine would print it. */
    private static String onAnotherRun(String message) {
        Matcher m = VOLATILE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement = token.startsWith("0x") ? "0x" + "beef".repeat(3)
                    : token.chars().allMatch(Character::isDigit) ? String.valueOf(Long.parseLong(token) + 7)
                    : "builder";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static String fingerprint(String message) {
        return NORMALIZER.normalize(Failure.of(message)).fingerprint().value();
    }
}
