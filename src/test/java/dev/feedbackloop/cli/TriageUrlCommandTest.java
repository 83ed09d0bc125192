package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code triage} and {@code recommendation implemented} with {@code --url}: the decision goes to {@code feedback
 * serve} as a signed {@code POST /triage} (or {@code /implemented}) and lands in the store exactly as with
 * {@code --data}; sent twice it is recorded once; another project's secret, or a wrong one, changes nothing.
 */
class TriageUrlCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEB_SECRET = "web-ci-secret";
    private static final String SHOP_SECRET = "shop-ci-secret";

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void decisionsSentToServeAreRecordedOnceAndOnlyForTheSigningProject() throws Exception {
        Path data = dir.resolve("store");
        ok(run(Map.of(), "ingest", "--project", "web", "--data", data.toString(), "--run", "1",
                "events/reports/run-1-junit.xml"));
        List<JsonNode> listed = ok(run(Map.of(), "recommendations", "--project", "web", "--data", data.toString(),
                "--json")).lines().map(TriageUrlCommandTest::json).toList();
        String id = listed.get(0).get("id").asText();
        Files.writeString(data.resolve("ingest-secrets.json"), JSON.writeValueAsString(Map.of("web", WEB_SECRET,
                "shop", SHOP_SECRET)));
        Map<String, String> env = Map.of("WEB_SECRET", WEB_SECRET, "SHOP_SECRET", SHOP_SECRET, "WRONG", "nope");

        Run accepted;
        Run again;
        Run implemented;
        Run otherProject;
        Run wrongSecret;
        Run badDecision;
        try (ServedStore served = ServedStore.start(data, Map.of(), "--project", "web")) {
            String url = served.url();
            otherProject = run(env, "triage", "--project", "shop", "--recommendation", id, "--decision",
                    "accept", "--by", "mallory", "--url", url, "--secret-env", "SHOP_SECRET");
            wrongSecret = run(env, "triage", "--project", "web", "--recommendation", id, "--decision", "accept",
                    "--by", "mallory", "--url", url, "--secret-env", "WRONG");
            accepted = run(env, "triage", "--project", "web", "--recommendation", id.substring(0, 8), "--decision",
                    "accept", "--reason", "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 aside, yes", "--by", "ana",
                    "--url", url, "--secret-env", "WEB_SECRET");
            again = run(env, "triage", "--project", "web", "--recommendation", id, "--decision", "accept",
                    "--reason", "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 aside, yes", "--by", "ana", "--url",
                    url, "--secret-env", "WEB_SECRET");
            badDecision = run(env, "triage", "--project", "web", "--recommendation", id, "--decision", "reject",
                    "--by", "ana", "--url", url, "--secret-env", "WEB_SECRET");
            implemented = run(env, "recommendation", "implemented", id, "--project", "web", "--commit", "4f2c1d0",
                    "--by", "ana", "--url", url, "--secret-env", "WEB_SECRET");
        }

        assertThat(otherProject.status()).isEqualTo(2);
        assertThat(otherProject.err()).contains("refused: HTTP 404").contains("no recommendation " + id
                + " in project shop");
        assertThat(wrongSecret.status()).isEqualTo(2);
        assertThat(wrongSecret.err()).contains("refused: HTTP 401").contains("signature does not match");
        assertThat(ok(accepted)).startsWith(id + " accepted (accept: token ").doesNotContain("(already recorded)");
        assertThat(ok(again)).endsWith("(already recorded)\n");
        assertThat(badDecision.status()).isEqualTo(2);
        assertThat(badDecision.err()).contains("refused: HTTP 400").contains("$.reason is required for a reject");
        assertThat(ok(implemented)).startsWith(id + " implemented in 4f2c1d0; watched from now");

        String shown = ok(run(Map.of(), "recommendation", "show", id, "--project", "web", "--data", data.toString()));
        assertThat(shown).contains("history: draft -> accepted by ana", "history: accepted -> implemented by ana")
                .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(shown.lines().filter(l -> l.startsWith("history: draft -> accepted"))).hasSize(1);
    }

    @Test
    void theUrlNeedsTheSecretAndTheSecretTheUrl() {
        Run noSecret = run(Map.of(), "triage", "--project", "web", "--recommendation", "abcdef", "--decision",
                "accept", "--url", "http://127.0.0.1:9/");
        Run noUrl = run(Map.of("A", "a"), "recommendation", "implemented", "abcdef", "--project", "web",
                "--secret-env", "A");
        Run unset = run(Map.of(), "triage", "--project", "web", "--recommendation", "abcdef", "--decision",
                "accept", "--url", "http://127.0.0.1:9/", "--secret-env", "UNSET");

        assertThat(noSecret.err()).contains("--url needs --secret-env VAR");
        assertThat(noUrl.err()).contains("--secret-env goes with --url");
        assertThat(unset.err()).contains("environment variable UNSET (--secret-env) is not set");
        assertThat(List.of(noSecret.status(), noUrl.status(), unset.status())).containsOnly(2);
    }

    private static Run run(Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new FeedbackCli());
        commandLine.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        setEnvironment(commandLine, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void setEnvironment(CommandLine commandLine, Map<String, String> environment) {
        if (commandLine.getCommand() instanceof TriageCommand c) {
            c.environment = environment;
        } else if (commandLine.getCommand() instanceof RecommendationCommand.Implemented c) {
            c.environment = environment;
        }
        commandLine.getSubcommands().values().forEach(sub -> setEnvironment(sub, environment));
    }

    private static String ok(Run run) {
        assertThat(run.status()).as(run.err()).isZero();
        return run.out();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
