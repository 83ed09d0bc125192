package dev.feedbackloop.cli;

import dev.feedbackloop.model.RunKey;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The project and embedded store that {@code feedback ingest} fills and {@code feedback scenarios} lists. */
final class StoreOptions {

    @Option(names = "--project", required = true, description = "Project key.")
    String project;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the store is kept (default: ${DEFAULT-VALUE}).",
            defaultValue = ".feedback")
    Path data;

    /** Refuses a project key the store would refuse, as a usage error naming {@code --project}. */
    void requireProject(CommandLine commandLine) {
        try {
            RunKey.requireProjectKey(project);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--project: " + e.getMessage());
        }
    }
}
