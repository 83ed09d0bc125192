package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmProvider;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.history.ProjectHistory;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.upload.FailingTestAttachments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code feedback analyze}: the main job on embedded defaults. Runs the whole loop (ingest, classify, regenerate
 * intake) on a throw-away in-process store over the given reports, or over the demo reports in {@code events/reports},
 * then prints the scenarios.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Runs the whole loop on embedded engines (no AWS account needed) and prints the scenarios.",
                "Without FILEs it runs the demo reports in events/reports, three CI runs of project shop-web.",
                "Each report is one CI run unless --run names one run for all of them."})
public final class AnalyzeCommand implements Callable<Integer> {

    static final String DEMO_PROJECT = "shop-web";
    /** Tests and runs listed under each scenario: enough to see its reach; `feedback scenarios` shows more. */
    private static final int SCENARIO_TESTS = 3;
    private static final int SCENARIO_RUNS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--project", description = "Project key (default: " + DEMO_PROJECT + " for the demo reports;"
            + " for your reports, the current directory's name).")
    String project;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the store under DIR (as `feedback ingest` does) instead of a throw-away one.")
    Path data;

    @Option(names = "--limit", description = "Scenarios to list (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int limit;

    @Mixin
    RunMetadataOptions run = new RunMetadataOptions();

    @Mixin
    LlmOptions llm = new LlmOptions();

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Where the failing tests' sources are, for a model's fix (default: the demo's "
                    + "events/sources without FILEs, else the working directory).")
    Path sourceRoot;

    @Option(names = "--attachments", arity = "0..1", paramLabel = "KINDS",
            preprocessor = UploadCommand.AttachedValueOnly.class,
            description = "Also ship the failing attempts' screenshots (and with --attachments=screenshots,traces"
                    + " their traces) into the store, as `feedback upload --attachments` does.")
    String attachments;

    @Option(names = "--rules", paramLabel = "FILE", description = "Custom classification rules (JSON): saved as the"
            + " project's rules (as `feedback rules set` does) before the reports are classified.")
    Path rules;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Reports in any supported format: files,"
            + " directories (the report files in them) or quoted globs.")
    List<String> files = new ArrayList<>();

    /** Where the demo reports are: {@code events/reports} of the checkout the launcher runs from. */
    Path demoReports = Path.of(System.getProperty("feedback.home", ".")).resolve("events/reports");

    @Override
    public Integer call() throws IOException {
        String project = project();
        Map<String, String> metadata = run.validated(project); // fail on a bad flag before starting anything
        Set<FailingTestAttachments.Kind> attachmentKinds = attachmentKinds();
        Optional<String> rulesText = rules == null ? Optional.empty() : Optional.of(CliFiles.rulesText(rules));
        List<Path> reports = files.isEmpty() ? demoReports() : ReportPaths.expand(files);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Feedback Loop on embedded engines (DynamoDB Local, S3 and SQS in-process), project %s%s%n",
                project, this.project != null ? "" : files.isEmpty() ? " (the demo)"
                        : " (named after the current directory; choose one with --project)");
        int refused;
        LlmSettings settings = llm.settings(System.getenv());
        SourceRoot sources = new SourceRoot(sourceRoot != null ? sourceRoot : files.isEmpty()
                ? demoReports.getParent().resolve("sources") : Path.of("."), Redactor.standard());
        out.printf("Fixes: %s; test sources under %s%n", settings.provider() == LlmProvider.NONE
                ? "the playbook (no model; --llm anthropic|openai|bedrock turns one on)"
                : settings.provider().id() + " " + settings.model().orElse(""), sources.root());
        try (LlmWiring model = LlmWiring.create(settings, new LlmWiring.Collaborators(
                Optional.ofNullable(System.getenv("FEEDBACK_LLM_API_KEY"))
                        .filter(k -> !k.isBlank()).map(ApiKeySource::of).orElse(ApiKeySource.none()),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), Clock.systemUTC()));
             LocalLoop loop = LocalLoop.start(Optional.ofNullable(data), Clock.systemUTC(), model, sources)
                     .shippingAttachments(attachmentKinds)) {
            out.printf("engines started (%s)%n%n", loop.startupTimes());
            LoopPrinter printer = new LoopPrinter(out);
            if (rulesText.isPresent()) {
                RulesCommand.save(loop, project, rulesText.get(), rules, out);
            }
            refused = printer.deliverAll(loop, reports, metadata);
            out.println();
            new ScenarioPrinter(out).text(project, new ProjectHistory(loop.wiring().runs(), loop.wiring().scenarios())
                    .scenarios(project, limit, SCENARIO_TESTS, SCENARIO_RUNS));
            out.println();
            new RecommendationPrinter(out).text(loop.wiring().scenarios().mostFrequent(project, limit,
                    Optional.empty()).items(), loop.wiring().fixAnalyses());
        }
        out.println();
        if (data == null) {
            out.printf("The store was temporary and is gone. To keep one, add --data DIR; then list it with:"
                    + " feedback scenarios --project %s --data DIR%n", project);
        } else {
            out.printf("stored under %s; list the scenarios with: feedback scenarios --project %s --data %s%n",
                    data, project, data);
        }
        return refused == 0 ? 0 : 2;
    }

    /**
     * The project named with {@code --project}; else the demo's for the demo reports; else the current directory's
     * name (a checkout is usually named after its project), made a valid key, so that a team's own reports are
     * never filed under the demo project.
     */
    private String project() {
        if (project != null) {
            return project;
        }
        if (files.isEmpty()) {
            return DEMO_PROJECT;
        }
        return projectKeyOf(Path.of("").toAbsolutePath().getFileName());
    }

    static String projectKeyOf(Path directory) {
        String name = directory == null ? "" : directory.toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        name = name.replaceAll("^[-.]+|[-.]+$", "");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return name.isEmpty() ? "local" : name;
    }

    private List<Path> demoReports() throws IOException {
        if (!Files.isDirectory(demoReports)) {
            throw new IllegalArgumentException("no reports given and no demo reports at " + demoReports
                    + "; pass report files");
        }
        try (Stream<Path> listing = Files.list(demoReports)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        }
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
