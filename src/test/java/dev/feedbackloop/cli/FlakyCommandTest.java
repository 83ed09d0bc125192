package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback flaky} on a store filled by {@code feedback ingest}: the real engines, run by run. */
class FlakyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** Run {@code n}: "pays by card" passes on retry; "adds items" fails from run 2 on; "renders" passes. */
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

    @Test
    void aTestPassingOnRetry_isFlaky_andOneFailingSinceACommit_isBroken() throws IOException {
        Path data = dir.resolve("store");
        for (int n = 1; n <= 4; n++) {
            Run ingest = run("ingest", "--project", "shop", "--data", data.toString(), "--run", "r" + n,
                    "--commit", "c" + n, "--branch", "main", report(n).toString());
            assertThat(ingest.status()).as(ingest.err()).isZero();
        }

        Run json = run("flaky", "--project", "shop", "--data", data.toString(), "--json");
        Run text = run("flaky", "--project", "shop", "--data", data.toString());

        assertThat(json.status()).as(json.err()).isZero();
        Map<String, JsonNode> byName = json.out().lines().map(FlakyCommandTest::json)
                .collect(Collectors.toMap(t -> t.get("name").asText(), t -> t));
        assertThat(byName).hasSize(3);
        JsonNode pays = byName.get("pays by card\u202e");
        assertThat(pays.get("state").asText()).isEqualTo("flaky");
        assertThat(pays.get("suite").asText()).isEqualTo("e2e.checkout");
        assertThat(pays.get("score").asDouble()).isGreaterThan(0.5);
        assertThat(pays.get("evidence").get(0).asText()).startsWith("passed on retry in run r");
        JsonNode cart = byName.get("adds items");
        assertThat(cart.get("state").asText()).isEqualTo("broken");
        assertThat(cart.get("brokenOn").get(0).get("sinceCommit").asText()).isEqualTo("c2");
        assertThat(byName.get("renders").get("state").asText()).isEqualTo("new");

        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("broken").contains("e2e.cart > adds items");
        assertThat(text.out()).contains("why: failing on every run on main since commit c2")
                .contains("pays by card\\u202E").doesNotContain("\u202e")
                .contains("3 tests in shop: 1 new, 1 flaky, 1 broken");

        String paysId = pays.get("testId").asText();
        Run badExpiry = run("quarantine", "add", "--project", "shop", "--data", data.toString(), "--test", paysId,
                "--reason", "race on #pay", "--expires", "soon");
        Run add = run("quarantine", "add", "--project", "shop", "--data", data.toString(), "--test", paysId,
                "--reason", "race on #pay", "--by", "ana", "--expires", "14d");
        Run listed = run("quarantine", "--project", "shop", "--data", data.toString());
        Run excludes = run("quarantine", "--project", "shop", "--data", data.toString(), "--format",
                "surefire-excludes");
        Run shown = run("flaky", "--project", "shop", "--data", data.toString(), "--json");
        Run remove = run("quarantine", "remove", "--project", "shop", "--data", data.toString(), "--test", paysId,
                "--reason", "race fixed", "--by", "ana");
        Run after = run("quarantine", "--project", "shop", "--data", data.toString());

        assertThat(badExpiry.status()).isNotZero();
        assertThat(badExpiry.err()).contains("--expires: 'soon'");
        assertThat(add.status()).as(add.err()).isZero();
        JsonNode quarantined = json(listed.out().lines().findFirst().orElseThrow());
        assertThat(quarantined.get("by").asText()).isEqualTo("ana");
        assertThat(quarantined.get("reason").asText()).isEqualTo("race on #pay");
        assertThat(quarantined.get("verdict").asText()).isEqualTo("flaky");
        assertThat(excludes.out().strip()).isEqualTo("e2e.checkout#pays by card\\u202E");
        assertThat(shown.out().lines().map(FlakyCommandTest::json)
                .filter(t -> t.get("testId").asText().equals(paysId)).findFirst().orElseThrow()
                .get("state").asText()).isEqualTo("quarantined");
        assertThat(remove.out()).contains("released " + paysId);
        assertThat(after.status()).isZero();
        assertThat(after.out()).isEmpty();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
