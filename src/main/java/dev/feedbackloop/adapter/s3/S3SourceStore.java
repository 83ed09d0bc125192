package dev.feedbackloop.adapter.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceHash;
import dev.feedbackloop.store.SourceStore;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link SourceStore} in the reports bucket, beside the reports but under its own prefix ({@code sources/}), so that
 * the classify notification on the reports prefix never fires for a source:
 * <ul>
 *   <li>{@code <prefix><project>/content/<sha256>}: a source's redacted content (UTF-8 text), once per project
 *       whatever the number of runs that shipped it;</li>
 *   <li>{@code <prefix><project>/runs/<run>/<sha256 of the file name>.json}: {@code {"file","path","sha256"}}, the
 *       run's reference to it ({@code <run>} is {@link RawReportKey#runSegment}, as in a report's key).</li>
 * </ul>
 * A lookup is two GETs by key, no listing; Jackson's tree model, no reflection. Both kinds of object expire with the
 * bucket's raw-report retention (infra-cdk {@code ReportsBucket}); each put writes the content again, so a content
 * never expires before a reference to it.
 */
public final class S3SourceStore implements SourceStore {

    /** The prefix of sources in the reports bucket, beside {@code reports/}. */
    public static final String DEFAULT_PREFIX = "sources/";

    /** How a hashes record's name ends: what the classify function's notification on the sources is filtered by. */
    public static final String HASHES_SUFFIX = ".hashes.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Pattern hashesKey;

    public S3SourceStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a reports bucket is required for sources (feedback.reports.bucket)");
        }
        this.bucket = bucket;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.hashesKey = Pattern.compile(Pattern.quote(prefix)
                + "([A-Za-z0-9._-]{1,100})/hashes/([0-9a-f]{32})/[0-9a-f]{64}" + Pattern.quote(HASHES_SUFFIX));
    }

    @Override
    public int put(RunKey run, List<ShippedSource> sources) {
        int created = 0;
        for (ShippedSource source : sources) {
            String key = contentKey(run.project(), source.sha256());
            if (S3RawReportStore.head(s3, bucket, key).isEmpty()) {
                created++;
            }
            // written again even when present: the bucket expires objects by age, and a content shared with an
            // older run must live as long as this run's reference to it
            write("PutSource", key, source.content().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        }
        for (ShippedSource source : sources) {
            byte[] reference = JSON.createObjectNode().put("file", source.file()).put("path", source.path())
                    .put("sha256", source.sha256()).toString().getBytes(StandardCharsets.UTF_8);
            write("PutSourceReference", referenceKey(run, source.file()), reference, "application/json");
        }
        return created;
    }

    @Override
    public Optional<ShippedSource> find(RunKey run, String file) {
        Optional<byte[]> reference = read("GetSourceReference", referenceKey(run, file));
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(reference.get());
        } catch (IOException e) {
            throw new StoreException("GetSourceReference", referenceKey(run, file), "not JSON: " + e.getMessage(), e);
        }
        String sha256 = node.path("sha256").asText();
        byte[] content = read("GetSource", contentKey(run.project(), sha256)).orElseThrow(() -> new StoreException(
                "GetSource", contentKey(run.project(), sha256), "referenced by run " + run + " but absent", null));
        try {
            return Optional.of(new ShippedSource(node.path("file").asText(), node.path("path").asText(),
                    new String(content, StandardCharsets.UTF_8), sha256));
        } catch (IllegalArgumentException e) {
            throw new StoreException("GetSource", contentKey(run.project(), sha256), e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> putHashes(RunKey run, List<SourceHash> hashes) {
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        if (hashes.size() > MAX_HASHES) {
            throw new IllegalArgumentException(hashes.size() + " source hashes, more than the " + MAX_HASHES
                    + " kept for a run");
        }
        Map<String, SourceHash> byFile = new TreeMap<>();
        hashes.forEach(h -> byFile.putIfAbsent(h.file(), h));
        ObjectNode record = JSON.createObjectNode().put("project", run.project()).put("runId", run.runId())
                .put("attempt", run.attempt());
        ArrayNode entries = record.putArray("hashes");
        byFile.values().forEach(h -> entries.addObject().put("file", h.file()).put("path", h.path())
                .put("sha256", h.sha256()));
        byte[] bytes = record.toString().getBytes(StandardCharsets.UTF_8);
        String key = hashesPrefix(run) + Sha256.hex(bytes) + HASHES_SUFFIX;
        write("PutSourceHashes", key, bytes, "application/json");
        return Optional.of(key);
    }

    @Override
    public Map<String, String> hashes(RunKey run) {
        Map<String, String> found = new LinkedHashMap<>();
        String folder = hashesPrefix(run);
        List<String> keys;
        try {
            keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents().stream()
                    .map(S3Object::key).filter(k -> k.endsWith(HASHES_SUFFIX)).sorted(Comparator.naturalOrder())
                    .toList();
        } catch (SdkException e) {
            throw new StoreException("ListSourceHashes", "s3://" + bucket + "/" + folder, S3RawReportStore.message(e),
                    e);
        }
        for (String key : keys) {
            read("GetSourceHashes", key).map(bytes -> tree(key, bytes)).ifPresent(record -> record.path("hashes")
                    .forEach(h -> found.putIfAbsent(h.path("file").asText(), h.path("sha256").asText())));
        }
        return found;
    }

    @Override
    public Optional<RunKey> runOfHashes(String key) {
        Matcher name = hashesKey.matcher(key);
        if (!name.matches()) {
            return Optional.empty();
        }
        Optional<JsonNode> record = read("GetSourceHashes", key).map(bytes -> tree(key, bytes));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        RunKey run;
        try {
            run = new RunKey(record.get().path("project").asText(), record.get().path("runId").asText(),
                    record.get().path("attempt").asInt());
        } catch (IllegalArgumentException e) {
            throw new StoreException("GetSourceHashes", "s3://" + bucket + "/" + key, e.getMessage(), e);
        }
        if (!run.project().equals(name.group(1)) || !RawReportKey.runSegment(run).equals(name.group(2))) {
            throw new StoreException("GetSourceHashes", "s3://" + bucket + "/" + key, "names run " + run
                    + ", which is not the run of its key", null);
        }
        return Optional.of(run);
    }

    private JsonNode tree(String key, byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new StoreException("GetSourceHashes", "s3://" + bucket + "/" + key, "not JSON: " + e.getMessage(),
                    e);
        }
    }

    private String hashesPrefix(RunKey run) {
        return prefix + run.project() + "/hashes/" + RawReportKey.runSegment(run) + "/";
    }

    private String contentKey(String project, String sha256) {
        return prefix + project + "/content/" + sha256;
    }

    private String referenceKey(RunKey run, String file) {
        return prefix + run.project() + "/runs/" + RawReportKey.runSegment(run) + "/" + Sha256.hex(file) + ".json";
    }

    private void write(String operation, String key, byte[] bytes, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new StoreException(operation, "s3://" + bucket + "/" + key, S3RawReportStore.message(e), e);
        }
    }

    private Optional<byte[]> read(String operation, String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StoreException(operation, "s3://" + bucket + "/" + key, S3RawReportStore.message(e), e);
        } catch (SdkException e) {
            throw new StoreException(operation, "s3://" + bucket + "/" + key, S3RawReportStore.message(e), e);
        }
    }
}
