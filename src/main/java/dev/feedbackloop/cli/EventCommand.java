package dev.feedbackloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Sample Lambda events for sending to a local mock event server (see {@code events/README.md}). */
@Command(name = "event", mixinStandardHelpOptions = true,
        description = "Print Lambda events to send to a function running locally.",
        subcommands = {EventIngestCommand.class})
public final class EventCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
