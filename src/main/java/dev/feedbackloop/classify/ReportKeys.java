package dev.feedbackloop.classify;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.text.Sha256;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a raw report's key: the project it was filed under, the run it names if any, and the report's id within its
 * run. Two shapes are read:
 * <ul>
 *   <li>{@code <prefix><project>/<run>/<sha256>[.gz]} ({@link RawReportKey}), as ingest and its upload grants store
 *       reports: the id is the content hash, and the object's run metadata must name the run of the key;</li>
 *   <li>{@code <prefix><project>/<name>}: a report uploaded by hand, or stored under a content hash alone before keys
 *       named the run: the id is the content hash when the name is one, else a hash of key and version.</li>
 * </ul>
 */
final class ReportKeys {

    private static final Pattern CONTENT_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final String prefix;

    ReportKeys(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** The parts of a report key; empty for a key outside the prefix, or of neither shape below it. */
    Optional<Parsed> parse(ReportRef ref) {
        Optional<RawReportKey> runKey = RawReportKey.parse(prefix, ref.key());
        if (runKey.isPresent()) {
            return Optional.of(new Parsed(runKey.get().project(), runKey.get().sha256(), runKey));
        }
        String key = ref.key();
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String project = rest.substring(0, slash);
        if (!PROJECT.matcher(project).matches()) {
            return Optional.empty();
        }
        String name = rest.substring(slash + 1);
        String hash = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        String reportId = CONTENT_HASH.matcher(hash).matches() ? hash
                : Sha256.hex(key + "#" + ref.version().orElse(""));
        return Optional.of(new Parsed(project, reportId, Optional.empty()));
    }

    /**
     * A report key's parts.
     *
     * @param project  the project directory it was filed under
     * @param reportId its id within the run: 64 hex digits
     * @param runKey   the key's own parts when it names a run ({@code <project>/<run>/<sha256>})
     */
    record Parsed(String project, String reportId, Optional<RawReportKey> runKey) {

        /**
         * The run the report belongs to: its object metadata's; for a report stored without any, a run of its own
         * named by its id, attempt 1.
         *
         * @throws IllegalArgumentException when the key names a run and the metadata is absent or names another run
         *                                  (written by something other than ingest: classifying it under either run
         *                                  would be a guess)
         */
        ReportMetadata metadata(Optional<ReportMetadata> stored, String key) {
            if (runKey.isPresent()) {
                RunKey run = stored.map(ReportMetadata::run).orElseThrow(() -> new IllegalArgumentException(
                        "report object " + key + " is stored under a run's key but carries no run metadata"));
                if (!runKey.get().belongsTo(run)) {
                    throw new IllegalArgumentException("report object " + key + " carries the metadata of run "
                            + run.runId() + " attempt " + run.attempt() + " of " + run.project()
                            + ", which is not the run its key names");
                }
                return stored.get();
            }
            return stored.orElseGet(() -> new ReportMetadata(new RunKey(project, reportId, 1), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }
}
