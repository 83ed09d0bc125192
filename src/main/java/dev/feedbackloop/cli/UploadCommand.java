package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.ingest.AttachmentBundle;
import dev.feedbackloop.ingest.RunMetadata;
import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.redact.UnredactableReportException;
import dev.feedbackloop.upload.CiEnvironment;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.upload.Durations;
import dev.feedbackloop.upload.EvidenceFiles;
import dev.feedbackloop.upload.FailingTestAttachments;
import dev.feedbackloop.upload.FailingTestSnapshots;
import dev.feedbackloop.upload.FailingTestSources;
import dev.feedbackloop.upload.GzipReports;
import dev.feedbackloop.upload.IngestClient;
import dev.feedbackloop.upload.RetryPolicy;
import dev.feedbackloop.upload.Sleeper;
import dev.feedbackloop.upload.UploadException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The CI side of ingestion: redacts a report (secrets never leave CI), gzips it, signs it with the project's secret and posts it to a deployed
 * {@code ingest} function, retrying transient failures ({@link IngestClient}). Reports too large for a Function URL
 * request are sent straight to S3 through a pre-signed URL that {@code ingest} hands out for exactly that content.
 * The source files of the report's failing tests, found under {@code --source-root} ({@link FailingTestSources}), the
 * content hashes of all its test files (so the loop sees a fixed test's source change), and the page at each failure
 * (Playwright's {@code error-context}, {@link FailingTestSnapshots}) are sent for the run ({@code POST /sources}):
 * before the report when its run id is known, so its classification finds them; otherwise after it, for the run
 * ingest filed it under (classify observes the run again when they arrive).
 * With {@code --attachments}, the failing attempts' screenshots (and traces) are offered ({@code POST /attachments}),
 * PUT to S3 through the URLs ingest grants, and offered again, so that ingest references what arrived; what did not
 * is named and makes the exit status 2, as a source shipment that fails after the report does.
 * With {@code --summary}, it then waits for that run's Markdown summary on the read API ({@link RunSummaryWait}) and
 * prints it, so one CI step uploads and fills the step summary.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Sign and send a test report to a deployed Feedback Loop ingest URL.",
                "Run metadata defaults to what the CI system exposes (GitHub Actions, GitLab CI, Jenkins, CircleCI,"
                        + " Buildkite, Azure Pipelines); flags override it.",
                "Network errors, timeouts, 408, 429 and 5xx are retried (honouring Retry-After); with the defaults"
                        + " a dead endpoint is given up after at most 2 min 40 s."})
public final class UploadCommand implements Callable<Integer> {

    /** Gzipped reports above this go through a pre-signed S3 upload (a Function URL request is at most 6 MB). */
    static final long DEFAULT_MAX_DIRECT_BYTES = 4L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "The ingest Function URL.")
    URI url;

    @Option(names = "--project", required = true, description = "Project key.")
    String project;

    @Mixin
    SigningSecretOption signing = new SigningSecretOption();

    @Mixin
    RunMetadataOptions run = new RunMetadataOptions();

    @Option(names = "--retries", defaultValue = "" + RetryPolicy.DEFAULT_RETRIES, paramLabel = "N",
            description = "Retries after the first attempt, 0..10 (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Longest wait for each answer, e.g. 30s, 500ms, 2m; 100ms..10m (default: ${DEFAULT-VALUE};"
                    + " a large report's S3 upload adds a second per MiB).")
    String timeout;

    @Option(names = "--max-direct-bytes", defaultValue = "" + DEFAULT_MAX_DIRECT_BYTES, hidden = true)
    long maxDirectBytes;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Where the tests' source files are (default: the working directory). The failing tests'"
                    + " files are sent redacted: at most " + SourceBundle.MAX_FILES + " files of 48,000 characters,"
                    + " " + SourceBundle.MAX_TOTAL_CHARS + " together; of every test file the report names only the"
                    + " SHA-256 of its redacted content, at most " + SourceBundle.MAX_HASHES + " files (it shows"
                    + " that a fixed test changed); only files inside DIR. With a known run id they go before the"
                    + " report, else after it. The page snapshot of"
                    + " each failure (Playwright's error-context attachment) is read inside the report's folder or"
                    + " DIR and sent too: at most " + SourceBundle.MAX_SNAPSHOTS + ", 12,000 characters each.")
    Path sourceRoot;

    @Option(names = "--no-sources", description = "Send the report only, not its tests' source files, hashes and"
            + " page snapshots.")
    boolean noSources;

    @Option(names = "--attachments", arity = "0..1", paramLabel = "KINDS", preprocessor = AttachedValueOnly.class,
            description = "Also send the failing attempts' screenshots (PNG, JPEG, WebP) and, with"
                    + " --attachments=screenshots,traces, their Playwright traces (zip; stored as they are, with the"
                    + " cookies and headers they recorded), read inside the report's folder or --source-root: at"
                    + " most " + AttachmentBundle.MAX_FILES + " files of 5 MiB, 50 MiB together; each content once"
                    + " (by SHA-256). The run references only what arrived: one that could not be stored is named"
                    + " with why, and the exit status is 2 (upload again to send it). Without this flag none is sent.")
    String attachments;

    @Option(names = "--summary", description = "After the upload is accepted, print the run's Markdown summary on"
            + " stdout instead of ingest's JSON answer (which goes to stderr), e.g. >> \"$GITHUB_STEP_SUMMARY\": it"
            + " waits for the run to be classified, at most --summary-wait.")
    boolean summary;

    @Option(names = "--read-url", paramLabel = "URL", description = "With --summary: the read API (the stack's"
            + " ReadUrl; default: --url, as `feedback serve` serves both). Reads are signed with the same secret.")
    URI readUrl;

    @Option(names = "--summary-wait", defaultValue = "60s", paramLabel = "DURATION", description = "With --summary:"
            + " the longest wait for the run to be classified, 0s..10m (default: ${DEFAULT-VALUE}); past it a line on"
            + " stderr says so and the exit status stays 0.")
    String summaryWait;

    @Parameters(arity = "1", paramLabel = "FILE", description = "The report file (any supported format).")
    Path file;

    /**
     * Reads {@code --attachments}' value only when it is attached ({@code --attachments=screenshots,traces}): a bare
     * {@code --attachments} means screenshots, and the report path after it stays the report path.
     */
    static final class AttachedValueOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(java.util.Stack<String> args, CommandSpec command, CommandLine.Model.ArgSpec option,
                                  Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) {
                args.push("screenshots");
            }
            return false;
        }
    }

    /** Reads secrets and CI metadata; tests replace it. */
    Map<String, String> environment = System.getenv();
    /** Waits between attempts; tests replace it. */
    Sleeper sleeper = Sleeper.SYSTEM;
    /** Signs requests and reads Retry-After dates; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        RetryPolicy policy = policy(); // flags first: a typo fails before anything is read or sent
        Set<FailingTestAttachments.Kind> kinds = attachments == null ? Set.of()
                : FailingTestAttachments.Kind.parse(attachments);
        Duration wait = summaryWait();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] secret = signing.secret(environment);
        Map<String, String> metadata = metadata();
        IngestClient client = new IngestClient(url, secret, policy, sleeper, clock,
                notice -> err.println("feedback upload: " + notice));
        Path gzipped = Files.createTempFile("feedback-upload", ".gz");
        try {
            String sha256;
            try {
                sha256 = GzipReports.redactAndGzip(file, gzipped);
            } catch (UnredactableReportException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage() + "; nothing was sent");
            }
            Optional<Shipment> shipment = noSources ? Optional.empty() : Optional.of(collectSources(err));
            Optional<JsonNode> keptBefore = Optional.empty();
            Optional<String> knownRun = metadata.containsKey(RunMetadata.Field.RUN_ID.parameter())
                    ? Optional.of(metadata.get(RunMetadata.Field.RUN_ID.parameter())) : Optional.empty();
            if (shipment.isPresent() && knownRun.isPresent() && !shipment.get().isEmpty()) {
                keptBefore = sendBefore(client, shipment.get(), metadata, err);
            }
            IngestClient.Delivery delivery = client.send(gzipped, sha256, metadata, maxDirectBytes);
            delivery.warning().ifPresent(warning -> err.println("feedback upload: warning: " + warning));
            JsonNode answer = delivery.answer();
            if (shipment.isPresent() && answer.path("runId").isTextual() && answer instanceof ObjectNode accepted) {
                sendSources(client, metadata, shipment.get(), keptBefore, accepted);
            }
            boolean attachmentsStored = true;
            if (!kinds.isEmpty() && answer.path("runId").isTextual() && answer instanceof ObjectNode accepted) {
                attachmentsStored = sendAttachments(client, metadata, kinds, accepted, err);
            }
            if (!summary) {
                out.println(answer.toString());
            } else {
                err.println("feedback upload: " + answer);
                printSummary(secret, answer, wait, out, err);
            }
            if (!attachmentsStored) {
                err.println("feedback: the report was accepted, but attachments it offered are not stored (named"
                        + " above); upload it again to send them: what is stored is not sent twice");
                return 2;
            }
            return 0;
        } finally {
            Files.deleteIfExists(gzipped);
        }
    }

    /**
     * What is shipped beside a report: the failing tests' sources, the hashes of all its test files, the page
     * snapshots.
     */
    private record Shipment(FailingTestSources.Collected sources, FailingTestSnapshots.Collected pages) {
        boolean isEmpty() {
            return sources.sources().isEmpty() && sources.hashes().isEmpty() && pages.snapshots().isEmpty();
        }

        byte[] body() {
            return SourceBundle.write(sources.sources(), pages.snapshots(), sources.hashes());
        }
    }

    /** Reads what is shipped beside the report, under {@code --source-root} only; says on stderr what is not. */
    private Shipment collectSources(PrintWriter err) throws java.io.IOException {
        Path root = sourceRoot != null ? sourceRoot : Path.of("").toAbsolutePath();
        FailingTestSources.Collected collected = FailingTestSources.collect(file, Reports.standard(),
                new SourceRoot(root, Redactor.standard()));
        collected.skipped().forEach(s -> err.println("feedback upload: source not sent: " + s));
        if (collected.unhashed() > 0) {
            err.println("feedback upload: " + collected.unhashed() + " test files named by the report have no hash"
                    + " (not found under the source root, not UTF-8 text of at most 48,000 characters, or over the "
                    + SourceBundle.MAX_HASHES + " hashed for a run)");
        }
        FailingTestSnapshots.Collected pages = FailingTestSnapshots.collect(file, Reports.standard(),
                new EvidenceFiles(List.of(reportFolder(), root)), Redactor.standard());
        pages.skipped().forEach(s -> err.println("feedback upload: page snapshot not sent: " + s));
        return new Shipment(collected, pages);
    }

    /**
     * With the run id known before the report is sent (CI metadata or {@code --run-id}), the sources and hashes go
     * first: the report's classification then finds them, and no second observation is needed. Ingest and classify
     * are correct in either order (a run is observed again when its hashes arrive after it), so a failure here only
     * postpones them: they are sent again after the report.
     */
    private Optional<JsonNode> sendBefore(IngestClient client, Shipment shipment, Map<String, String> metadata,
                                          PrintWriter err) throws InterruptedException {
        RunKey run = RunMetadata.toReport(metadata, "unset", clock.instant()).run();
        try {
            return Optional.of(client.sendSources(shipment.body(), runFields(metadata, run.runId(), run.attempt())));
        } catch (UploadException e) {
            err.println("feedback upload: sources not sent before the report (sent after it): " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sends the failing tests' sources, the test files' hashes and page snapshots for the run the report was filed
     * under (its run id and attempt from ingest's answer, which also covers a run id ingest chose), unless they went
     * before the report for that same run, and adds what became of them to the answer printed.
     */
    private void sendSources(IngestClient client, Map<String, String> metadata, Shipment shipment,
                             Optional<JsonNode> keptBefore, ObjectNode accepted) throws InterruptedException {
        FailingTestSources.Collected collected = shipment.sources();
        ObjectNode summary = accepted.putObject("sources").put("sent", 0).put("skipped", collected.skipped().size());
        ObjectNode snapshots = accepted.putObject("snapshots").put("sent", 0)
                .put("skipped", shipment.pages().skipped().size());
        if (shipment.isEmpty()) {
            return;
        }
        String runId = accepted.path("runId").asText();
        int attempt = accepted.path("attempt").asInt(1);
        boolean before = keptBefore.isPresent() && keptBefore.get().path("runId").asText().equals(runId)
                && keptBefore.get().path("attempt").asInt(1) == attempt;
        JsonNode kept = before ? keptBefore.get()
                : client.sendSources(shipment.body(), runFields(metadata, runId, attempt));
        summary.put("sent", collected.sources().size()).put("created", kept.path("created").asInt())
                .put("hashes", collected.hashes().size()).put("beforeReport", before);
        snapshots.put("sent", shipment.pages().snapshots().size());
    }

    private static Map<String, String> runFields(Map<String, String> metadata, String runId, int attempt) {
        Map<String, String> run = new LinkedHashMap<>(metadata);
        run.put(RunMetadata.Field.RUN_ID.parameter(), runId);
        run.put(RunMetadata.Field.RUN_ATTEMPT.parameter(), Integer.toString(attempt));
        return run;
    }

    /**
     * Sends the failing attempts' screenshots (and traces when asked) for the run the report was filed under, and
     * adds what became of them to the answer printed ({@code "attachments": {"sent","uploaded","skipped",
     * "referenced","missing":[{"test","attempt","name","file","reason"}]}}). What was not sent by choice (over a cap,
     * not an image) is named and counted; what was offered but is not stored (a refused offer, a failed upload) is a
     * failed shipment, as a source shipment that fails after the report is.
     *
     * @return whether every attachment offered is referenced by the run
     */
    private boolean sendAttachments(IngestClient client, Map<String, String> metadata,
                                    Set<FailingTestAttachments.Kind> kinds, ObjectNode accepted, PrintWriter err)
            throws java.io.IOException, InterruptedException {
        FailingTestAttachments.Collected collected = FailingTestAttachments.collect(file, Reports.standard(),
                new EvidenceFiles(List.of(reportFolder(), sourceRoot())), kinds, Redactor.standard());
        collected.skipped().forEach(s -> err.println("feedback upload: attachment not sent: " + s));
        ObjectNode summary = accepted.putObject("attachments").put("sent", 0).put("uploaded", 0)
                .put("skipped", collected.skipped().size());
        if (collected.found().isEmpty()) {
            return true;
        }
        IngestClient.AttachmentDelivery delivery;
        try {
            delivery = client.sendAttachments(collected.found(), runOf(metadata, accepted));
        } catch (UploadException e) {
            err.println("feedback upload: attachments not stored: " + e.getMessage());
            summary.put("error", e.getMessage());
            return false;
        }
        summary.put("sent", collected.found().size()).put("uploaded", delivery.uploaded())
                .put("referenced", collected.found().size() - delivery.missing().size());
        ArrayNode missing = summary.putArray("missing");
        for (IngestClient.Missing m : delivery.missing()) {
            AttachmentBundle.Item item = m.attachment().item();
            missing.addObject().put("test", item.name()).put("attempt", item.attempt()).put("name", item.attachment())
                    .put("file", m.attachment().file().toString()).put("reason", m.reason());
            err.println("feedback upload: attachment not stored: " + item.name() + " (attempt " + item.attempt()
                    + "): " + item.attachment() + " " + m.attachment().file() + ": " + m.reason());
        }
        return delivery.missing().isEmpty();
    }

    /** The run metadata with the run id and attempt ingest filed the report under. */
    private static Map<String, String> runOf(Map<String, String> metadata, ObjectNode accepted) {
        Map<String, String> run = new LinkedHashMap<>(metadata);
        run.put(RunMetadata.Field.RUN_ID.parameter(), accepted.path("runId").asText());
        run.put(RunMetadata.Field.RUN_ATTEMPT.parameter(), Integer.toString(accepted.path("attempt").asInt(1)));
        return run;
    }

    private Path sourceRoot() {
        return sourceRoot != null ? sourceRoot : Path.of("").toAbsolutePath();
    }

    /** The report's folder: where Playwright's test-results/ usually are, beside the JSON report. */
    private Path reportFolder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /**
     * Prints the run's summary once the read API has it (the run ingest filed the report under), or says on stderr
     * why not; the upload succeeded either way.
     */
    private void printSummary(byte[] secret, JsonNode answer, Duration wait, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        if (!answer.path("runId").isTextual()) {
            err.println("feedback upload: no summary: ingest's answer names no run");
            return;
        }
        ReadApiClient reader = new ReadApiClient(readUrl != null ? readUrl : url, project,
                new ReadApiClient.Credentials.Secret(secret), clock);
        String route = "runs/" + ReadApiClient.segment(answer.path("runId").asText()) + "/summary";
        String query = "attempt=" + answer.path("attempt").asInt(1);
        RunSummaryWait.Outcome outcome = new RunSummaryWait(clock, sleeper).await(() -> reader.get(route, query), wait);
        if (outcome instanceof RunSummaryWait.Outcome.Ready ready) {
            out.print(ready.markdown());
            out.flush();
        } else {
            err.println("feedback upload: " + RunSummaryWait.explain(outcome));
        }
    }

    private Duration summaryWait() {
        if (!summary && readUrl != null) {
            throw new IllegalArgumentException("--read-url goes with --summary");
        }
        if (readUrl != null) {
            try {
                ReadApiClient.requireHttp(readUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--read-url: " + e.getMessage());
            }
        }
        Duration wait;
        try {
            wait = Durations.parse(summaryWait);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--summary-wait: " + e.getMessage());
        }
        if (wait.isNegative() || wait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--summary-wait must be within 0s..10m, was " + summaryWait);
        }
        return wait;
    }

    private RetryPolicy policy() {
        if (retries < 0 || retries > RetryPolicy.MAX_RETRIES) {
            throw new IllegalArgumentException("--retries must be within 0.." + RetryPolicy.MAX_RETRIES + ", was "
                    + retries);
        }
        try {
            return new RetryPolicy(retries, Durations.parse(timeout));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timeout: " + e.getMessage());
        }
    }

    /** CI-detected metadata overlaid with explicit flags. */
    Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>(CiEnvironment.detect(environment));
        metadata.putAll(run.metadata(project));
        // Validate here, so a typo fails in CI with a clear message rather than as a 400 from the server.
        RunMetadata.toReport(metadata, "unset", clock.instant());
        return metadata;
    }
}
