package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.feedbackloop.adapter.local.DataDirectory;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.ScenarioStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback scenarios}: a project's failure scenarios in the embedded store, most frequent first. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "Lists a project's failure scenarios in the embedded store, most frequent first.")
public final class ScenariosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--limit", description = "Scenarios to list (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    int limit;

    @Option(names = "--json", description = "One JSON object per scenario, one per line.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        RunKey.requireProjectKey(store.project);
        LocalStore local;
        try {
            local = LocalStore.open(store.data, Clock.systemUTC());
        } catch (DataDirectory.NoStoreException noStore) {
            throw new IllegalArgumentException(noStore.getMessage() + ": run `feedback ingest --project "
                    + store.project + " --data " + store.data + " FILE...` first", noStore);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (local) {
            if (json) {
                printJson(local.scenarios(), out);
            } else {
                new LoopPrinter(out).scenarios(local.scenarios(), store.project, limit);
            }
        }
        return 0;
    }

    private void printJson(ScenarioStore scenarios, PrintWriter out) throws IOException {
        // The generator must not close the command's writer after the first scenario.
        JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        for (Scenario s : scenarios.mostFrequent(store.project, limit, Optional.empty()).items()) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("fingerprint", s.key().fingerprint().value());
                g.writeStringField("category", s.category().name());
                g.writeStringField("failureType", s.failureType().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("severity", s.severity());
                g.writeBooleanField("autoFixable", s.autoFixable());
                g.writeNumberField("occurrences", s.occurrences());
                g.writeNumberField("testsAffected", s.testsAffected());
                g.writeNumberField("runsAffected", s.runsAffected());
                g.writeStringField("firstSeen", s.firstSeen().toString());
                g.writeStringField("lastSeen", s.lastSeen().toString());
                g.writeStringField("sampleMessage", s.sampleMessage());
                g.writeEndObject();
            }
            out.println();
        }
        out.flush();
    }
}
