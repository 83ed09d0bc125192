package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.TriageMemory;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.text.TerminalText;
import java.io.PrintWriter;
import java.time.Clock;
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

        @Override
        public Integer call() {
            try (LocalStore local = ScenariosCommand.open(store)) {
                RecommendationLoop loop = RecommendationOptions.loop(local);
                Recommendation r = RecommendationOptions.find(loop, store.project, id);
                Optional<Scenario> scenario = r.scenario().flatMap(f -> local.scenarios()
                        .find(new ScenarioKey(store.project, f)));
                TriageMemory memory = loop.memory(store.project);
                IssueReport report = new IssueReport(Redactor.standard());
                PrintWriter out = spec.commandLine().getOut();
                out.println("# Recommendation " + r.id() + " (" + r.status().wireName() + ")");
                out.println();
                out.println("## Issue report");
                out.println();
                lines(out, report.markdown(r, scenario, memory));
                out.println();
                out.println("## Agent prompt");
                out.println();
                lines(out, report.agentPrompt(r, scenario, memory));
                out.println();
                out.println("## Diff");
                out.println();
                lines(out, r.fix().filter(f -> !f.diff().isBlank()).map(f -> Redactor.standard().redact(f.diff()))
                        .orElse("(no diff: the advice is the playbook's; no fix was drafted)"));
                out.println();
                out.println("## Tests");
                out.println();
                lines(out, testsSection(r));
                r.history().forEach(c -> out.println("history: " + c.from().wireName() + " -> " + c.to().wireName()
                        + " by " + TerminalText.escape(c.by()) + " at " + c.at()
                        + (c.reason().isBlank() ? "" : ": " + TerminalText.escape(c.reason()))));
                out.flush();
            }
            return 0;
        }
    }

    /** The reproduction, validation and regression tests, one line each, with what later runs said of them. */
    static String testsSection(dev.feedbackloop.recommend.Recommendation r) {
        var tests = r.ledger().opened(r).tests();
        if (tests.isEmpty()) {
            return "(no tests named)";
        }
        StringBuilder text = new StringBuilder();
        for (var t : tests) {
            text.append(String.format(java.util.Locale.ROOT, "%-12s %s  %d/%d runs passed, last %s%s%s%n",
                    t.role().wireName(), t.test().value(), t.successes(), t.runs(),
                    t.last().map(l -> (l.passed() ? "passed" : "failed") + " in run " + l.run() + " at " + l.at()
                            + l.commit().map(c -> " (" + c + ")").orElse("")).orElse("none"),
                    t.sourceHash().map(h -> ", source " + h.substring(0, 12)).orElse(""),
                    t.commit().map(c -> ", commit " + c).orElse("")));
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
