package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoredHealth;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback flaky}: each test's health in the embedded store, flaky and broken tests first, with why. */
@Command(name = "flaky", mixinStandardHelpOptions = true,
        description = {"Lists the health of a project's tests in the embedded store (new, healthy, flaky, broken,"
                + " fixed, quarantined), flaky and broken tests first, each with its score, since when, why and the"
                + " evidence (runs and commits) it rests on. Rules: docs/test-health.md."})
public final class FlakyCommand implements Callable<Integer> {

    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--json", description = "One JSON object per test, one per line, in test id order.")
    boolean json;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--all", description = "In the readable form, list every test, not only those in trouble.")
    boolean all;

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ReadUrlOptions.items(client.get(), "tests", "limit=" + PAGE, true, out);
            } else {
                new HealthPrinter(out, new HealthJudge(HealthSettings.defaults()), Clock.systemUTC().instant())
                        .text(store.project, ReadUrlOptions.records(client.get(), "tests", "limit=" + PAGE), all);
                out.flush();
            }
            return 0;
        }
        try (LocalStore local = ScenariosCommand.open(store)) {
            List<StoredHealth> tests = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                Page<StoredHealth> page = local.health().tests(store.project, PAGE, cursor);
                tests.addAll(page.items());
                cursor = page.next();
            } while (cursor.isPresent());
            PrintWriter out = spec.commandLine().getOut();
            HealthJudge judge = new HealthJudge(HealthSettings.defaults());
            Instant now = Clock.systemUTC().instant();
            HealthPrinter printer = new HealthPrinter(out, judge, now);
            if (json) {
                printer.json(tests);
            } else {
                printer.text(store.project, JsonRecords.printed(lines -> new HealthPrinter(lines, judge, now)
                        .json(tests)), all);
            }
            out.flush();
        }
        return 0;
    }
}
