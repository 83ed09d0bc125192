package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalDigestRoutes;
import dev.feedbackloop.adapter.local.LocalNightly;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.publish.DigestChannel;
import dev.feedbackloop.publish.NightlyPublishing;
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
                + " the row; run it again after a late report to count it. Show the rows with `feedback metrics`.",
                "Then writes the project's report of the day to DIR/dashboards/PROJECT/DAY.html and, when the"
                        + " project configured a digest (DIR/digest.json, or $FEEDBACK_SLACK_WEBHOOK), posts it to"
                        + " Slack, once per project and day."})
public final class RollupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    /** Reads the digest's webhook; tests replace it. */
    java.util.Map<String, String> environment = System.getenv();
    /** Posts the digest; tests replace it with one that waits no real time between retries. */
    DigestChannel digestChannel = LocalNightly.slack();
    /** The clock of the day's default and the rows' times; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "The UTC day to roll up (default: yesterday).")
    String day;

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
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
                    + r.known() + " already kept, " + r.judged() + " fixes judged, " + r.counted()
                    + " with tests counted from runs");
            NightlyPublishing.Published published = LocalNightly.publishing(local.projectReads(clock),
                    local.deliveries(), local.path(),
                    LocalDigestRoutes.of(local.path(), environment), digestChannel, clock)
                    .publish(store.project, rolled);
            printPublished(out, published);
            out.flush();
        }
        return 0;
    }

    /** The report's path and what became of the digest (never the webhook). */
    static void printPublished(PrintWriter out, NightlyPublishing.Published published) {
        out.println("  report: " + Shown.path(java.nio.file.Path.of(published.report().link())));
        out.println("  digest: " + switch (published.digest()) {
            case SENT -> "sent to Slack";
            case ALREADY_SENT -> "already sent for this day (not sent again)";
            case NOT_CONFIGURED -> "not configured (" + LocalDigestRoutes.FILE + " in the data directory, or $"
                    + LocalDigestRoutes.WEBHOOK_VARIABLE + ")";
            case FAILED -> "failed, the next rollup tries again: " + MetricsPrinter.safe(
                    published.problem().orElse("unknown"));
        });
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
