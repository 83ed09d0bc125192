package dev.feedbackloop.report.playwright;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.json.JsonInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Playwright spec as results: one {@link TestResult} per project the spec ran in.
 *
 * <p>Identity. The suite is the spec's file path as Playwright writes it (relative to the config's root), the name
 * the titles of the enclosing describe blocks and the spec title joined with {@code " › "}, as Playwright prints
 * them. A spec runs once per project (chromium, firefox, mobile, ...), and those runs are different tests: one can
 * break while the other passes. So the project is part of the name, in front, the way Playwright's own reporters
 * write it: {@code [firefox] Login › shows an error}; a test in the unnamed default project has no prefix. The
 * project is also the property {@value #PROJECT}.
 *
 * <p>Attempts are the spec's {@code results}, one per retry, in order. A result whose status is the test's
 * {@code expectedStatus} passed (so a {@code test.fail()} test that failed passed); {@code skipped} is skipped;
 * {@code interrupted} (the run stopped: max failures, Ctrl-C) is skipped too, as Playwright itself counts it;
 * {@code timedOut} is an error; any other outcome failed. With {@code repeatEach}, a spec holds several tests of
 * the same project; they are one test run several times in the run, so their results are its attempts, in order.
 */
final class PlaywrightSpecs {

    /** Property holding the Playwright project a test ran in. */
    static final String PROJECT = "project";
    static final String TITLE_SEPARATOR = " › ";
    static final String GLOBAL_ERROR_NAME = "errors outside tests";

    private PlaywrightSpecs() {
    }

    /**
     * @param describes titles of the enclosing describe blocks, outermost first
     * @param path      JSON path of the spec, for errors
     * @throws ReportParseException when the spec has no title or no {@code tests} array
     */
    static List<TestResult> results(JsonNode spec, List<String> describes, String path) {
        String title = JsonInput.text(spec, "title").orElse("");
        JsonNode tests = spec.get("tests");
        if (title.isBlank() || tests == null || !tests.isArray()) {
            throw new ReportParseException(path, "a Playwright spec needs a 'title' and a 'tests' array", null);
        }
        List<String> titles = new ArrayList<>(describes);
        titles.add(title);
        String baseName = String.join(TITLE_SEPARATOR, titles);
        Map<String, TestResult> byName = new LinkedHashMap<>();
        for (int i = 0; i < tests.size(); i++) {
            try {
                TestResult result = result(spec, tests.get(i), baseName);
                byName.merge(result.test().name(), result, (first, repeat) -> first.plusAttempts(repeat.attempts()));
            } catch (IllegalArgumentException e) {
                throw new ReportParseException(path + ".tests[" + i + "]", e.getMessage(), e);
            }
        }
        return List.copyOf(byName.values());
    }

    private static TestResult result(JsonNode spec, JsonNode test, String baseName) {
        String project = JsonInput.text(test, "projectName").orElse("");
        String name = project.isBlank() ? baseName : "[" + project + "] " + baseName;
        Optional<String> file = JsonInput.text(spec, "file");
        OptionalInt line = JsonInput.integer(spec, "line").stream().filter(l -> l > 0 && l <= Integer.MAX_VALUE)
                .mapToInt(l -> (int) l).findFirst();
        List<String> tags = new ArrayList<>();
        spec.path("tags").forEach(tag -> tags.add(tag.asText()));
        test.path("tags").forEach(tag -> tags.add(tag.asText()));
        TestCase testCase = new TestCase(file.orElse(""), name, file, line, tags, properties(test, project));
        return TestResult.of(testCase, attempts(test));
    }

    private static Map<String, String> properties(JsonNode test, String project) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!project.isBlank()) {
            properties.put(PROJECT, project);
        }
        String expected = JsonInput.text(test, "expectedStatus").orElse("passed");
        if (!expected.equals("passed")) {
            properties.put("expectedStatus", expected);
        }
        for (JsonNode annotation : test.path("annotations")) {
            String type = JsonInput.text(annotation, "type").orElse("");
            if (!type.isBlank()) {
                String description = JsonInput.text(annotation, "description").orElse("");
                properties.merge("annotation." + type, description, (a, b) -> a.isEmpty() ? b : a + ", " + b);
            }
        }
        return properties;
    }

    private static List<Attempt> attempts(JsonNode test) {
        String expected = JsonInput.text(test, "expectedStatus").orElse("passed");
        Optional<String> skipReason = skipReason(test);
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode result : test.path("results")) {
            attempts.add(PlaywrightResults.attempt(attempts.size(), result, expected, skipReason));
        }
        if (attempts.isEmpty()) { // never started: skipped, or cut off by the run's end
            attempts.add(new Attempt(0, AttemptStatus.SKIPPED, 0, skipReason.map(Failure::of), "", ""));
        }
        return attempts;
    }

    /** The description of a {@code skip} or {@code fixme} annotation: why the test did not run. */
    private static Optional<String> skipReason(JsonNode test) {
        for (JsonNode annotation : test.path("annotations")) {
            String type = JsonInput.text(annotation, "type").orElse("");
            if (type.equals("skip") || type.equals("fixme")) {
                return JsonInput.text(annotation, "description").filter(d -> !d.isBlank()).or(() -> Optional.of(type));
            }
        }
        return Optional.empty();
    }

    /**
     * Top-level {@code errors}: failures outside any test, one ERROR result per file they point at (or one without a
     * file), named {@value #GLOBAL_ERROR_NAME}.
     */
    static List<TestResult> globalErrors(JsonNode errors) {
        Map<String, List<JsonNode>> byFile = new LinkedHashMap<>();
        for (JsonNode error : errors) {
            String file = JsonInput.text(error.path("location"), "file").orElse("");
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(error);
        }
        List<TestResult> results = new ArrayList<>();
        byFile.forEach((file, fileErrors) -> {
            Failure failure = PlaywrightResults.failure(fileErrors, Optional.empty(), "error outside tests");
            TestCase test = new TestCase("", GLOBAL_ERROR_NAME, Optional.of(file), OptionalInt.empty(), List.of(),
                    Map.of("playwright.kind", "global-error"));
            results.add(TestResult.of(test, List.of(Attempt.failing(0, AttemptStatus.ERROR, 0, failure))));
        });
        return results;
    }
}
