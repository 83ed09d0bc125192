package dev.feedbackloop.classify;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.text.Sha256;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a raw report's key, {@code <prefix><project>/<sha256>[.gz]}: the project it was filed under and the report's
 * id within its run (the content hash, or for a report uploaded by hand under another name, a hash of key and
 * version).
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

    /**
     * The parts of a report key; empty for a key outside the prefix, or not {@code <project>/<name>} below it.
     */
    Optional<Parsed> parse(ReportRef ref) {
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
        return Optional.of(new Parsed(project, reportId));
    }

    /**
     * A report key's parts.
     *
     * @param project  the project directory it was filed under
     * @param reportId its id within the run: 64 hex digits
     */
    record Parsed(String project, String reportId) {

        /** The run of a report stored without run metadata: the report is a run of its own, attempt 1. */
        ReportMetadata fallbackMetadata() {
            return new ReportMetadata(new RunKey(project, reportId, 1), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

}
