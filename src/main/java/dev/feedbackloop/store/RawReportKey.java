package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.text.Sha256;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a raw report is kept: {@code <prefix><project>/<run>/<sha256>}, {@code .gz} appended for gzip content.
 *
 * <p>A delivery is the same delivery only when project, run id, attempt and content are all the same, so all four
 * name the object: {@code <run>} is {@link #runSegment(RunKey)}, a hash of the attempt and run id (a run id is free
 * text: slashes, spaces, any script), and {@code <sha256>} the hash of the bytes as received. The same bytes sent for
 * another run, or another attempt of the same run, are another object (and another run); the same bytes sent again
 * for the same run and attempt find their object and are a duplicate.
 *
 * @param project    the project key
 * @param runSegment 32 lower-case hex digits naming the run within the project ({@link #runSegment(RunKey)})
 * @param sha256     64 lower-case hex digits: SHA-256 of the report's bytes as received
 * @param gzip       whether those bytes are gzip-compressed
 */
public record RawReportKey(String project, String runSegment, String sha256, boolean gzip) {

    private static final Pattern RUN_SEGMENT = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RELATIVE = Pattern.compile(
            "([A-Za-z0-9._-]{1,100})/([0-9a-f]{32})/([0-9a-f]{64})(\\.gz)?");

    public RawReportKey {
        RunKey.requireProjectKey(project);
        if (runSegment == null || !RUN_SEGMENT.matcher(runSegment).matches()) {
            throw new IllegalArgumentException("run segment must be 32 lower-case hex digits, was '" + runSegment
                    + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
    }

    /** The key of {@code run}'s report with content hash {@code sha256}. */
    public static RawReportKey of(RunKey run, String sha256, boolean gzip) {
        return new RawReportKey(run.project(), runSegment(run), sha256, gzip);
    }

    /**
     * The run's part of a key: the first 16 bytes (32 hex digits) of SHA-256 over {@code <attempt>#<runId>} in UTF-8,
     * e.g. {@code 1#9876543210}. Fixed length and safe in any key, whatever the run id holds; 128 bits keep two
     * runs of one project apart.
     */
    public static String runSegment(RunKey run) {
        return Sha256.hexPrefix(run.attempt() + "#" + run.runId(), 16);
    }

    /** Whether this key names a report of {@code run} (of its project, run id and attempt). */
    public boolean belongsTo(RunKey run) {
        return project.equals(run.project()) && runSegment.equals(runSegment(run));
    }

    /** The full object key under {@code prefix} ({@code feedback.reports.prefix}, e.g. {@code reports/}). */
    public String under(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + project + "/" + runSegment + "/" + sha256
                + (gzip ? ".gz" : "");
    }

    /**
     * Reads a full object key written by {@link #under(String)}; empty for any other key (outside the prefix, or
     * shaped otherwise, such as a report uploaded by hand as {@code <project>/<name>}).
     */
    public static Optional<RawReportKey> parse(String prefix, String key) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher m = RELATIVE.matcher(key.substring(prefix.length()));
        return m.matches() ? Optional.of(new RawReportKey(m.group(1), m.group(2), m.group(3), m.group(4) != null))
                : Optional.empty();
    }
}
