package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.DataDirectory;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.history.ProjectHistory;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.store.Page;
import java.io.PrintWriter;
import java.time.Clock;
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

/** {@code feedback scenarios}: a project's failure scenarios in the embedded store, with their tests and runs. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = {"Lists a project's failure scenarios in the embedded store, most frequent first, each with its"
                + " cause, notes, the tests it affected and the runs it was seen in (commit, branch, build URL)."})
public final class ScenariosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Scenarios to list, 1-1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--tests", paramLabel = "N", defaultValue = "5",
            description = "Tests listed per scenario, 0-1000 (default: ${DEFAULT-VALUE}).")
    int tests;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Runs listed per scenario, newest first, 0-1000 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "One JSON object per scenario, one per line.")
    boolean json;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        checkFlags(); // before any engine starts
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            String query = "limit=" + limit + "&tests=" + tests + "&runs=" + runs;
            if (json) {
                ReadUrlOptions.items(client.get(), "scenarios", query, false, out);
            } else {
                boolean[] more = new boolean[1];
                List<JsonNode> scenarios = JsonRecords.printed(lines -> more[0] = ReadUrlOptions.items(client.get(),
                        "scenarios", query, false, lines));
                new ScenarioPrinter(out).text(store.project, scenarios, more[0]);
                out.flush();
            }
            return 0;
        }
        try (LocalStore local = open(store)) {
            Page<ScenarioDetails> page = new ProjectHistory(local.runs(), local.scenarios())
                    .scenarios(store.project, limit, tests, runs);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                new ScenarioPrinter(out).json(page);
            } else {
                new ScenarioPrinter(out).text(store.project, page);
            }
            out.flush();
        }
        return 0;
    }

    private void checkFlags() {
        CommandLine commandLine = spec.commandLine();
        store.requireProject(commandLine);
        range(commandLine, "--limit", limit, 1);
        range(commandLine, "--tests", tests, 0);
        range(commandLine, "--runs", runs, 0);
    }

    static void range(CommandLine commandLine, String option, int value, int min) {
        if (value < min || value > 1000) {
            throw new CommandLine.ParameterException(commandLine, option + " must be within " + min + "..1000, was "
                    + value);
        }
    }

    /** The kept store for reading, or a message saying how to make one. */
    static LocalStore open(StoreOptions store) {
        try {
            return LocalStore.open(store.data, Clock.systemUTC());
        } catch (DataDirectory.NoStoreException noStore) {
            throw new IllegalArgumentException(noStore.getMessage() + ": run `feedback ingest --project "
                    + store.project + " --data " + store.data + " FILE...` first"); // no cause: FeedbackCli prefers a cause's message
        }
    }
}
