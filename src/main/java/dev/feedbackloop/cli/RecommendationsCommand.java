package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationJson;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback recommendations}: a project's recommendations, highest priority first. */
@Command(name = "recommendations", mixinStandardHelpOptions = true,
        description = {"Brings a project's recommendations up to date in the embedded store (an immediate fix per"
                + " scenario, from a proposed fix or the category's playbook; strategic and architectural ones from"
                + " patterns; implemented fixes judged from later runs), then lists them, highest priority first."})
public final class RecommendationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--status", paramLabel = "S", description = "Only this status: pending, draft, accepted,"
            + " rejected, wont_fix, implemented, verified or ineffective (default: all).")
    Optional<String> status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Recommendations to list, 1-1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per recommendation, one per line.")
    boolean json;

    Clock clock = Clock.systemUTC();

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        List<RecommendationStatus> statuses = statuses();
        ScenariosCommand.range(spec.commandLine(), "--limit", limit, 1);
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) { // lists what the deployed stack keeps up to date; brings nothing up to date itself
            PrintWriter out = spec.commandLine().getOut();
            String query = "limit=" + limit + status.map(s -> "&status=" + statuses.get(0).wireName()).orElse("");
            if (json) {
                ReadUrlOptions.items(client.get(), "recommendations", query, true, out);
            } else {
                listing(out, ReadUrlOptions.records(client.get(), "recommendations", query));
                out.flush();
            }
            return 0;
        }
        try (LocalStore local = ScenariosCommand.open(store)) {
            RecommendationLoop loop = RecommendationOptions.loop(local);
            Instant now = clock.instant();
            var history = RecommendationOptions.history(local);
            RecommendationLoop.Refreshed refreshed = loop.refresh(store.project,
                    history.scenarios(store.project, RecommendationOptions.SCENARIO_LIMIT),
                    RecommendationOptions.drafts(local, store.project), now);
            loop.catchUp(store.project, history);
            List<Recommendation> judged = loop.watch(store.project, history::outcomes, now);
            List<Recommendation> listed = loop.list(store.project, statuses, limit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                json(out, listed);
            } else {
                text(out, refreshed, judged, listed);
            }
            out.flush();
        }
        return 0;
    }

    private List<RecommendationStatus> statuses() {
        try {
            return status.map(s -> List.of(RecommendationStatus.parse(s)))
                    .orElseGet(() -> Arrays.asList(RecommendationStatus.values()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--status: " + e.getMessage());
        }
    }

    private void json(PrintWriter out, List<Recommendation> listed) {
        for (Recommendation r : listed) {
            try (JsonGenerator generator = JsonOutput.FACTORY.createGenerator(out)) {
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                generator.setCodec(new com.fasterxml.jackson.databind.ObjectMapper());
                generator.writeTree(RecommendationJson.summary(r));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
    }

    /** What bringing them up to date did (the store only), then the listing. */
    private void text(PrintWriter out, RecommendationLoop.Refreshed refreshed, List<Recommendation> judged,
                      List<Recommendation> listed) {
        out.println("Brought " + store.project + "'s recommendations up to date: " + refreshed.added() + " new, "
                + judged.size() + " judged now");
        listing(out, JsonRecords.printed(lines -> json(lines, listed)));
    }

    /**
     * The recommendations from their JSON records ({@code --json}'s lines, the read API's items), so the listing
     * reads the same from the store and over {@code --url}.
     */
    private void listing(PrintWriter out, List<JsonNode> listed) {
        out.println("Recommendations for " + store.project + ": " + listed.size() + " listed, highest priority first");
        for (JsonNode r : listed) {
            JsonNode effectiveness = r.path("effectiveness");
            out.printf("%2d  %s  %-21s  %-11s  effort %-6s impact %-6s %s%s%n", r.path("priority").asInt(),
                    JsonRecords.required(r, "id").substring(0, 12), JsonRecords.required(r, "kind"),
                    JsonRecords.required(r, "status"), JsonRecords.required(r, "effort"),
                    JsonRecords.required(r, "impact"), TerminalText.escape(JsonRecords.required(r, "title")),
                    effectiveness.isNumber() ? String.format(java.util.Locale.ROOT, "  (effectiveness %.2f)",
                            effectiveness.asDouble()) : "");
        }
    }
}
