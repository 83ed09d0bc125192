package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.DataDirectory;
import dev.feedbackloop.text.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code feedback} command line: a thin adapter that wires the domain core to files, standard streams and the
 * embedded local engines. Each subcommand is its own class.
 */
@Command(name = "feedback",
        mixinStandardHelpOptions = true,
        versionProvider = FeedbackCli.Version.class,
        description = "Feedback Loop: turns failing CI tests into classified, deduplicated, actionable scenarios.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ParseCommand.class,
                ClassifyCommand.class,
                EvaluateCommand.class,
                UploadCommand.class,
                EventCommand.class,
                AnalyzeCommand.class,
                IngestCommand.class,
                ScenariosCommand.class,
                GuardCommand.class,
                RunCommand.class,
                RulesCommand.class,
                RecommendationsCommand.class,
                RecommendationCommand.class,
                TriageCommand.class,
                FlakyCommand.class,
                QuarantineCommand.class,
                ServeCommand.class,
                ReportCommand.class,
                SummaryCommand.class,
                DigestCommand.class,
                RollupCommand.class,
                MetricsCommand.class,
                McpCommand.class,
                IssuesCommand.class,
        })
public final class FeedbackCli {

    static {
        // picocli looks for Groovy's Closure class when it first builds a command. The class is not there, and the
        // failed lookup opens every jar on the class path to be sure: 270 jars, 0.2 s of each start (measured with
        // strace: with this property set, a classify run opens only our own jar, the rest coming from the CDS
        // archive). We use no Groovy closures in annotations.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status, for tests. */
    public static int run(String... args) {
        return configure(new CommandLine(new FeedbackCli())).execute(args);
    }

    /** Runs the command line writing to the given streams instead of the process's, for tests. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = configure(new CommandLine(new FeedbackCli()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    private static CommandLine configure(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(new UserErrors());
        return commandLine;
    }

    /** Turns expected failures (bad input, unreadable files) into one clear line and exit status 2. */
    static final class UserErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine,
                                            CommandLine.ParseResult parseResult) {
            // Messages quote what was read (file names, report content): escaped like any human output.
            commandLine.getErr().println("feedback: " + TerminalText.escape(String.valueOf(explanation(e)
                    .getMessage())));
            if (System.getenv("FEEDBACK_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        }
    }

    /**
     * The exception that says best what went wrong: a data directory's own explanation (held by another process,
     * damaged) when a storage error carries one as its cause, else {@code e}.
     */
    static Throwable explanation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirectory.DataDirectoryException) {
                return cause;
            }
        }
        return e;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FeedbackCli.class.getPackage().getImplementationVersion();
            return new String[] {"feedback " + (version == null ? "development build" : version)};
        }
    }
}
