package dev.feedbackloop.bench.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of {@code ./feedback flaky --json}: a test's state as a detector judged it. Only the fields the scorer
 * needs are read; {@code file}, {@code score}, {@code since} and {@code evidence} may be present and are ignored.
 *
 * @param testId the project's test id, when given
 * @param suite  suite as reported, when given
 * @param name   test name, when given
 * @param state  {@code flaky broken healthy new fixed quarantined ...}, lower-cased
 * @param branch the branch the state is for, when the line names one
 */
record Prediction(Optional<String> testId, Optional<String> suite, Optional<String> name, String state,
                  Optional<String> branch) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the state calls the test flaky: {@code flaky}, or {@code quarantined} (a flaky test set aside). */
    boolean flaky() {
        return state.equals("flaky") || state.equals("quarantined");
    }

    boolean broken() {
        return state.equals("broken");
    }

    /**
     * Reads JSON lines; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming file and line for bad JSON, a missing state, or neither a test id nor
     *                                  a name
     */
    static List<Prediction> read(Path file) throws IOException {
        List<Prediction> predictions = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    predictions.add(parse(line, file + ":" + number));
                }
            }
        }
        return predictions;
    }

    static Prediction parse(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        Optional<String> state = field(node, "state");
        Optional<String> testId = field(node, "testId");
        Optional<String> name = field(node, "name");
        if (state.isEmpty()) {
            throw new IllegalArgumentException(where + ": no \"state\"");
        }
        if (testId.isEmpty() && name.isEmpty()) {
            throw new IllegalArgumentException(where + ": neither \"testId\" nor \"name\"");
        }
        return new Prediction(testId, field(node, "suite"), name, state.get().toLowerCase(Locale.ROOT),
                field(node, "branch"));
    }

    private static Optional<String> field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText());
    }
}
