package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.classify.ProjectClassifiers;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ProjectRules;
import dev.feedbackloop.store.ProjectRulesStore;
import dev.feedbackloop.text.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code feedback rules set|show}: a project's custom classification rules, kept with the project in its store and
 * applied by the classify stage to every report of the project from then on (on AWS, the same table holds them).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"A project's custom classification rules, kept in its store and applied to its reports.",
                "Each change is a new version; every analysis names the version that produced it."},
        subcommands = {RulesCommand.Set.class, RulesCommand.Show.class})
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: rules set or rules show");
    }

    static void checkProject(CommandSpec spec, String project) {
        try {
            RunKey.requireProjectKey(project);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--project: " + e.getMessage());
        }
    }

    /** Saves {@code text} as the project's rules in the running loop's store and says which version it is. */
    static ProjectRules save(LocalLoop loop, String project, String text, Path file, PrintWriter out) {
        ProjectRulesStore store = loop.wiring().projectRules();
        Optional<ProjectRules> before = store.current(project);
        ProjectRules saved = ProjectClassifiers.stored(store).save(project, text, file.toString(),
                Clock.systemUTC().instant());
        int count = ProjectClassifiers.parse(text, file.toString()).rules().size();
        boolean unchanged = before.isPresent() && before.get().version() == saved.version();
        out.printf("rules of project %s: version %d (%s from %s)%s%n", project, saved.version(),
                Plural.of(count, "rule"), file,
                unchanged ? ", unchanged" : "; reports classified from now on apply them before the built-in rules");
        return saved;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Validates FILE (custom rules: the classify --rules format, or Allure categories.json)"
                    + " and saves it as the project's rules, a new version unless they are unchanged.",
                    "An empty list ([]) clears them."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(index = "0", paramLabel = "FILE", description = "The rule file (JSON).")
        Path file;

        @Override
        public Integer call() throws IOException {
            checkProject(spec, store.project);
            String text = CliFiles.rulesText(file); // a bad file is refused before any engine starts
            PrintWriter out = spec.commandLine().getOut();
            try (LocalLoop loop = LocalLoop.start(Optional.of(store.data), Clock.systemUTC())) {
                save(loop, store.project, text, file, out);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Prints the project's current rules as saved (to stdout, so `> rules.json` gives an"
                    + " editable file); which version and when on stderr."})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() {
            checkProject(spec, store.project);
            try (LocalStore local = ScenariosCommand.open(store)) {
                Optional<ProjectRules> rules = local.projectRules().current(store.project);
                if (rules.isEmpty()) {
                    spec.commandLine().getErr().printf("project %s has no custom rules in %s; set them with: "
                            + "feedback rules set --project %s --data %s FILE%n", store.project, store.data,
                            store.project, store.data);
                    return 1;
                }
                ProjectRules current = rules.get();
                spec.commandLine().getErr().printf("rules of project %s: version %d, saved %s, sha256 %s%n",
                        store.project, current.version(), Shown.minute(current.savedAt()),
                        current.digest().substring(0, 12));
                PrintWriter out = spec.commandLine().getOut();
                out.print(current.text());
                if (!current.text().endsWith("\n")) {
                    out.println();
                }
                out.flush();
            }
            return 0;
        }
    }
}
