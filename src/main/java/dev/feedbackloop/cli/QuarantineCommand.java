package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.view.QuarantineList;
import dev.feedbackloop.view.ViewJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedback quarantine}: the project's quarantined tests in the embedded store, in a form a CI step passes to
 * its test runner; {@code add} and {@code remove} record a person's decision with who and why. An expired quarantine
 * drops out by itself.
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        subcommands = {QuarantineCommand.Add.class, QuarantineCommand.Remove.class},
        description = {"Lists the tests quarantined now in the embedded store, for CI to skip or tolerate:"
                + " json (one object per line), playwright-grep (a pattern for --grep-invert), pytest-deselect"
                + " (--deselect arguments), surefire-excludes (Class#method lines for -Dsurefire.excludesFile)."})
public final class QuarantineCommand implements Callable<Integer> {

    private static final int MAX_ROUNDS = 5;

    @Spec
    CommandSpec spec;

    // Not the StoreOptions mixin: its required --project would be required before `add` and `remove` too.
    @Option(names = "--project", description = "Project key (required to list).")
    String project;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the store is kept (default: ${DEFAULT-VALUE}).",
            defaultValue = ".feedback")
    java.nio.file.Path data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            converter = FormatConverter.class,
            description = "json, playwright-grep, pytest-deselect or surefire-excludes (default: ${DEFAULT-VALUE}).")
    QuarantineList.Format format;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        if (project == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--project'");
        }
        StoreOptions store = new StoreOptions();
        store.project = project;
        store.data = data;
        requireProject(spec, store);
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            if (format == QuarantineList.Format.JSON) {
                ReadUrlOptions.items(client.get(), "quarantine", "format=json", true, out);
            } else {
                out.print(client.get().require("quarantine", "format=" + format.wireName()));
                out.flush();
            }
            return 0;
        }
        Instant now = Clock.systemUTC().instant();
        try (LocalStore local = ScenariosCommand.open(store)) {
            List<TestEntry> inForce = QuarantineList.inForce(local.health().quarantined(store.project), now);
            PrintWriter out = spec.commandLine().getOut();
            print(out, inForce, format);
            out.flush();
        }
        return 0;
    }

    /** The list in {@code format}, exactly as the read API serves it (its json form as lines, not a page). */
    static void print(PrintWriter out, List<TestEntry> tests, QuarantineList.Format format) {
        if (format != QuarantineList.Format.JSON) {
            out.print(QuarantineList.text(tests, format));
            return;
        }
        for (TestEntry t : tests) {
            try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                ViewJson.quarantined(g, t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
    }

    static void requireProject(CommandSpec spec, StoreOptions store) {
        store.requireProject(spec.commandLine());
    }

    /** Reads {@code 14d}, {@code 12h}, {@code 30m} or ISO-8601 ({@code P14D}). */
    static Duration expiry(CommandLine commandLine, String text) {
        Matcher m = Pattern.compile("(\\d{1,4})([dhm])").matcher(text.strip());
        try {
            Duration d = m.matches() ? switch (m.group(2)) {
                case "d" -> Duration.ofDays(Long.parseLong(m.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                default -> Duration.ofMinutes(Long.parseLong(m.group(1)));
            } : Duration.parse(text.strip());
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(commandLine, "--expires: '" + text
                    + "' is not a positive duration such as 14d, 12h or P14D");
        }
    }

    /** Applies a decision to one test's stored health, reading again when someone else wrote it meanwhile. */
    static HealthUpdate decide(HealthStore health, String project, TestId test,
                               Function<StoredHealth, HealthUpdate> decision) {
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            StoredHealth stored = health.find(project, List.of(test)).get(test);
            if (!stored.stored()) {
                throw new IllegalArgumentException("test " + test.value() + " has no health in project " + project
                        + ": `feedback flaky --project " + project + " --json` lists the test ids");
            }
            HealthUpdate update = decision.apply(stored);
            if (!update.changed() || health.write(project, List.of(new HealthWrite(update.health(),
                    stored.version(), stored.label(), update.changes()))).isEmpty()) {
                return update;
            }
        }
        throw new StoreConflictException("Quarantine", project + "/" + test.value(), MAX_ROUNDS, null);
    }

    static TestId testId(CommandLine commandLine, String text) {
        try {
            return new TestId(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--test: " + e.getMessage()
                    + " (the testId that `feedback flaky --json` prints)");
        }
    }

    /** Accepts the formats as written on the command line ({@code playwright-grep}). */
    static final class FormatConverter implements CommandLine.ITypeConverter<QuarantineList.Format> {
        @Override
        public QuarantineList.Format convert(String value) {
            try {
                return QuarantineList.Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code feedback quarantine add}: a person quarantines a test, with why, until it expires. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Quarantines a test until --expires, recording who (--by) and why (--reason).")
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--test", required = true, paramLabel = "ID", description = "The test's id.")
        String test;

        @Option(names = "--reason", required = true, description = "Why, 1-500 characters.")
        String reason;

        @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "14d",
                description = "How long it lasts: 14d, 12h, P14D (default: ${DEFAULT-VALUE}).")
        String expires;

        @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: the user name).")
        String by;

        @Override
        public Integer call() {
            requireProject(spec, store);
            TestId id = testId(spec.commandLine(), test);
            Duration lasts = expiry(spec.commandLine(), expires);
            String who = by != null ? by : System.getProperty("user.name", "unknown");
            Instant now = Clock.systemUTC().instant();
            Quarantine quarantine;
            try {
                quarantine = new Quarantine(Quarantine.Source.PERSON, who, reason, now, now.plus(lasts));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (LocalStore local = ScenariosCommand.open(store)) {
                HealthJudge judge = new HealthJudge(HealthSettings.defaults());
                decide(local.health(), store.project, id, s -> judge.quarantine(s.health(), quarantine));
            }
            spec.commandLine().getOut().printf("quarantined %s until %s by %s: %s%n", id.value(),
                    quarantine.expires(), TerminalText.escape(who), TerminalText.escape(reason));
            return 0;
        }
    }

    /** {@code feedback quarantine remove}: a person ends a test's quarantine before it expires. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Ends a test's quarantine, recording who (--by) and why (--reason).")
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--test", required = true, paramLabel = "ID", description = "The test's id.")
        String test;

        @Option(names = "--reason", required = true, description = "Why.")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: the user name).")
        String by;

        @Override
        public Integer call() {
            requireProject(spec, store);
            TestId id = testId(spec.commandLine(), test);
            String who = by != null ? by : System.getProperty("user.name", "unknown");
            Instant now = Clock.systemUTC().instant();
            HealthUpdate update;
            try (LocalStore local = ScenariosCommand.open(store)) {
                HealthJudge judge = new HealthJudge(HealthSettings.defaults());
                update = decide(local.health(), store.project, id, s -> judge.release(s.health(), who, reason, now));
            }
            spec.commandLine().getOut().println(update.changed()
                    ? "released " + id.value() + " from quarantine by " + TerminalText.escape(who)
                    : "test " + id.value() + " was not quarantined: nothing changed");
            return 0;
        }
    }
}
