package dev.feedbackloop.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.redact.ReportRedactor;
import dev.feedbackloop.redact.UnredactableReportException;
import dev.feedbackloop.report.Gzip;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.report.UnknownReportFormatException;
import dev.feedbackloop.store.AttachmentStore;
import dev.feedbackloop.store.RawReportStore;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ReportUploads;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceStore;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.StoredReport;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The ingest endpoint: takes a signed report from CI, checks it and stores it raw, or hands out a pre-signed upload
 * for a report too large to post. Framework-free; the Lambda function maps its event to an {@link IngestRequest}.
 *
 * <p>What is stored is the report redacted in its own format ({@link ReportRedactor}): the body as received is never
 * kept. A report that cannot be redacted is refused (415 {@code unredactable_report}) rather than kept raw.
 *
 * <p>Wire protocol (the {@code feedback upload} command is its client):
 * <ul>
 *   <li>{@code POST /}: the body is a report in any supported format, raw or gzip. Headers
 *       {@value RequestSignature#TIMESTAMP_HEADER} and {@value RequestSignature#SIGNATURE_HEADER} sign it together
 *       with the method, the path and every run metadata field (see {@link RequestSignature}); run metadata comes
 *       from {@code X-Feedback-*} headers (values percent-encoded UTF-8) or query parameters (see
 *       {@link RunMetadata}). Answers 202 {@code {"status":"accepted","project","runId","attempt","reportKey",
 *       "format","tests","duplicate"}}.</li>
 *   <li>{@code POST /uploads}: the signed body is {@code {"sha256","bytes","contentEncoding"}}. Answers 200
 *       {@code {"uploadUrl","headers","reportKey","expiresAt","accepted"}}: PUT the report to the URL with exactly
 *       those headers.</li>
 *   <li>{@code POST /sources}: the signed body is a {@link SourceBundle} (the source files of the run's failing tests,
 *       and the page snapshot of each failure when the report had one), with the same run metadata as the run's report
 *       and its run id required (the one the report was accepted under). Each file is redacted again and kept under its
 *       content hash ({@link SourceStore}). Answers 202 {@code
 *       {"status":"accepted","project","runId","attempt","sources":[{"file","path","sha256"}],
 *       "snapshots":[{"test","path","sha256"}],"created","hashes","hashesKey"}} ({@code snapshots} only when some
 *       came, each kept under its test's id in the run; {@code hashes} and {@code hashesKey}, the stored record's
 *       key, only when file hashes came: its arrival makes the classify function observe the run again, so hashes
 *       may come before or after the report).</li>
 *   <li>{@code POST /attachments}: the signed body is an {@link AttachmentBundle} (screenshots and traces of the
 *       run's failing tests, described by size, media type and SHA-256; {@code feedback upload --attachments}), with
 *       the run metadata and run id as for sources. The run references only content the project holds, with the
 *       offered size and type ({@link AttachmentStore}): each content not held yet gets a pre-signed PUT that stores
 *       exactly those bytes, and the client posts the same offer again after its uploads, which references what
 *       arrived (a reference already kept is not written again). Answers 202 {@code {"status":"accepted","project",
 *       "runId","attempt","attachments":[{"test","attempt","name","sha256","held"}, with "uploadUrl","headers",
 *       "expiresAt" when granted, or "refused" when the content held under that hash is another],"granted",
 *       "referenced","missing"}} ({@code held}: referenced by the run; {@code referenced}: references new with this
 *       request; {@code missing}: items the run does not reference).</li>
 *   <li>Errors: {@code {"error":"<code>","message":"<what was wrong, where>"}} with 400 (bad, unknown or doubled
 *       metadata, or a malformed report), 401 (missing, stale or wrong signature, or unknown project:
 *       indistinguishable on purpose; or the retired signing scheme, with a message to update the client), 404, 405,
 *       413 (too large), 415 (not a report format Feedback Loop reads), 503 (storage or secrets unavailable: retry).
 *       </li>
 * </ul>
 *
 * <p>A delivery is identified by project, run id, attempt and content ({@link dev.feedbackloop.store.RawReportKey}):
 * the same report delivered twice for the same run and attempt is stored once, the second delivery answering 202
 * with {@code "duplicate": true} and the run as first stored; the same bytes sent for another run or attempt are a
 * report of that run. Thread-safe.
 */
public final class IngestService {

    private static final System.Logger LOG = System.getLogger(IngestService.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String REPORT_LABEL = "report";

    private final RawReportStore rawReports;
    private final ReportUploads uploads;
    private final SourceStore sources;
    private final Optional<AttachmentStore> attachments;
    private final Reports reports;
    private final IngestSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SignedRequests signed;

    /** An ingest service without attachments: {@code POST /attachments} answers 404 saying so. */
    public IngestService(ProjectSecrets secrets, RawReportStore rawReports, ReportUploads uploads,
                         SourceStore sources, Reports reports, IngestSettings settings) {
        this(secrets, rawReports, uploads, sources, Optional.empty(), reports, settings);
    }

    /** @param attachments where screenshots and traces are kept ({@code POST /attachments}); empty for none */
    public IngestService(ProjectSecrets secrets, RawReportStore rawReports, ReportUploads uploads,
                         SourceStore sources, Optional<AttachmentStore> attachments, Reports reports,
                         IngestSettings settings) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.rawReports = Objects.requireNonNull(rawReports, "rawReports");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signed = new SignedRequests(Objects.requireNonNull(secrets, "secrets"));
    }

    /** Answers one request; never throws for bad input, only for programming errors. */
    public IngestResponse handle(IngestRequest request) {
        try {
            Route route = route(request);
            if (request.body().length > settings.maxBodyBytes()) {
                throw new Rejection(413, "too_large", "body is " + request.body().length
                        + " bytes, more than the " + settings.maxBodyBytes() + " accepted here; send larger reports"
                        + " through POST /uploads (feedback upload does so by itself)");
            }
            Caller caller = authenticate(request);
            return switch (route) {
                case REPORT -> acceptReport(caller, request);
                case UPLOADS -> grantUpload(caller, request);
                case SOURCES -> acceptSources(caller, request);
                case ATTACHMENTS -> acceptAttachments(caller, request);
            };
        } catch (Rejection rejection) {
            return error(rejection.status, rejection.code, rejection.getMessage());
        } catch (StoreException | ProjectSecrets.SecretsUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "ingest could not complete; the client will retry", e);
            return error(503, "unavailable", "storage is unavailable right now; retry later");
        }
    }

    private enum Route { REPORT, UPLOADS, SOURCES, ATTACHMENTS }

    private static Route route(IngestRequest request) {
        String path = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        Route route = path.isEmpty() ? Route.REPORT : path.equals("/uploads") ? Route.UPLOADS
                : path.equals("/sources") ? Route.SOURCES : path.equals("/attachments") ? Route.ATTACHMENTS : null;
        if (route == null) {
            throw new Rejection(404, "not_found", "no such endpoint: " + request.path()
                    + "; POST reports to /, upload requests to /uploads, test sources to /sources and attachments"
                    + " to /attachments");
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            throw new Rejection(405, "method_not_allowed", request.method() + " is not allowed; use POST");
        }
        return route;
    }

    /**
     * Who sent a request, once its signature is verified with the project's secret.
     *
     * @param fields     the run metadata fields it signed (see {@link RunMetadata#fieldsOf})
     * @param bodySha256 hex SHA-256 of its body
     */
    private record Caller(String project, Map<String, String> fields, String bodySha256) {
    }

    private Caller authenticate(IngestRequest request) {
        try {
            SignedRequests.Signer signer = signed.verify(request);
            return new Caller(signer.project(), signer.fields(), signer.bodySha256());
        } catch (SignedRequests.Refused refused) {
            throw new Rejection(refused.status(), refused.code(), refused.getMessage());
        }
    }

    private IngestResponse acceptReport(Caller caller, IngestRequest request) {
        byte[] body = request.body();
        ReportMetadata run = run(caller, request, caller.bodySha256());
        ReportSummary summary = validate(body);
        StoredReport stored = rawReports.put(run, ReportContent.ofBytes(redacted(body), "request body"));
        ObjectNode answer = accepted(stored.metadata().run(), stored.key(), !stored.created());
        answer.put("format", summary.format().label());
        answer.put("tests", summary.tests());
        LOG.log(System.Logger.Level.INFO, "accepted {0} ({1} tests, {2}) for {3}{4}", stored.key(), summary.tests(),
                summary.format().label(), caller.project(), stored.created() ? "" : " (duplicate)");
        return new IngestResponse(202, answer.toString());
    }

    private IngestResponse grantUpload(Caller caller, IngestRequest request) {
        UploadRequest upload = UploadRequest.parse(json, request.body(), settings.maxUploadBytes());
        ReportMetadata run = run(caller, request, upload.sha256);
        ReportUploads.UploadGrant grant = uploads.grant(run, upload.sha256, upload.bytes, upload.gzip);
        ObjectNode answer = json.createObjectNode();
        answer.put("uploadUrl", grant.url());
        ObjectNode headers = answer.putObject("headers");
        grant.headers().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(h -> headers.put(h.getKey(), h.getValue()));
        answer.put("reportKey", grant.key());
        answer.put("expiresAt", grant.expiresAt().toString());
        answer.set("accepted", accepted(grant.metadata().run(), grant.key(), grant.duplicate()));
        LOG.log(System.Logger.Level.INFO, "granted an upload of {0} bytes to {1} for {2}", upload.bytes, grant.key(),
                caller.project());
        return new IngestResponse(200, answer.toString());
    }

    private IngestResponse acceptSources(Caller caller, IngestRequest request) {
        if (!caller.fields().containsKey(RunMetadata.Field.RUN_ID.parameter())) {
            throw new Rejection(400, "bad_metadata", "sources need the run id their report was accepted under: set "
                    + "the " + RunMetadata.Field.RUN_ID.header() + " header");
        }
        RunKey run = run(caller, request, "unused").run();
        SourceBundle.Contents contents;
        try {
            contents = SourceBundle.readAll(request.body(), Redactor.standard());
        } catch (SourceBundle.TooLargeException e) {
            throw new Rejection(413, "too_large", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "bad_request", e.getMessage());
        }
        List<ShippedSource> bundle = contents.sources();
        // a page snapshot is kept like a source, under its test's id in the run (the first of a test's snapshots)
        Map<TestId, ShippedSource> pages = new LinkedHashMap<>();
        contents.snapshots().forEach(p -> pages.putIfAbsent(p.testId(run.project()), p.toShipped(run.project())));
        List<ShippedSource> kept = new ArrayList<>(bundle);
        kept.addAll(pages.values());
        int created = sources.put(run, kept);
        // after the sources: a run observed on the hashes' arrival finds its failing sources there too
        Optional<String> hashesKey = sources.putHashes(run, contents.hashes());
        ObjectNode answer = json.createObjectNode().put("status", "accepted").put("project", run.project())
                .put("runId", run.runId()).put("attempt", run.attempt());
        ArrayNode files = answer.putArray("sources");
        bundle.forEach(s -> files.addObject().put("file", s.file()).put("path", s.path()).put("sha256", s.sha256()));
        if (!pages.isEmpty()) {
            ArrayNode snapshots = answer.putArray("snapshots");
            pages.forEach((test, p) -> snapshots.addObject().put("test", test.value()).put("path", p.path())
                    .put("sha256", p.sha256()));
        }
        answer.put("created", created);
        if (hashesKey.isPresent()) {
            answer.put("hashes", contents.hashes().size()).put("hashesKey", hashesKey.get());
        }
        LOG.log(System.Logger.Level.INFO, "kept {0} test sources, {1} page snapshots ({2} new) and {3} file hashes"
                + " for run {4}", bundle.size(), pages.size(), created, contents.hashes().size(), run);
        return new IngestResponse(202, answer.toString());
    }

    private IngestResponse acceptAttachments(Caller caller, IngestRequest request) {
        AttachmentStore store = attachments.orElseThrow(() -> new Rejection(404, "not_found",
                "this ingest keeps no attachments (no attachment store is configured); upload without --attachments"));
        RunKey run = runOfShipment(caller, request, "attachments");
        List<AttachmentBundle.Item> items;
        try {
            items = AttachmentBundle.read(request.body(), Redactor.standard());
        } catch (AttachmentBundle.TooLargeException e) {
            throw new Rejection(413, "too_large", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "bad_request", e.getMessage());
        }
        ObjectNode answer = json.createObjectNode().put("status", "accepted").put("project", run.project())
                .put("runId", run.runId()).put("attempt", run.attempt());
        ArrayNode list = answer.putArray("attachments");
        Map<String, Optional<AttachmentStore.HeldContent>> held = new LinkedHashMap<>();
        Set<String> granted = new HashSet<>();
        List<StoredAttachment> arrived = new ArrayList<>();
        for (AttachmentBundle.Item item : items) {
            StoredAttachment reference = new StoredAttachment(item.testId(run.project()), item.name(), item.attempt(),
                    item.attachment(), item.contentType(), item.bytes(), item.sha256());
            ObjectNode entry = list.addObject().put("test", reference.test().value()).put("attempt", item.attempt())
                    .put("name", item.attachment()).put("sha256", item.sha256());
            Optional<AttachmentStore.HeldContent> content = held.computeIfAbsent(item.sha256(),
                    sha -> store.held(run.project(), sha));
            Optional<String> mismatch = content.flatMap(c -> c.mismatch(reference));
            entry.put("held", content.isPresent() && mismatch.isEmpty());
            if (content.isPresent() && mismatch.isEmpty()) {
                arrived.add(reference);
            } else if (mismatch.isPresent()) {
                entry.put("refused", "the content under this SHA-256 is " + mismatch.get() + "; not referenced");
            } else if (granted.add(item.sha256())) {
                // one content named twice in a request (the same screenshot on two attempts) is granted once
                grant(store, run, item, entry);
            }
        }
        int referenced = referenceArrived(store, run, arrived);
        answer.put("granted", granted.size()).put("referenced", referenced)
                .put("missing", items.size() - arrived.size());
        LOG.log(System.Logger.Level.INFO, "run {0} references {1} of {2} attachments offered ({3} new references,"
                + " {4} uploads granted)", run, arrived.size(), items.size(), referenced, granted.size());
        return new IngestResponse(202, answer.toString());
    }

    private static void grant(AttachmentStore store, RunKey run, AttachmentBundle.Item item, ObjectNode entry) {
        AttachmentStore.UploadGrant grant = store.grant(run.project(), item.sha256(), item.bytes(),
                item.contentType());
        ObjectNode headers = entry.put("uploadUrl", grant.url()).putObject("headers");
        grant.headers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(h -> headers.put(h.getKey(), h.getValue()));
        entry.put("expiresAt", grant.expiresAt().toString());
    }

    /**
     * Keeps the run's references to the offered content that is held, those it does not have yet only: the offer
     * posted again after the uploads (or redelivered) writes what arrived since, and nothing twice.
     *
     * @return how many references were written
     */
    private static int referenceArrived(AttachmentStore store, RunKey run, List<StoredAttachment> arrived) {
        if (arrived.isEmpty()) {
            return 0;
        }
        Set<StoredAttachment> known = new HashSet<>(store.find(run));
        List<StoredAttachment> fresh = arrived.stream().distinct().filter(a -> !known.contains(a)).toList();
        if (!fresh.isEmpty()) {
            store.reference(run, fresh);
        }
        return fresh.size();
    }

    /** The run a follow-up shipment (sources, attachments) belongs to: its run id is required. */
    private static RunKey runOfShipment(Caller caller, IngestRequest request, String what) {
        if (!caller.fields().containsKey(RunMetadata.Field.RUN_ID.parameter())) {
            throw new Rejection(400, "bad_metadata", what + " need the run id their report was accepted under: set "
                    + "the " + RunMetadata.Field.RUN_ID.header() + " header");
        }
        return run(caller, request, "unused").run();
    }

    private static ReportMetadata run(Caller caller, IngestRequest request, String fallbackRunId) {
        try {
            return RunMetadata.toReport(caller.fields(), fallbackRunId, request.receivedAt());
        } catch (IllegalArgumentException e) {
            throw new Rejection(400, "bad_metadata", e.getMessage());
        }
    }

    /** Parses the whole report, discarding results: only a readable report is stored. */
    private ReportSummary validate(byte[] body) {
        try {
            InputStream in = new ByteArrayInputStream(body);
            if (Gzip.isGzip(body)) {
                in = new InflateLimit(new GZIPInputStream(in, 64 * 1024), settings.maxInflatedBytes());
            }
            return reports.parse(REPORT_LABEL, in, result -> { });
        } catch (UnknownReportFormatException e) {
            throw new Rejection(415, "unsupported_format", e.getMessage());
        } catch (ReportParseException e) {
            if (InflateLimit.exceeded(e)) {
                throw inflatedTooFar();
            }
            throw new Rejection(400, "malformed_report", e.getMessage());
        } catch (InflateLimit.Exceeded e) {
            throw inflatedTooFar();
        } catch (ZipException | EOFException e) {
            throw new Rejection(400, "malformed_report", REPORT_LABEL + ": broken gzip stream: " + e.getMessage());
        } catch (IOException e) {
            throw new Rejection(400, "malformed_report", REPORT_LABEL + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * The body as it is kept: redacted in its own format ({@link ReportRedactor}), so nothing secret is at rest. A
     * body already redacted (by {@code feedback upload}) comes out the same, and the same body always gives the
     * same bytes: the stored key's content hash, over these bytes, still makes a second delivery a duplicate. Runs
     * after {@link #validate}, which bounds how far a gzip body inflates.
     */
    private static byte[] redacted(byte[] body) {
        try {
            return ReportRedactor.standard().redact(body);
        } catch (UnredactableReportException e) {
            throw new Rejection(415, "unredactable_report", REPORT_LABEL + ": " + e.getMessage());
        }
    }

    private Rejection inflatedTooFar() {
        return new Rejection(413, "too_large", REPORT_LABEL + ": inflates to more than "
                + settings.maxInflatedBytes() + " bytes");
    }

    private ObjectNode accepted(RunKey run, String key, boolean duplicate) {
        ObjectNode answer = json.createObjectNode();
        answer.put("status", "accepted");
        answer.put("project", run.project());
        answer.put("runId", run.runId());
        answer.put("attempt", run.attempt());
        answer.put("reportKey", key);
        answer.put("duplicate", duplicate);
        return answer;
    }

    private IngestResponse error(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return new IngestResponse(status, body.toString());
    }

    /** The body of {@code POST /uploads}. */
    private record UploadRequest(String sha256, long bytes, boolean gzip) {

        static UploadRequest parse(ObjectMapper json, byte[] body, long maxBytes) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Rejection(400, "bad_request", "upload request is not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalStateException("reading a byte array cannot fail", e);
            }
            if (node == null || !node.isObject()) {
                throw new Rejection(400, "bad_request",
                        "upload request must be a JSON object {\"sha256\",\"bytes\",\"contentEncoding\"}");
            }
            String sha = node.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!SHA256.matcher(sha).matches()) {
                throw new Rejection(400, "bad_request", "$.sha256 must be 64 hex digits, was '"
                        + node.path("sha256").asText("") + "'");
            }
            JsonNode size = node.path("bytes");
            if (!size.canConvertToLong() || size.asLong() < 1 || size.asLong() > maxBytes) {
                throw new Rejection(size.canConvertToLong() && size.asLong() > maxBytes ? 413 : 400,
                        size.canConvertToLong() && size.asLong() > maxBytes ? "too_large" : "bad_request",
                        "$.bytes must be a whole number within 1.." + maxBytes + ", was " + size);
            }
            String encoding = node.path("contentEncoding").asText("identity").toLowerCase(Locale.ROOT);
            if (!encoding.equals("gzip") && !encoding.equals("identity")) {
                throw new Rejection(400, "bad_request", "$.contentEncoding must be 'gzip' or 'identity', was '"
                        + encoding + "'");
            }
            return new UploadRequest(sha, size.asLong(), encoding.equals("gzip"));
        }
    }

    /** A request answered with an error; thrown within this class only, to keep each step short. */
    private static final class Rejection extends RuntimeException {
        final int status;
        final String code;

        Rejection(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
