package dev.feedbackloop.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code truth.json} as the scorer reads it.
 *
 * @param path          where it was read from; reports are resolved against its folder
 * @param project       the project test ids were derived with
 * @param scenario      the scenario's name
 * @param seed          the seed
 * @param defaultBranch the branch whose state {@code label} gives
 * @param tests         each test's truth
 * @param runs          each run attempt's report and outage flag, in time order
 */
record TruthFile(Path path, String project, String scenario, long seed, String defaultBranch, List<Test> tests,
                 List<Run> runs) {

    /**
     * One test's truth.
     *
     * @param testId         the project's test id
     * @param suite          suite as reported
     * @param name           name as reported
     * @param label          its state on the default branch at the end: {@code healthy flaky broken fixed new}
     * @param process        its generating process
     * @param ambiguous      whether its history cannot show its nature (see the simulator's docs)
     * @param branchLabels   its state on other branches, where that differs ({@code broken} on a pull request)
     * @param failedAttempts failed attempts outside outage runs: 0 means its process never showed
     * @param definition     whether issue 12's definition, read literally off the history, calls it flaky at the
     *                       end ({@code observed.definition.flakyAtEnd}); empty in truth files written before it
     */
    record Test(String testId, String suite, String name, String label, String process, boolean ambiguous,
                Map<String, String> branchLabels, int failedAttempts, Optional<Boolean> definition) {
    }

    /**
     * @param file   the report, relative to the truth file's folder
     * @param outage whether an infrastructure incident hit the run
     */
    record Run(String file, boolean outage) {
    }

    /**
     * @throws IllegalArgumentException naming the file and field when it is not a truth file
     */
    static TruthFile read(Path path) throws IOException {
        JsonNode root = new ObjectMapper().readTree(path.toFile());
        if (root == null || !HistoryFiles.TRUTH_FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(path + ": not a truth file (format must be '"
                    + HistoryFiles.TRUTH_FORMAT + "')");
        }
        List<Test> tests = new ArrayList<>();
        for (JsonNode test : root.path("tests")) {
            Map<String, String> branches = new LinkedHashMap<>();
            for (JsonNode branch : test.path("branches")) {
                branches.put(text(path, branch, "branch"), text(path, branch, "label"));
            }
            tests.add(new Test(text(path, test, "testId"), text(path, test, "suite"), text(path, test, "name"),
                    text(path, test, "label"), text(path, test, "process"), test.path("ambiguous").asBoolean(),
                    branches, test.path("observed").path("failedAttempts").asInt(),
                    definition(test.path("observed").path("definition"))));
        }
        List<Run> runs = new ArrayList<>();
        for (JsonNode run : root.path("runs")) {
            runs.add(new Run(text(path, run, "file"), run.path("outage").asBoolean()));
        }
        return new TruthFile(path, text(path, root, "project"), text(path, root, "scenario"),
                root.path("seed").asLong(), root.path("defaultBranch").asText("main"), tests, runs);
    }

    private static Optional<Boolean> definition(JsonNode definition) {
        return definition.isObject() ? Optional.of(definition.path("flakyAtEnd").asBoolean()) : Optional.empty();
    }

    private static String text(Path path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(path + ": field '" + field + "' missing or not a string in " + node);
        }
        return value.asText();
    }
}
