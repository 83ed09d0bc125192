package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.upload.FailingTestAttachments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code feedback ingest}: sends reports through the same pipeline as the Lambda functions, in-process, into an
 * embedded store kept under {@code --data}, and prints what it stored. Ingesting the same report again counts once.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Runs reports through the loop into an embedded store kept under --data (default .feedback/).",
                "The same pipeline as on AWS: signed ingest, S3, classify, regeneration queue. A report sent twice"
                        + " counts once."})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Mixin
    RunMetadataOptions run = new RunMetadataOptions();

    @Option(names = "--rules", paramLabel = "FILE", description = "Custom classification rules (JSON): saved as the"
            + " project's rules (as `feedback rules set` does) before the reports are classified.")
    Path rules;

    @Option(names = "--manifest", paramLabel = "FILE.jsonl", description = "Loads a whole history in one process:"
            + " one JSON object a line, {\"file\": \"runs/r017.xml\", \"run\": \"r017\", \"attempt\": 1,"
            + " \"commit\": \"c0a1\", \"branch\": \"main\", \"time\": \"2026-10-03T09:12:00Z\"}, file relative to"
            + " the manifest's folder (file and run required; other fields refused). A line's fields override the"
            + " flags. The whole manifest is checked first: with any bad line nothing is stored.")
    Path manifest;

    @Mixin
    LlmOptions llm = new LlmOptions();

    @Option(names = "--source-root", paramLabel = "DIR", description = "Where the failing tests' sources are, for a"
            + " model's fix (default: the working directory).")
    Path sourceRoot;

    @Option(names = "--attachments", arity = "0..1", paramLabel = "KINDS",
            preprocessor = UploadCommand.AttachedValueOnly.class,
            description = "Also ship the failing attempts' screenshots (and with --attachments=screenshots,traces"
                    + " their traces) into the store, as `feedback upload --attachments` does.")
    String attachments;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Reports in any supported format: files,"
            + " directories (the report files in them) or quoted globs.")
    List<String> files;

    @Override
    public Integer call() throws IOException {
        Map<String, String> metadata = run.validated(store.project); // fail on a bad flag before starting anything
        Set<FailingTestAttachments.Kind> attachmentKinds = attachmentKinds();
        if ((manifest == null) == (files == null || files.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "give either report FILEs or --manifest FILE.jsonl");
        }
        Optional<String> rulesText = rules == null ? Optional.empty() : Optional.of(CliFiles.rulesText(rules));
        PrintWriter out = spec.commandLine().getOut();
        List<HistoryManifest.Entry> history = List.of();
        List<Path> reports = List.of();
        if (manifest != null) {
            try {
                history = HistoryManifest.read(manifest, metadata, Clock.systemUTC().instant());
            } catch (HistoryManifest.Invalid e) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%s: %s, nothing stored:%n", Shown.path(manifest), e.getMessage());
                e.problems().forEach(problem -> err.printf("  %s%n", problem));
                return 2;
            }
        } else {
            reports = ReportPaths.expand(files);
        }
        int refused;
        try (LlmWiring model = LocalModel.open(llm.settings(System.getenv()), System.getenv());
             LocalLoop loop = LocalLoop.start(Optional.of(store.data), Clock.systemUTC(), model,
                     new SourceRoot(sourceRoot != null ? sourceRoot : Path.of("."), Redactor.standard()))
                     .shippingAttachments(attachmentKinds)) {
            if (rulesText.isPresent()) {
                RulesCommand.save(loop, store.project, rulesText.get(), rules, out);
            }
            refused = manifest != null ? new HistoryPrinter(out).loadAll(loop, history)
                    : new LoopPrinter(out).deliverAll(loop, reports, metadata);
        }
        out.printf("stored under %s; list the scenarios with: feedback scenarios --project %s --data %s%n",
                store.data, store.project, store.data);
        return refused == 0 ? 0 : 2;
    }

    /** The kinds {@code --attachments} names, read before any engine starts so a typo costs nothing. */
    private Set<FailingTestAttachments.Kind> attachmentKinds() {
        try {
            return attachments == null ? Set.of() : FailingTestAttachments.Kind.parse(attachments);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
