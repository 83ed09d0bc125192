package dev.feedbackloop.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceHash;
import dev.feedbackloop.store.SourceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The body of {@code POST /sources}: the source files of a run's failing tests, as {@code feedback upload} ships them
 * after the run's report, {@code {"sources":[{"file","path","content"}]}} in UTF-8 JSON ({@code file} as the report
 * names it, {@code path} relative to the source root, {@code content} the whole file), and optionally the page at
 * each failure, {@code "snapshots":[{"suite","name","file","path","content"}]} ({@link Snapshot}: the test as the
 * report names it, the {@code error-context} file's path relative to the folder it was read from, and its page
 * snapshot, already without the file's instructions), and optionally the content hash of every test file the report
 * names, passing tests' too, {@code "hashes":[{"file","path","sha256"}]} ({@link SourceHash}: hex SHA-256 of the
 * redacted content, as a checkout's source is hashed; what shows that a fixed test's source changed). Both ends use
 * this class, so the format and its limits cannot drift apart. Jackson's tree model, no reflection.
 *
 * <p>Limits, per request (one run's sources): at most {@link #MAX_FILES} files, each at most
 * {@link ShippedSource#MAX_CHARS} characters (a model is only shown a whole file), together at most
 * {@link #MAX_TOTAL_CHARS} characters. A bundle over a limit, with a path that is absolute or climbs out with
 * {@code ..}, or naming one file twice, is refused whole: nothing of it is kept. Page snapshots: at most
 * {@link #MAX_SNAPSHOTS}, each at most {@link #MAX_SNAPSHOT_CHARS} characters (so at most 600,000 together).
 * Hashes: at most {@link #MAX_HASHES} (each under 2,200 characters of JSON, so at most about 4.4 MB), each file once.
 */
public final class SourceBundle {

    /** Most files in one run's bundle: a run's failing tests rarely span more files, and each is one model call. */
    public static final int MAX_FILES = 50;
    /** Most characters of all files of one bundle together: 1,000,000 (well within a Function URL's 6 MB). */
    public static final int MAX_TOTAL_CHARS = 1_000_000;

    /** Most page snapshots in one run's bundle: one per failing test, and a model call is made per scenario. */
    public static final int MAX_SNAPSHOTS = 50;
    /** Longest page snapshot: 12,000 characters, the most a model is given (regenerate.PageContext.MAX_CHARS). */
    public static final int MAX_SNAPSHOT_CHARS = 12_000;
    /** Most file hashes in one run's bundle: {@link SourceStore#MAX_HASHES}. */
    public static final int MAX_HASHES = SourceStore.MAX_HASHES;
    /** Longest suite or test name of a snapshot's test. */
    private static final int MAX_TEST_TEXT = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The page at one failing test's failure (the {@code # Page snapshot} of Playwright's {@code error-context}).
     *
     * @param suite   the test's suite as the report names it, may be empty
     * @param name    the test's name
     * @param file    the test's file as the report names it, when it does
     * @param path    where the snapshot was read, relative to its folder ({@code test-results/a/error-context.md})
     * @param content the page snapshot, redacted, at most {@link #MAX_SNAPSHOT_CHARS} characters
     */
    public record Snapshot(String suite, String name, Optional<String> file, String path, String content) {
        public Snapshot {
            suite = suite == null ? "" : suite;
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a page snapshot needs its test's name");
            }
            if (suite.length() > MAX_TEST_TEXT || name.length() > MAX_TEST_TEXT) {
                throw new IllegalArgumentException("a page snapshot's suite and name must be at most "
                        + MAX_TEST_TEXT + " characters");
            }
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
            if (content.length() > MAX_SNAPSHOT_CHARS) {
                throw new TooLargeException("page snapshot " + path + " has " + content.length()
                        + " characters, more than the " + MAX_SNAPSHOT_CHARS + " kept");
            }
        }

        /** The id of the snapshot's test in {@code project}, as the run's stored result has it. */
        public TestId testId(String project) {
            return new TestCase(suite, name, file, OptionalInt.empty(), List.of(), Map.of()).id(project);
        }

        /** The stored form: the run's reference is the test's id in {@code project}, the content its own hash. */
        public ShippedSource toShipped(String project) {
            return ShippedSource.of(ShippedSource.pageSnapshotFile(testId(project)), path, content);
        }
    }

    /** What one body carries. */
    public record Contents(List<ShippedSource> sources, List<Snapshot> snapshots, List<SourceHash> hashes) {
        public Contents {
            sources = List.copyOf(sources);
            snapshots = List.copyOf(snapshots);
            hashes = List.copyOf(hashes);
        }
    }

    private SourceBundle() {
    }

    /** A bundle over one of the limits. */
    public static final class TooLargeException extends IllegalArgumentException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** The body for {@code sources}, which must be within the limits. */
    public static byte[] write(List<ShippedSource> sources) {
        return write(sources, List.of());
    }

    /** The body for {@code sources} and page {@code snapshots}, which must be within the limits. */
    public static byte[] write(List<ShippedSource> sources, List<Snapshot> snapshots) {
        return write(sources, snapshots, List.of());
    }

    /** The body for {@code sources}, page {@code snapshots} and file {@code hashes}, which must be within the limits. */
    public static byte[] write(List<ShippedSource> sources, List<Snapshot> snapshots, List<SourceHash> hashes) {
        check(sources);
        checkSnapshots(snapshots.size());
        checkHashes(hashes);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode files = body.putArray("sources");
        sources.forEach(s -> files.addObject().put("file", s.file()).put("path", s.path()).put("content",
                s.content()));
        if (!snapshots.isEmpty()) {
            ArrayNode pages = body.putArray("snapshots");
            for (Snapshot p : snapshots) {
                ObjectNode page = pages.addObject().put("suite", p.suite()).put("name", p.name());
                p.file().ifPresent(f -> page.put("file", f));
                page.put("path", p.path()).put("content", p.content());
            }
        }
        if (!hashes.isEmpty()) {
            ArrayNode hashed = body.putArray("hashes");
            hashes.forEach(h -> hashed.addObject().put("file", h.file()).put("path", h.path()).put("sha256",
                    h.sha256()));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The sources of a body (its page snapshots are read by {@link #readAll}). */
    public static List<ShippedSource> read(byte[] body, Redactor redactor) {
        return readAll(body, redactor).sources();
    }

    /**
     * Reads a body, redacting every file name and content, and every snapshot's test, path and content, with
     * {@code redactor} (whatever the sender did).
     *
     * @throws IllegalArgumentException naming what is wrong and where ({@code $.sources[2].path: ...})
     */
    public static Contents readAll(byte[] body, Redactor redactor) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sources are not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (node == null || !node.path("sources").isArray()) {
            throw new IllegalArgumentException("sources must be a JSON object {\"sources\":[{\"file\",\"path\","
                    + "\"content\"}]}");
        }
        List<ShippedSource> sources = new ArrayList<>();
        JsonNode files = node.path("sources");
        if (files.size() > MAX_FILES) {
            throw new TooLargeException("$.sources has " + files.size() + " files, more than the " + MAX_FILES
                    + " accepted for a run");
        }
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            String where = "$.sources[" + i + "]";
            try {
                String content = redactor.redact(text(file, "content"));
                if (content.length() > ShippedSource.MAX_CHARS) {
                    throw new TooLargeException(where + ": " + content.length() + " characters, more than the "
                            + ShippedSource.MAX_CHARS + " kept of one file");
                }
                sources.add(ShippedSource.of(redactor.redact(text(file, "file")), redactor.redact(text(file, "path")),
                        content));
            } catch (TooLargeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        check(sources);
        return new Contents(sources, snapshots(node.path("snapshots"), redactor), hashes(node.path("hashes"),
                redactor));
    }

    /**
     * The file hashes of a body: names redacted as a source's are (so they match the stored results' files); a hash
     * is taken as sent (it is not secret, and the content it stands for stays in CI).
     */
    private static List<SourceHash> hashes(JsonNode files, Redactor redactor) {
        if (files.isMissingNode() || files.isNull()) {
            return List.of();
        }
        if (!files.isArray()) {
            throw new IllegalArgumentException("$.hashes must be an array");
        }
        if (files.size() > MAX_HASHES) {
            throw new TooLargeException("$.hashes has " + files.size() + " files, more than the " + MAX_HASHES
                    + " accepted for a run");
        }
        List<SourceHash> hashes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            try {
                hashes.add(new SourceHash(redactor.redact(text(file, "file")), redactor.redact(text(file, "path")),
                        text(file, "sha256")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("$.hashes[" + i + "]: " + e.getMessage(), e);
            }
        }
        checkHashes(hashes);
        return List.copyOf(hashes);
    }

    private static void checkHashes(List<SourceHash> hashes) {
        if (hashes.size() > MAX_HASHES) {
            throw new TooLargeException(hashes.size() + " source hashes, more than the " + MAX_HASHES
                    + " accepted for a run");
        }
        Set<String> files = new HashSet<>();
        for (SourceHash hash : hashes) {
            if (!files.add(hash.file())) {
                throw new IllegalArgumentException("the hash of " + hash.file() + " is given twice");
            }
        }
    }

    private static List<Snapshot> snapshots(JsonNode pages, Redactor redactor) {
        if (pages.isMissingNode() || pages.isNull()) {
            return List.of();
        }
        if (!pages.isArray()) {
            throw new IllegalArgumentException("$.snapshots must be an array");
        }
        checkSnapshots(pages.size());
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            JsonNode page = pages.get(i);
            try {
                JsonNode file = page.path("file");
                snapshots.add(new Snapshot(redactor.redact(page.path("suite").asText("")),
                        redactor.redact(text(page, "name")),
                        file.isTextual() ? Optional.of(redactor.redact(file.asText())) : Optional.empty(),
                        redactor.redact(text(page, "path")), redactor.redact(text(page, "content"))));
            } catch (IllegalArgumentException e) {
                String where = "$.snapshots[" + i + "]: ";
                throw e instanceof TooLargeException ? new TooLargeException(where + e.getMessage())
                        : new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return List.copyOf(snapshots);
    }

    private static void checkSnapshots(int count) {
        if (count > MAX_SNAPSHOTS) {
            throw new TooLargeException(count + " page snapshots, more than the " + MAX_SNAPSHOTS
                    + " accepted for a run");
        }
    }

    private static void check(List<ShippedSource> sources) {
        if (sources.size() > MAX_FILES) {
            throw new TooLargeException(sources.size() + " source files, more than the " + MAX_FILES
                    + " accepted for a run");
        }
        long total = sources.stream().mapToLong(s -> s.content().length()).sum();
        if (total > MAX_TOTAL_CHARS) {
            throw new TooLargeException("source files of " + total + " characters together, more than the "
                    + MAX_TOTAL_CHARS + " accepted for a run");
        }
        Set<String> files = new HashSet<>();
        for (ShippedSource source : sources) {
            if (!files.add(source.file())) {
                throw new IllegalArgumentException("source file " + source.file() + " is named twice");
            }
        }
    }

    private static String text(JsonNode file, String field) {
        JsonNode value = file.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }
}
