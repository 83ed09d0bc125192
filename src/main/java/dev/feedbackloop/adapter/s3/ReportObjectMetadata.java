package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ReportMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Run metadata as S3 user metadata ({@code x-amz-meta-*}), the same names a CI job uses when it uploads a report
 * itself: {@code project}, {@code run-id}, {@code run-attempt}, {@code commit}, {@code branch}, {@code build-url},
 * {@code ci-provider}.
 *
 * <p>S3 metadata values travel as HTTP headers: US-ASCII only, 2 KB in all. Characters outside printable ASCII and
 * {@code %} are percent-encoded as UTF-8 (a branch may be {@code feature/größe}) and decoded on read; optional
 * values are capped so the total stays within the limit.
 */
final class ReportObjectMetadata {

    static final String PROJECT = "project";
    static final String RUN_ID = "run-id";
    static final String RUN_ATTEMPT = "run-attempt";
    static final String COMMIT = "commit";
    static final String BRANCH = "branch";
    static final String BUILD_URL = "build-url";
    static final String CI_PROVIDER = "ci-provider";

    private ReportObjectMetadata() {
    }

    static Map<String, String> encode(ReportMetadata metadata) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(PROJECT, metadata.run().project());
        map.put(RUN_ID, escape(metadata.run().runId()));
        map.put(RUN_ATTEMPT, Integer.toString(metadata.run().attempt()));
        metadata.commitSha().ifPresent(c -> map.put(COMMIT, capped(escape(c), 100)));
        metadata.branch().ifPresent(b -> map.put(BRANCH, capped(escape(b), 300)));
        metadata.buildUrl().ifPresent(u -> map.put(BUILD_URL, capped(escape(u), 700)));
        metadata.ciProvider().ifPresent(p -> map.put(CI_PROVIDER, capped(escape(p), 60)));
        return map;
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
                    optional(metadata, CI_PROVIDER)));
        } catch (IllegalArgumentException e) {
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
            if (c >= 0x20 && c < 0x7f && c != '%') {
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
