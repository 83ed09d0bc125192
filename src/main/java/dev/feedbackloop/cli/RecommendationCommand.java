package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.TriageMemory;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadApi;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code feedback recommendation show|implemented ID}: one recommendation. */
@Command(name = "recommendation", mixinStandardHelpOptions = true,
        description = "One recommendation: its issue report, agent prompt and diff, or marking it implemented.",
        subcommands = {RecommendationCommand.Show.class, RecommendationCommand.Implemented.class})
public final class RecommendationCommand {

    /** {@code feedback recommendation show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the recommendation's issue report (GitHub Markdown), its coding-agent prompt and"
                    + " its diff.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "ID", description = "The recommendation's id, or its first 6 or more digits.")
        String id;

        @Mixin
        ReadUrlOptions remote = new ReadUrlOptions();

        /** Where --secret-env and --token-env are read; a test replaces it. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            store.requireProject(spec.commandLine());
            Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
            JsonNode shown;
            if (client.isPresent()) {
                shown = JsonRecords.tree(client.get().require("recommendations/" + ReadApiClient.segment(id), ""));
            } else {
                try (LocalStore local = ScenariosCommand.open(store)) {
                    RecommendationLoop loop = RecommendationOptions.loop(local);
                    Recommendation r = RecommendationOptions.find(loop, store.project, id);
                    Optional<Scenario> scenario = r.scenario().flatMap(f -> local.scenarios()
                            .find(new ScenarioKey(store.project, f)));
                    TriageMemory memory = loop.memory(store.project);
                    IssueReport report = new IssueReport(Redactor.standard());
                    // the read API's record of it, so that it prints the same from the store and over --url
                    ProjectReads reads = local.projectReads(java.time.Clock.systemUTC());
                    shown = JsonRecords.tree(ReadApi.withAttachments(ReadApi.recommendationBody(r,
                            report.agentPrompt(r, scenario, memory), report.markdown(r, scenario, memory)),
                            r.scenario().flatMap(f -> reads.scenario(store.project, f)).map(reads::attachments)
                                    .orElse(java.util.List.of())).toString());
                }
            }
            print(spec.commandLine().getOut(), shown);
            return 0;
        }

        /** The recommendation's issue report, agent prompt, diff, tests and history, from its record. */
        private static void print(PrintWriter out, JsonNode r) {
            out.println("# Recommendation " + JsonRecords.required(r, "id") + " (" + JsonRecords.required(r, "status")
                    + ")");
            out.println();
            out.println("## Issue report");
            out.println();
            lines(out, JsonRecords.required(r, "issueReport"));
            out.println();
            out.println("## Agent prompt");
            out.println();
            lines(out, JsonRecords.required(r, "agentPrompt"));
            out.println();
            out.println("## Diff");
            out.println();
            lines(out, JsonRecords.text(r, "diff").orElse("(no diff: the advice is the playbook's; no fix was"
                    + " drafted)"));
            out.println();
            out.println("## Tests");
            out.println();
            lines(out, testsSection(r.path("openedTests")));
            attachments(out, r.path("attachments"));
            for (JsonNode c : r.path("history")) {
                String reason = JsonRecords.text(c, "reason").orElse("");
                out.println("history: " + JsonRecords.required(c, "from") + " -> " + JsonRecords.required(c, "to")
                        + " by " + TerminalText.escape(JsonRecords.required(c, "by")) + " at "
                        + JsonRecords.required(c, "at") + (reason.isBlank() ? "" : ": " + TerminalText.escape(reason)));
            }
            out.flush();
        }
    }

    /**
     * The screenshots and traces stored for the scenario's newest run, one line each (test, attempt, name, type,
     * size, hash), when there are some.
     */
    private static void attachments(PrintWriter out, JsonNode attachments) {
        if (attachments.isEmpty()) {
            return;
        }
        out.println();
        out.println("## Screenshots and traces stored (newest run)");
        out.println();
        for (JsonNode a : attachments) {
            out.println(TerminalText.escape(JsonRecords.required(a, "testName")) + "  attempt "
                    + a.path("attempt").asInt() + "  " + TerminalText.escape(JsonRecords.required(a, "name")) + "  "
                    + JsonRecords.required(a, "contentType") + "  " + a.path("bytes").asLong() + " bytes  sha256 "
                    + JsonRecords.required(a, "sha256"));
        }
    }

    /** The reproduction, validation and regression tests, one line each, with what later runs said of them. */
    static String testsSection(JsonNode tests) {
        if (tests.isEmpty()) {
            return "(no tests named)";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode t : tests) {
            Optional<String> lastRun = JsonRecords.text(t, "lastRun");
            text.append(String.format(java.util.Locale.ROOT, "%-12s %s  %d/%d runs passed, last %s%s%s%n",
                    JsonRecords.required(t, "role"), JsonRecords.required(t, "testId"), t.path("successes").asInt(),
                    t.path("runs").asInt(), lastRun.map(run -> JsonRecords.required(t, "lastResult") + " in run " + run
                            + " at " + JsonRecords.required(t, "lastRunAt") + JsonRecords.text(t, "lastCommit")
                            .map(c -> " (" + c + ")").orElse("")).orElse("none"),
                    JsonRecords.text(t, "sourceHash").map(h -> ", source " + h.substring(0, 12)).orElse(""),
                    JsonRecords.text(t, "commit").map(c -> ", commit " + c).orElse("")));
        }
        return text.toString();
    }

    /** Text a terminal shows line by line, each line escaped (stored text may hold control characters). */
    static void lines(PrintWriter out, String text) {
        text.lines().forEach(line -> out.println(TerminalText.escape(line)));
    }

    /** {@code feedback recommendation implemented ID [--commit SHA]}. */
    @Command(name = "implemented", mixinStandardHelpOptions = true,
            description = "Marks an accepted recommendation implemented; later runs verify it (10 clean runs or 30"
                    + " days) or find it ineffective.")
    static final class Implemented implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(paramLabel = "ID", description = "The recommendation's id, or its first 6 or more digits.")
        String id;

        @Option(names = "--commit", paramLabel = "SHA", description = "The commit that implemented it.")
        Optional<String> commit;

        @Option(names = "--by", paramLabel = "NAME", description = "Who implemented it (default: the user name).")
        Optional<String> by;

        @Mixin
        DecisionUrlOptions remote = new DecisionUrlOptions();

        Clock clock = Clock.systemUTC();
        /** Reads --secret-env; tests replace it. */
        java.util.Map<String, String> environment = System.getenv();

        @Override
        public Integer call() throws InterruptedException {
            Optional<dev.feedbackloop.upload.IngestClient> client = remote.client(spec.commandLine(), environment,
                    clock);
            if (client.isPresent()) {
                java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("recommendation", id);
                commit.ifPresent(c -> body.put("commit", c));
                body.put("by", RecommendationOptions.by(by));
                var answer = DecisionUrlOptions.post(client.get(), "implemented", store.project, body);
                spec.commandLine().getOut().println(answer.path("recommendation").asText() + " "
                        + answer.path("recommendationStatus").asText()
                        + (answer.hasNonNull("commit") ? " in " + answer.path("commit").asText() : "")
                        + (answer.path("duplicate").asBoolean() ? " (already recorded)"
                        : "; watched from now: verified after 10 clean runs of its tests or 30 days"));
                spec.commandLine().getOut().flush();
                return 0;
            }
            try (LocalStore local = ScenariosCommand.open(store)) {
                RecommendationLoop loop = RecommendationOptions.loop(local);
                Recommendation r = RecommendationOptions.find(loop, store.project, id);
                Recommendation done = loop.implemented(store.project, r.id(), commit, RecommendationOptions.by(by),
                        clock.instant());
                spec.commandLine().getOut().println(done.id() + " " + done.status().wireName()
                        + done.implementedCommit().map(c -> " in " + c).orElse("")
                        + "; watched from now: verified after 10 clean runs of its tests or 30 days");
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
