package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ReportMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Run metadata as S3 user metadata ({@code x-amz-meta-*}), the same names a CI job uses when it uploads a report
 * itself: {@code project}, {@code run-id}, {@code run-attempt}, {@code commit}, {@code branch}, {@code build-url},
 * {@code ci-provider}, {@code time}.
 *
 * <p>S3 metadata values travel as HTTP headers (also in a pre-signed PUT, whose client sends them as given): US-ASCII
 * only, and at most {@value #MAX_BYTES} bytes of names and values in all. Spaces, characters outside printable ASCII
 * and {@code %} are percent-encoded as UTF-8 (a branch may be {@code feat/ünïcode}) and decoded on read. The run's
 * identity and time are kept whole; the optional values are capped (commit 100, branch 300, build URL 700, CI 60
 * characters once encoded) and, should the identity be long, cut further so the total stays within the limit.
 */
final class ReportObjectMetadata {

    static final String PROJECT = "project";
    static final String RUN_ID = "run-id";
    static final String RUN_ATTEMPT = "run-attempt";
    static final String COMMIT = "commit";
    static final String BRANCH = "branch";
    static final String BUILD_URL = "build-url";
    static final String CI_PROVIDER = "ci-provider";
    static final String TIME = "time";
    /** S3's limit on user metadata: names and values, in bytes. */
    static final int MAX_BYTES = 2048;

    private ReportObjectMetadata() {
    }

    /**
     * The object metadata of a report.
     *
     * @throws IllegalArgumentException when the run's identity alone does not fit S3's limit (a run id of hundreds of
     *                                  non-ASCII characters; ingest refuses such ids before they get here)
     */
    static Map<String, String> encode(ReportMetadata metadata) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(PROJECT, metadata.run().project());
        map.put(RUN_ID, escape(metadata.run().runId()));
        map.put(RUN_ATTEMPT, Integer.toString(metadata.run().attempt()));
        metadata.time().ifPresent(t -> map.put(TIME, t.toString()));
        int used = size(map);
        if (used > MAX_BYTES) {
            throw new IllegalArgumentException("run id '" + metadata.run().runId() + "' takes " + used
                    + " bytes of S3 metadata once encoded, more than the " + MAX_BYTES + " S3 keeps");
        }
        used += putCapped(map, COMMIT, metadata.commitSha(), 100, MAX_BYTES - used);
        used += putCapped(map, CI_PROVIDER, metadata.ciProvider(), 60, MAX_BYTES - used);
        used += putCapped(map, BRANCH, metadata.branch(), 300, MAX_BYTES - used);
        putCapped(map, BUILD_URL, metadata.buildUrl(), 700, MAX_BYTES - used);
        return map;
    }

    /** Puts an optional value, escaped and capped, if any of it fits; returns the bytes it took. */
    private static int putCapped(Map<String, String> map, String name, Optional<String> value, int cap, int left) {
        int room = Math.min(cap, left - name.length());
        if (value.isEmpty() || room <= 0) {
            return 0;
        }
        String capped = capped(escape(value.get()), room);
        if (capped.isEmpty()) {
            return 0;
        }
        map.put(name, capped);
        return name.length() + capped.length();
    }

    /** Bytes of names and values; every name and encoded value is ASCII. */
    static int size(Map<String, String> metadata) {
        return metadata.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
    }

    /**
     * The run metadata of an object, if it has any.
     *
     * @throws IllegalArgumentException naming the object and field when present but invalid
     */
    static Optional<ReportMetadata> decode(String objectKey, Map<String, String> metadata) {
        String project = metadata.get(PROJECT);
        String runId = metadata.get(RUN_ID);
        if (project == null && runId == null) {
            return Optional.empty();
        }
        if (project == null || runId == null) {
            throw new IllegalArgumentException("report object " + objectKey + " has metadata '"
                    + (project == null ? RUN_ID : PROJECT) + "' but lacks '" + (project == null ? PROJECT : RUN_ID)
                    + "'");
        }
        int attempt;
        try {
            attempt = Integer.parseInt(metadata.getOrDefault(RUN_ATTEMPT, "1").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("report object " + objectKey + " has metadata '" + RUN_ATTEMPT
                    + "' = '" + metadata.get(RUN_ATTEMPT) + "', not a number", e);
        }
        try {
            return Optional.of(new ReportMetadata(new RunKey(project, unescape(runId), attempt),
                    optional(metadata, COMMIT), optional(metadata, BRANCH), optional(metadata, BUILD_URL),
                    optional(metadata, CI_PROVIDER), optional(metadata, TIME).map(Instant::parse)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("report object " + objectKey + " has invalid run metadata: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<String> optional(Map<String, String> metadata, String name) {
        return Optional.ofNullable(metadata.get(name)).map(ReportObjectMetadata::unescape);
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // Spaces too: HTTP trims them from header ends and SigV4 collapses runs of them.
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Cuts an escaped value to {@code max} characters without splitting a {@code %XX} escape. */
    private static String capped(String escaped, int max) {
        if (escaped.length() <= max) {
            return escaped;
        }
        int end = max;
        int percent = escaped.lastIndexOf('%', end - 1);
        if (percent >= 0 && percent > end - 3) {
            end = percent;
        }
        return escaped.substring(0, end);
    }
}
