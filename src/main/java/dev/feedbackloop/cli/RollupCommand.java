package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.nightly.BookRecords;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.rollup.DailyRollup;
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
        description = {"Runs a project's nightly job for one UTC day (default: yesterday) on the embedded store, as"
                + " the scheduled rollup function does on AWS: refreshes its recommendations from the scenarios seen"
                + " since the day began and judges implemented fixes, then computes and stores the day's counts and"
                + " figures (the feedback_loop_metrics row, success metrics, quality analytics with insights, early"
                + " warnings) from the runs whose run time falls on it. Running it again for the same day replaces"
                + " the row; run it again after a late report to count it. Show the rows with `feedback metrics`."})
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
            NightlyRollup.ProjectNight night = nightly(local, clock).run(store.project, rolled);
            PrintWriter out = spec.commandLine().getOut();
            out.println("rolled up " + MetricsPrinter.safe(store.project) + " on " + rolled + ": "
                    + MetricsPrinter.summary(night.rolled().counts()));
            new MetricsPrinter(out).figures(night.rolled().figures());
            NightlyRollup.Recommended r = night.recommended();
            out.println("            recommendations refreshed from the day's scenarios: " + r.added() + " new, "
                    + r.known() + " already kept, " + r.judged() + " fixes judged");
            out.flush();
        }
        return 0;
    }

    /** The nightly job over the embedded store, wired as the rollup function wires it over DynamoDB. */
    static NightlyRollup nightly(LocalStore local, Clock clock) {
        DailyRollup rollup = new DailyRollup(local.runs(), local.scenarios(), local.health(), local.metrics(),
                local.figures(), new BookRecords(local.recommendationBook(), local.scenarios()),
                HealthSettings.defaults(), clock);
        return new NightlyRollup(rollup, RecommendationOptions.loop(local), new StoredHistory(local.runs(),
                local.scenarios(), RecommendationOptions.RUN_LIMIT), local.runs(), local.scenarios(),
                local.recommendations(), clock);
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
