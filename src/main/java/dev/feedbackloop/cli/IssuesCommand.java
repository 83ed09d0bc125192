package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.github.GitHubIssueTracker;
import dev.feedbackloop.adapter.github.GitHubRepository;
import dev.feedbackloop.adapter.github.Sleeper;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.adapter.secrets.SecretsManagerApiKey;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.tracker.ActionableScenarios;
import dev.feedbackloop.tracker.IssueAction;
import dev.feedbackloop.tracker.IssuePlanner;
import dev.feedbackloop.tracker.IssueSync;
import dev.feedbackloop.tracker.TrackedScenario;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@code feedback issues sync}: one GitHub issue per actionable scenario. */
@Command(name = "issues", mixinStandardHelpOptions = true,
        description = "GitHub issues for the project's scenarios.", subcommands = IssuesCommand.Sync.class)
public final class IssuesCommand {

    /** {@code feedback issues sync --project P --repo owner/name [--apply]}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Brings the project's recommendations up to date, then files one GitHub issue per"
                    + " actionable scenario (scenarios of one test file share one), found again by a hidden marker and"
                    + " the label feedback-loop: creates, updates, comments once per commit, reopens a recurrence"
                    + " within 10 days of closing (later, a new issue links the old one); the label quiet stops"
                    + " comments.", "Dry run by default: prints what it would do. --apply writes."})
    static final class Sync implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The GitHub repository.")
        String repo;

        @Option(names = "--apply", description = "Write to GitHub (default: a dry run that only prints).")
        boolean apply;

        @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "GITHUB_TOKEN",
                description = "The environment variable holding the token (default: ${DEFAULT-VALUE}).")
        String tokenEnv;

        @Option(names = "--token-secret-id", paramLabel = "ID", description = "Read the token from this AWS Secrets"
                + " Manager secret (its value is the token) when the environment variable is not set.")
        Optional<String> tokenSecretId;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
                description = "GitHub's API (GitHub Enterprise: https://HOST/api/v3; default: ${DEFAULT-VALUE}).")
        URI apiUrl;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
                description = "Scenarios filed at most, most important first, 1-1000 (default: ${DEFAULT-VALUE}).")
        int limit;

        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.system();
        Function<String, String> environment = System::getenv;

        @Override
        public Integer call() {
            store.requireProject(spec.commandLine());
            ScenariosCommand.range(spec.commandLine(), "--limit", limit, 1);
            GitHubRepository repository = repository();
            Supplier<Optional<String>> token = token();
            PrintWriter out = spec.commandLine().getOut();
            try (LocalStore local = ScenariosCommand.open(store)) {
                List<TrackedScenario> scenarios = scenarios(local, clock.instant());
                try (GitHubIssueTracker tracker = new GitHubIssueTracker(repository, apiUrl, token, clock, sleeper,
                        GitHubIssueTracker.Settings.defaults())) {
                    out.println((apply ? "Filing " : "Dry run: filing ") + scenarios.size() + " actionable scenarios of "
                            + store.project + " in " + repository + " (label " + IssuePlanner.LABEL + ")");
                    out.flush();
                    IssueSync.Outcome outcome = new IssueSync(tracker, new IssuePlanner(Redactor.standard()))
                            .sync(scenarios, apply, done -> {
                                out.println("  " + line(done));
                                out.flush();
                            });
                    out.println(summary(outcome));
                    out.flush();
                }
            }
            return 0;
        }

        private List<TrackedScenario> scenarios(LocalStore local, Instant now) {
            RecommendationLoop loop = RecommendationOptions.loop(local);
            var history = RecommendationOptions.history(local);
            loop.refresh(store.project, history.scenarios(store.project, RecommendationOptions.SCENARIO_LIMIT),
                    RecommendationOptions.drafts(local, store.project), now);
            loop.catchUp(store.project, history);
            loop.watch(store.project, history::outcomes, now);
            return new ActionableScenarios(loop, local.scenarios(), local.runs(), local.health(),
                    new IssueReport(Redactor.standard())).of(store.project, limit);
        }

        private GitHubRepository repository() {
            try {
                return GitHubRepository.parse(repo);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--repo: " + e.getMessage());
            }
        }

        /** The token from the environment, else Secrets Manager; --apply refuses to start without one. */
        private Supplier<Optional<String>> token() {
            Optional<String> fromEnvironment = Optional.ofNullable(environment.apply(tokenEnv))
                    .filter(t -> !t.isBlank());
            if (fromEnvironment.isPresent()) {
                return () -> fromEnvironment;
            }
            if (tokenSecretId.isPresent()) {
                SecretsManagerApiKey secret = new SecretsManagerApiKey(() -> SecretsManagerClient.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), tokenSecretId.get(),
                        Duration.ofMinutes(5), clock);
                return secret::key;
            }
            if (apply) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--apply needs a GitHub token: set "
                        + tokenEnv + " (or name another variable with --token-env, or a secret with"
                        + " --token-secret-id)");
            }
            return Optional::empty;
        }

        private String line(IssueSync.Done done) {
            String text = TerminalText.escape(done.action().describe());
            if (!apply) {
                return "would " + text;
            }
            return done.action() instanceof IssueAction.Create ? text.replaceFirst("^create  ", "create  #"
                    + done.number().orElseThrow() + " ") : text;
        }

        private String summary(IssueSync.Outcome outcome) {
            String counts = outcome.count(IssueAction.Create.class) + " to create, "
                    + outcome.count(IssueAction.Update.class) + " to update, "
                    + outcome.count(IssueAction.Reopen.class) + " to reopen, "
                    + Plural.of(outcome.count(IssueAction.Comment.class), "comment");
            if (!apply) {
                return "Dry run over " + outcome.issuesListed() + " labelled issues: " + counts
                        + "; nothing written (--apply writes)";
            }
            return "Done over " + outcome.issuesListed() + " labelled issues: " + counts.replace(" to ", " ")
                    .replace("create,", "created,").replace("update,", "updated,").replace("reopen,", "reopened,");
        }
    }
}
