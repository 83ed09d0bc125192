package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every read command prints the same with {@code --url} (against {@code feedback serve} over a store) as with
 * {@code --data} (the store itself): run each both ways and compare. And a read with the wrong credentials fails
 * clearly, printing nothing of the project.
 */
class ReadUrlCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shop-ci-secret";

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void everyReadCommandPrintsTheSameOverTheReadApiAsFromTheStore() throws Exception {
        Path data = storeWithHistory();
        Map<String, List<String>> reads = new LinkedHashMap<>();
        reads.put("scenarios", List.of("scenarios", "--json", "--limit", "10", "--tests", "2", "--runs", "3"));
        reads.put("flaky", List.of("flaky", "--json"));
        for (String format : List.of("json", "playwright-grep", "pytest-deselect", "surefire-excludes")) {
            reads.put("quarantine " + format, List.of("quarantine", "--format", format));
        }
        reads.put("metrics", List.of("metrics", "--json", "--days", "3650"));
        reads.put("recommendations", List.of("recommendations", "--json"));
        reads.put("run", List.of("run", "--run", "r4", "--json"));
        reads.put("run attempt", List.of("run", "--run", "r2", "--attempt", "1", "--json"));
        reads.put("scenarios text", List.of("scenarios", "--limit", "10", "--tests", "2", "--runs", "3"));
        reads.put("scenarios text, more", List.of("scenarios", "--limit", "1", "--tests", "0", "--runs", "1"));
        reads.put("flaky text", List.of("flaky"));
        reads.put("flaky text all", List.of("flaky", "--all"));
        reads.put("metrics text", List.of("metrics", "--days", "3650"));
        reads.put("recommendations text", List.of("recommendations"));
        reads.put("run text", List.of("run", "--run", "r4"));
        reads.put("run text attempt", List.of("run", "--run", "r2", "--attempt", "1", "--limit", "1"));
        String recommendation = tree(ok(run(Map.of(), List.of("recommendations", "--project", "shop", "--data",
                data.toString(), "--json"))).lines().findFirst().orElseThrow()).get("id").asText();
        reads.put("recommendation show", List.of("recommendation", "show", recommendation));
        reads.put("recommendation show prefix", List.of("recommendation", "show", recommendation.substring(0, 8)));
        Map<String, String> fromStore = new LinkedHashMap<>();
        reads.forEach((name, args) -> fromStore.put(name, ok(run(Map.of(), with(args, "--data", data.toString())))));
        // from the store, recommendations are brought up to date first and say so on their first line
        String refreshed = fromStore.get("recommendations text").lines().findFirst().orElseThrow();
        fromStore.put("recommendations text", fromStore.get("recommendations text")
                .substring(refreshed.length() + System.lineSeparator().length()));

        Map<String, String> overUrl = new LinkedHashMap<>();
        Run denied;
        Run otherProject;
        try (ServedStore served = ServedStore.start(data, Map.of("SHOP_SECRET", SECRET), "--project", "shop",
                "--project", "web", "--secret-env", "shop=SHOP_SECRET")) {
            reads.forEach((name, args) -> overUrl.put(name, ok(run(Map.of("SHOP_SECRET", SECRET),
                    with(args, "--url", served.url(), "--secret-env", "SHOP_SECRET")))));
            denied = run(Map.of("SHOP_SECRET", "not-the-secret"), with(List.of("quarantine"), "--url", served.url(),
                    "--secret-env", "SHOP_SECRET"));
            otherProject = run(Map.of("TOKEN", served.token("web")), with(List.of("flaky", "--json"), "--url",
                    served.url(), "--token-env", "TOKEN"));
            assertThat(ok(run(Map.of("TOKEN", served.token("shop")), with(List.of("quarantine", "--format",
                    "pytest-deselect"), "--url", served.url(), "--token-env", "TOKEN"))))
                    .isEqualTo(fromStore.get("quarantine pytest-deselect"));
        }

        assertThat(overUrl).isEqualTo(fromStore);
        assertThat(fromStore.get("flaky").lines()).hasSize(3);
        assertThat(fromStore.get("quarantine surefire-excludes")).isEqualTo("e2e.checkout#pays by card\\u202E\n");
        assertThat(fromStore.get("scenarios").lines()).hasSize(1);
        assertThat(fromStore.get("metrics").lines()).hasSize(1);
        assertThat(fromStore.get("recommendations").lines()).isNotEmpty();
        assertThat(JSON.readTree(fromStore.get("run")).at("/run/runId").asText()).isEqualTo("r4");
        assertThat(refreshed).isEqualTo("Brought shop's recommendations up to date: 0 new, 0 judged now");
        assertThat(fromStore.get("scenarios text")).startsWith("Scenarios of shop, most frequent first")
                .contains("        expected: 3 but was: 2\n", "tests: e2e.cart > adds items (3 runs)",
                        "runs:  r4  2026-10-04 09:00  branch main  commit c4");
        assertThat(fromStore.get("scenarios text, more")).contains("... more scenarios: raise --limit");
        assertThat(fromStore.get("flaky text")).contains("broken", "e2e.cart > adds items", "quarantined by ana",
                "pays by card\\u202E").endsWith("3 tests in shop: 1 new, 1 broken, 1 quarantined\n");
        assertThat(fromStore.get("flaky text all").lines().count()).isGreaterThan(fromStore.get("flaky text")
                .lines().count());
        assertThat(fromStore.get("metrics text")).startsWith("shop: 1 day of metrics, newest first\n2026-10-02  ");
        assertThat(fromStore.get("recommendations text")).startsWith("Recommendations for shop: ")
                .contains("immediate_fix");
        assertThat(fromStore.get("run text")).startsWith("Run r4 of shop, ").contains("still failing (1):",
                "failed   e2e.cart > adds items [");
        assertThat(fromStore.get("run text attempt")).contains("new failures (1):");
        assertThat(fromStore.get("recommendation show")).startsWith("# Recommendation " + recommendation + " (")
                .contains("## Issue report", "## Agent prompt", "## Diff", "## Tests")
                .isEqualTo(fromStore.get("recommendation show prefix"));
        assertThat(denied.status()).isEqualTo(2);
        assertThat(denied.err()).contains("answered 401").contains("does not match").doesNotContain("pays by card");
        assertThat(denied.out()).isEmpty();
        assertThat(otherProject.status()).isEqualTo(2);
        assertThat(otherProject.err()).contains("answered 403").contains("does not grant reads of project shop");
    }

    @Test
    void urlNeedsExactlyOneCredentialAndCredentialsNeedAUrl() {
        Run none = run(Map.of(), List.of("flaky", "--project", "shop", "--url", "http://127.0.0.1:9/", "--json"));
        Run both = run(Map.of("A", "a", "B", "b"), List.of("flaky", "--project", "shop", "--url",
                "http://127.0.0.1:9/", "--secret-env", "A", "--token-env", "B", "--json"));
        Run unset = run(Map.of(), List.of("metrics", "--project", "shop", "--url", "http://127.0.0.1:9/",
                "--secret-env", "NOT_SET", "--json"));
        Run alone = run(Map.of("A", "a"), List.of("scenarios", "--project", "shop", "--secret-env", "A"));

        assertThat(none.err()).contains("--url needs exactly one of --secret-env VAR");
        assertThat(both.err()).contains("--url needs exactly one of --secret-env VAR");
        assertThat(unset.err()).contains("environment variable NOT_SET (--secret-env) is not set");
        assertThat(alone.err()).contains("--secret-env and --token-env go with --url");
        for (Run refused : List.of(none, both, unset, alone)) {
            assertThat(refused.status()).isEqualTo(2);
        }
    }

    /** Four runs of project shop: a test passing on retry (then quarantined), one broken since run 2. */
    private Path storeWithHistory() throws IOException {
        Path data = dir.resolve("store");
        for (int n = 1; n <= 4; n++) {
            ok(run(Map.of(), List.of("ingest", "--project", "shop", "--data", data.toString(), "--run", "r" + n,
                    "--commit", "c" + n, "--branch", "main", report(n).toString())));
        }
        String flaky = ok(run(Map.of(), List.of("flaky", "--project", "shop", "--data", data.toString(), "--json")));
        String paysId = flaky.lines().map(ReadUrlCommandsTest::tree).filter(t -> t.get("name").asText()
                .startsWith("pays")).findFirst().orElseThrow().get("testId").asText();
        ok(run(Map.of(), List.of("quarantine", "add", "--project", "shop", "--data", data.toString(), "--test",
                paysId, "--reason", "times out waiting for #pay", "--by", "ana")));
        ok(run(Map.of(), List.of("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-02")));
        ok(run(Map.of(), List.of("recommendations", "--project", "shop", "--data", data.toString())));
        return data;
    }

    private Path report(int n) throws IOException {
        String cart = n >= 2
                ? "<testcase classname=\"e2e.cart\" name=\"adds items\"><failure message=\"expected: 3 but was: 2\""
                + " type=\"AssertionError\">AssertionError: expected: 3 but was: 2</failure></testcase>"
                : "<testcase classname=\"e2e.cart\" name=\"adds items\"/>";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="checkout" timestamp="2026-10-0%dT09:00:00" tests="3">
                  <testcase classname="e2e.checkout" name="pays by card\u202e" time="1.0">
                    <flakyFailure message="Timeout 5000ms exceeded" type="TimeoutError">TimeoutError: Timeout 5000ms exceeded waiting for #pay</flakyFailure>
                  </testcase>
                  <testcase classname="e2e.home" name="renders"/>
                  %s
                </testsuite>
                """.formatted(n, cart);
        Path file = dir.resolve("r" + n + ".xml");
        Files.writeString(file, xml);
        return file;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--project", "shop"));
        all.addAll(List.of(more));
        return all;
    }

    /** Runs the command line with {@code environment} as every read command's environment. */
    private static Run run(Map<String, String> environment, List<String> args) {
        CommandLine commandLine = new CommandLine(new FeedbackCli());
        commandLine.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        setEnvironment(commandLine, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    private static void setEnvironment(CommandLine commandLine, Map<String, String> environment) {
        Object command = commandLine.getCommand();
        if (command instanceof ScenariosCommand c) {
            c.environment = environment;
        } else if (command instanceof FlakyCommand c) {
            c.environment = environment;
        } else if (command instanceof QuarantineCommand c) {
            c.environment = environment;
        } else if (command instanceof MetricsCommand c) {
            c.environment = environment;
        } else if (command instanceof RecommendationsCommand c) {
            c.environment = environment;
        } else if (command instanceof RunCommand c) {
            c.environment = environment;
        } else if (command instanceof RecommendationCommand.Show c) {
            c.environment = environment;
        }
        commandLine.getSubcommands().values().forEach(sub -> setEnvironment(sub, environment));
    }

    private static String ok(Run run) {
        assertThat(run.status()).as(run.err()).isZero();
        return run.out();
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
