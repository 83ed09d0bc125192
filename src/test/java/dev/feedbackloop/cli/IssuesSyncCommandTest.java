package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.testing.FakeGitHub;
import dev.feedbackloop.testing.MutableClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code feedback issues sync} end to end: a kept store filled by {@code ingest}, a local server speaking GitHub's
 * REST API, the command run again and again as the history grows.
 */
class IssuesSyncCommandTest {

    private static final String TOKEN = "ghp_e2e_token_not_a_real_one";
    private static final Pattern SCENARIO = Pattern.compile("<!-- feedback-loop:scenario=([0-9a-f]{16}) -->");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();
    private final FakeGitHub github = new FakeGitHub("acme/shop", TOKEN, clock).pageSize(2);

    private record Run(int status, String out, String err) {
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void syncFilesOneIssuePerScenarioGroupAndRunningItAgainWritesNothing() throws IOException {
        String data = dir.resolve("store").toString();
        ingest(data, "1", "1111111aaaa", Path.of("events/reports/run-1-junit.xml"));
        ingest(data, "3", "3333333bbbb", Path.of("events/reports/run-3-junit.xml"));

        Run dry = sync(data, false);
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run: filing", "would create  \"", "nothing written (--apply writes)");
        assertThat(github.requests()).noneMatch(FakeGitHub.Request::write);

        Run applied = sync(data, true);
        assertThat(applied.status()).as(applied.err()).isZero();
        List<JsonNode> issues = github.issues();
        assertThat(issues).isNotEmpty();
        assertThat(applied.out()).contains("create  #1 \"").contains("Done over 0 labelled issues: " + issues.size()
                + " created");
        Map<String, Integer> issueOf = issuesByScenario(issues);
        assertThat(issueOf.size()).as("scenarios filed").isGreaterThan(issues.size())
                .as("the planned scenarios, each in one issue").isEqualTo(count(dry.out(), "scenario"));
        assertThat(issues).as("scenarios of one test file share one issue")
                .anySatisfy(i -> assertThat(i.get("title").asText()).matches("\\d+ failure scenarios in .+"));
        assertThat(issues).allSatisfy(i -> assertThat(i.get("labels").get(0).get("name").asText())
                .isEqualTo("feedback-loop"));

        int writes = writes();
        int requests = github.requests().size();
        Run again = sync(data, true);
        assertThat(again.out()).contains("Done over " + issues.size() + " labelled issues: 0 created, 0 updated,"
                + " 0 reopened, 0 comments");
        assertThat(writes()).as("a second sync writes nothing").isEqualTo(writes);
        assertThat(github.requests().size() - requests).as("and reads only the listing's pages of 2 issues, no"
                + " comments").isEqualTo((issues.size() + 1) / 2);
        assertThat(github.issues()).hasSameSizeAs(issues);
    }

    @Test
    void aNewCommitIsCommentedOnceAQuietIssueNotAndARecentlyClosedOneIsReopened() throws IOException {
        String data = dir.resolve("store").toString();
        ingest(data, "1", "1111111aaaa", Path.of("events/reports/run-1-junit.xml"));
        assertThat(sync(data, true).status()).isZero();
        int filed = github.issues().size();
        assertThat(filed).isGreaterThan(1);
        github.label(2, "quiet");
        github.close(3, Instant.parse("2026-11-21T00:00:00Z"));

        ingest(data, "3", "3333333bbbb", Path.of("events/reports/run-3-junit.xml"));
        Run recurred = sync(data, true);
        assertThat(recurred.status()).as(recurred.err()).isZero();
        assertThat(recurred.out()).contains("reopen  #3", "(recurred 33 hours after it was closed)");
        assertThat(github.issues().get(2).get("state").asText()).isEqualTo("open");
        assertThat(github.comments(2)).as("quiet").isEmpty();
        assertThat(github.comments(3)).singleElement().asString().contains("Seen again at commit `3333333bbbb`",
                "<!-- feedback-loop:commit=3333333bbbb -->");

        Run again = sync(data, true);
        assertThat(again.out()).contains("0 reopened, 0 comments");
        assertThat(github.comments(3)).as("one comment per commit").hasSize(1);

        Path later = dir.resolve("run-4-junit.xml");
        Files.writeString(later, Files.readString(Path.of("events/reports/run-3-junit.xml"))
                .replace("2026-11-22T", "2026-11-23T"));
        ingest(data, "4", "4444444cccc", later);
        assertThat(sync(data, true).out()).contains("comment #3");
        assertThat(github.comments(3)).hasSize(2);
        assertThat(github.comments(2)).as("quiet").isEmpty();
        assertThat(github.issues()).as("no new issue for a recurrence").hasSize(filed);
    }

    @Test
    void aWontFixScenarioIsNotFiledAndBadInputIsAClearError() throws IOException {
        String data = dir.resolve("store").toString();
        ingest(data, "1", "1111111aaaa", Path.of("events/reports/run-1-junit.xml"));
        Run before = sync(data, false);
        assertThat(before.out()).contains("Dry run: filing 3 actionable scenarios");
        String id = run(Map.of(), "recommendations", "--project", "web", "--data", data, "--json").out().lines()
                .filter(l -> l.contains("\"immediate_fix\"")).findFirst().orElseThrow().replaceAll(
                        ".*\"id\":\"([0-9a-f]{64})\".*", "$1");
        assertThat(run(Map.of(), "triage", "--project", "web", "--data", data, "--recommendation", id, "--decision",
                "wont-fix", "--reason", "legacy page").status()).isZero();
        assertThat(sync(data, false).out()).contains("Dry run: filing 2 actionable scenarios");

        Run noToken = run(Map.of(), "issues", "sync", "--project", "web", "--data", data, "--repo", "acme/shop",
                "--api-url", github.url().toString(), "--apply");
        assertThat(noToken.status()).isNotZero();
        assertThat(noToken.err()).contains("--apply needs a GitHub token: set GITHUB_TOKEN");

        Run badToken = run(Map.of("GH_BOT", "wrong"), "issues", "sync", "--project", "web", "--data", data,
                "--repo", "acme/shop", "--api-url", github.url().toString(), "--token-env", "GH_BOT", "--apply");
        assertThat(badToken.status()).isNotZero();
        assertThat(badToken.err()).contains("GitHub refused the token for acme/shop (401").doesNotContain("wrong");

        Run badRepo = run(Map.of(), "issues", "sync", "--project", "web", "--data", data, "--repo", "acme");
        assertThat(badRepo.err()).contains("--repo: a GitHub repository is owner/name, was 'acme'");
    }

    private int writes() {
        return (int) github.requests().stream().filter(FakeGitHub.Request::write).count();
    }

    private static Map<String, Integer> issuesByScenario(List<JsonNode> issues) {
        Map<String, Integer> issueOf = new HashMap<>();
        for (JsonNode issue : issues) {
            Matcher m = SCENARIO.matcher(issue.get("body").asText());
            while (m.find()) {
                Integer before = issueOf.put(m.group(1), issue.get("number").asInt());
                assertThat(before).as("scenario %s in more than one issue", m.group(1)).isNull();
            }
        }
        return issueOf;
    }

    /** Scenarios the dry run named: one per single-scenario create, N per group. */
    private static int count(String dryRun, String unused) {
        int total = 0;
        Matcher m = Pattern.compile("\\((?:scenario [0-9a-f]{16}|(\\d+) scenarios)\\)").matcher(dryRun);
        while (m.find()) {
            total += m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
        }
        return total;
    }

    private void ingest(String data, String run, String commit, Path report) {
        Run ingested = run(Map.of(), "ingest", "--project", "web", "--data", data, "--run", run, "--commit", commit,
                report.toString());
        assertThat(ingested.status()).as(ingested.err()).isZero();
    }

    private Run sync(String data, boolean apply) {
        List<String> args = new ArrayList<>(List.of("issues", "sync", "--project", "web", "--data", data, "--repo",
                "acme/shop", "--api-url", github.url().toString()));
        if (apply) {
            args.add("--apply");
        }
        return run(Map.of("GITHUB_TOKEN", TOKEN), args.toArray(String[]::new));
    }

    /** The CLI with the sync command's environment, clock and sleeper injected (no real waiting, no real env). */
    private Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeedbackCli());
        cli.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        IssuesCommand.Sync sync = cli.getSubcommands().get("issues").getSubcommands().get("sync").getCommand();
        sync.environment = environment::get;
        sync.clock = clock;
        sync.sleeper = d -> {
            slept.add(d);
            clock.advance(d);
        };
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
