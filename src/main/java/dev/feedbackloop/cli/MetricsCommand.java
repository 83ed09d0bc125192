package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.store.DailyMetrics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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

/** {@code feedback metrics}: the daily metrics rows the rollup stored, newest first. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Prints a project's daily metrics as `feedback rollup` (or the scheduled rollup function)"
                + " stored them, newest first, for the last N UTC days up to today: the counts, the"
                + " feedback_loop_metrics row, the success metrics, the quality analytics' insights and the early"
                + " warnings. Days never rolled up are left out; a figure without data shows as n/a (null in JSON)."})
public final class MetricsCommand implements Callable<Integer> {

    /** Ten years: a bound that keeps the query's range sane. */
    static final int MAX_DAYS = 3650;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
            description = "How many days back from today to show (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--json", description = "One JSON object per day, one per line, newest first; the nightly"
            + " figures under \"figures\" (null for a day rolled up before they existed).")
    boolean json;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
        if (days < 1 || days > MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1 to " + MAX_DAYS + ", was "
                    + days);
        }
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ReadUrlOptions.items(client.get(), "metrics", "days=" + days, true, out);
            } else {
                new MetricsPrinter(out).text(store.project, days, ReadUrlOptions.records(client.get(), "metrics",
                        "days=" + days));
                out.flush();
            }
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(Clock.systemUTC().instant(), ZoneOffset.UTC);
        try (LocalStore local = ScenariosCommand.open(store)) {
            LocalDate from = today.minusDays(days - 1L);
            List<DailyMetrics> rows = local.metrics().range(store.project, from, today);
            Map<LocalDate, DailyFigures> figures = new HashMap<>();
            local.figures().range(store.project, from, today).forEach(f -> figures.put(f.metrics().day(), f));
            PrintWriter out = spec.commandLine().getOut();
            MetricsPrinter printer = new MetricsPrinter(out);
            if (json) {
                printer.json(rows, figures);
            } else {
                printer.text(store.project, days, JsonRecords.printed(lines -> new MetricsPrinter(lines)
                        .json(rows, figures)));
            }
            out.flush();
        }
        return 0;
    }
}
