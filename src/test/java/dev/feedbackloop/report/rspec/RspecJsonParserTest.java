package dev.feedbackloop.report.rspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.testing.ParsedReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RSpec's JSON formatter output. */
class RspecJsonParserTest {

    private final RspecJsonParser parser = new RspecJsonParser();

    private static String example(String description, String status, String extra) {
        return """
                {"id": "./spec/cart_spec.rb[1:1]", "description": "%s", "full_description": "Cart#add %s",
                 "status": "%s", "file_path": "./spec/cart_spec.rb", "line_number": 12, "run_time": 0.25,
                 "pending_message": null%s}""".formatted(description, description, status, extra);
    }

    private static String rspec(String messages, String summaryExtra, String... examples) {
        return """
                {"version": "3.13.0", "messages": [%s], "seed": 1234, "examples": [%s],
                 "summary": {"duration": 0.5, "example_count": %d, "failure_count": 0, "pending_count": 0,
                             "errors_outside_of_examples_count": 0%s},
                 "summary_line": "x"}""".formatted(messages, String.join(",", examples), examples.length,
                summaryExtra);
    }

    @Test
    void examplesBecomeResults() {
        String expectation = example("totals", "failed", """
                , "exception": {"class": "RSpec::Expectations::ExpectationNotMetError",
                 "message": "expected: 4\\n     got: 3", "backtrace": ["./spec/cart_spec.rb:14:in `block'"]}""");
        String crash = example("removes", "failed", """
                , "exception": {"class": "NoMethodError", "message": "undefined method `id' for nil",
                 "backtrace": ["./lib/cart.rb:3:in `remove'", "./spec/cart_spec.rb:20:in `block'"]}""");
        ParsedReport report = ParsedReport.of(rspec("", "", example("adds", "passed", ""), expectation, crash,
                example("skips", "pending", "").replace("\"pending_message\": null",
                        "\"pending_message\": \"Temporarily skipped with xit\"")));

        assertThat(report.summary().format()).isEqualTo(ReportFormat.RSPEC_JSON);
        assertThat(report.outline()).containsExactly("Cart#add|adds|PASSED|PASSED", "Cart#add|totals|FAILED|FAILED",
                "Cart#add|removes|ERROR|ERROR", "Cart#add|skips|SKIPPED|SKIPPED");
        TestResult adds = report.result("adds");
        assertThat(adds.test().file()).contains("./spec/cart_spec.rb");
        assertThat(adds.test().line()).hasValue(12);
        assertThat(adds.durationMillis()).isEqualTo(250);
        Failure crashed = report.result("removes").lastFailure().orElseThrow();
        assertThat(crashed.type()).contains("NoMethodError");
        assertThat(crashed.stackTrace().orElseThrow()).isEqualTo(
                "./lib/cart.rb:3:in `remove'\n./spec/cart_spec.rb:20:in `block'");
        assertThat(report.result("skips").attempts().get(0).failure().orElseThrow().message())
                .isEqualTo("Temporarily skipped with xit");
        assertThat(report.info().orElseThrow().tool()).contains("rspec 3.13.0");
    }

    @Test
    void errorsOutsideExamplesAreOneErrorCarryingRspecsMessages() {
        String loading = "\"\\nAn error occurred while loading ./spec/broken_spec.rb.\\nFailure/Error: require 'nope'"
                + "\\n\\nLoadError:\\n  cannot load such file -- nope\\n# ./spec/broken_spec.rb:1\\n\"";
        ParsedReport report = ParsedReport.of(rspec(loading + ", \"Run options: exclude {:slow=>true}\"",
                ", \"errors_outside_of_examples_count\": 1", example("adds", "passed", ""))
                .replace("\"errors_outside_of_examples_count\": 0,", ""));

        assertThat(report.outline()).containsExactly("Cart#add|adds|PASSED|PASSED",
                "|errors outside tests|ERROR|ERROR");
        Failure failure = report.result("errors outside tests").lastFailure().orElseThrow();
        assertThat(failure.type()).contains("LoadError");
        assertThat(failure.message()).contains("cannot load such file -- nope").doesNotContain("Run options");
    }

    @Test
    void generatedDescriptionsThatRepeatAreNumbered() {
        ParsedReport report = ParsedReport.of(rspec("", "", example("is expected to eq 3", "passed", ""),
                example("is expected to eq 3", "passed", "")));

        assertThat(report.outline()).containsExactly("Cart#add|is expected to eq 3|PASSED|PASSED",
                "Cart#add|is expected to eq 3 [2]|PASSED|PASSED");
    }

    static Stream<Arguments> hostileDocuments() {
        return Stream.of(
                Arguments.of("unknown status", rspec("", "", example("a", "exploded", "")),
                        "$.examples[0].status (line 1)", "must be passed, failed or pending, was \"exploded\""),
                Arguments.of("status missing", "{\"examples\": [{\"description\": \"a\"}]}", "$.examples[0].status",
                        "is required but missing"),
                Arguments.of("line a string", rspec("", "", example("a", "passed", "").replace("12", "\"12\"")),
                        "$.examples[0].line_number", "must be an integer, was a string"),
                Arguments.of("backtrace a string", rspec("", "", example("a", "failed",
                        ", \"exception\": {\"class\": \"E\", \"backtrace\": \"x\"}")),
                        "$.examples[0].exception.backtrace", "must be an array, was a string"),
                Arguments.of("no examples", "{\"version\": \"3.13.0\", \"summary_line\": \"x\"}", "$.examples",
                        "no 'examples' array"),
                Arguments.of("truncated", rspec("", "", example("a", "passed", "")).substring(0, 150),
                        "$.examples[0]", "truncated JSON"),
                Arguments.of("deeply nested", "{\"examples\": [{\"description\": \"a\", \"x\": "
                        + "[".repeat(1000) + "]".repeat(1000) + "}]}", "$.examples[0]", "JSON exceeds a safety limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void hostileDocumentsAreRefusedNamingTheField(String name, String document, String location, String problem) {
        ParsedReport.assertRejected(parser, document, location, problem);
    }
}
