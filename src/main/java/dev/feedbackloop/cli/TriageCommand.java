package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.text.TerminalText;
import java.time.Clock;
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
                + " or product-bug (the application is at fault, not the test)."})
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

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        TriageDecision parsed;
        try {
            parsed = TriageDecision.parse(decision);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision: " + e.getMessage());
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
