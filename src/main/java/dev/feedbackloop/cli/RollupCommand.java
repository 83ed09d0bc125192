package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.rollup.DailyRollup;
import dev.feedbackloop.store.DailyMetrics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback rollup}: the nightly rollup of one project and UTC day, run on the embedded store. */
@Command(name = "rollup", mixinStandardHelpOptions = true,
        description = {"Computes and stores a project's daily metrics for one UTC day (default: yesterday) from the"
                + " runs in the embedded store whose run time falls on it, as the scheduled rollup function does on"
                + " AWS. Running it again for the same day replaces the row with the same figures; run it again"
                + " after a late report to count it. Show the rows with `feedback metrics`."})
public final class RollupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "The UTC day to roll up (default: yesterday).")
    String day;

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
        Clock clock = Clock.systemUTC();
        LocalDate rolled = day == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1)
                : parseDay(spec, "--day", day);
        try (LocalStore local = ScenariosCommand.open(store)) {
            DailyMetrics row = new DailyRollup(local.runs(), local.scenarios(), local.metrics(), clock)
                    .rollUp(store.project, rolled);
            PrintWriter out = spec.commandLine().getOut();
            out.println("rolled up " + MetricsPrinter.safe(store.project) + " on " + rolled + ": "
                    + MetricsPrinter.summary(row));
            out.flush();
        }
        return 0;
    }

    static LocalDate parseDay(CommandSpec spec, String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a day like 2026-03-01, was '"
                    + MetricsPrinter.safe(value) + "'");
        }
    }
}
