package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.upload.IngestClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback triage}: a person's decision on a recommendation, remembered for later ones. */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Records a decision on a recommendation: accept, reject (its approach is not proposed again"
                + " and the reason goes into the next prompt), wont-fix (the scenario gets no more recommendations)"
                + " or product-bug (the application is at fault, not the test).",
                "With --url and --secret-env the decision goes to the deployed stack's ingest URL (or `feedback"
                        + " serve`) as a signed POST /triage; the same decision sent twice is recorded once."})
public final class TriageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--recommendation", required = true, paramLabel = "ID",
            description = "The recommendation's id, or its first 6 or more digits.")
    String id;

    @Option(names = "--decision", required = true, paramLabel = "D",
            description = "accept, reject, wont-fix or product-bug.")
    String decision;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
            description = "Why (required for reject and product-bug).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decided (default: the user name).")
    Optional<String> by;

    @Mixin
    DecisionUrlOptions remote = new DecisionUrlOptions();

    Clock clock = Clock.systemUTC();
    /** Reads --secret-env; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        TriageDecision parsed;
        try {
            parsed = TriageDecision.parse(decision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision: " + e.getMessage());
        }
        Optional<IngestClient> client = remote.client(spec.commandLine(), environment, clock);
        if (client.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recommendation", id);
            body.put("decision", parsed.wireName());
            body.put("reason", reason);
            body.put("by", RecommendationOptions.by(by));
            JsonNode answer = DecisionUrlOptions.post(client.get(), "triage", store.project, body);
            spec.commandLine().getOut().println(answer.path("recommendation").asText() + " "
                    + answer.path("recommendationStatus").asText() + " (" + parsed.wireName()
                    + (reason.isBlank() ? "" : ": " + TerminalText.escape(reason)) + ")"
                    + (answer.path("duplicate").asBoolean() ? " (already recorded)" : ""));
            spec.commandLine().getOut().flush();
            return 0;
        }
        try (LocalStore local = ScenariosCommand.open(store)) {
            RecommendationLoop loop = RecommendationOptions.loop(local);
            Recommendation r = RecommendationOptions.find(loop, store.project, id);
            Recommendation decided = loop.decide(store.project, r.id(), parsed, reason, RecommendationOptions.by(by),
                    clock.instant());
            spec.commandLine().getOut().println(decided.id() + " " + decided.status().wireName() + " ("
                    + parsed.wireName() + (reason.isBlank() ? "" : ": " + TerminalText.escape(reason)) + ")");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
