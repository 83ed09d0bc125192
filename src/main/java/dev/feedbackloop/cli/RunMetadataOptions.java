package dev.feedbackloop.cli;

import dev.feedbackloop.ingest.RunMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Run metadata flags (commit, branch, run, attempt, build URL, CI, time) shared by the commands that send reports. */
final class RunMetadataOptions {

    @Option(names = "--commit", description = "Commit SHA tested.")
    String commit;

    @Option(names = "--branch", description = "Branch tested.")
    String branch;

    @Option(names = "--run",
            description = "CI run id (without one, each report is its own run, named after its content).")
    String runId;

    @Option(names = "--attempt", description = "CI run attempt (1 for the first).")
    Integer attempt;

    @Option(names = "--build-url", description = "Link to the CI run.")
    String buildUrl;

    @Option(names = "--ci", description = "CI provider name.")
    String ciProvider;

    @Option(names = "--time", paramLabel = "INSTANT", converter = RunTime.class,
            description = "The run's time (ISO-8601, e.g. 2026-10-03T09:12:00Z), for reports that carry none of their"
                    + " own; a plausible start time in the report wins.")
    Instant time;

    /** The flags given, with {@code project}, as ingest parameters; an explicit run id is used for every report. */
    Map<String, String> metadata(String project) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(RunMetadata.Field.PROJECT.parameter(), project);
        put(metadata, RunMetadata.Field.RUN_ID, runId);
        put(metadata, RunMetadata.Field.RUN_ATTEMPT, attempt == null ? null : attempt.toString());
        put(metadata, RunMetadata.Field.COMMIT, commit);
        put(metadata, RunMetadata.Field.BRANCH, branch);
        put(metadata, RunMetadata.Field.BUILD_URL, buildUrl);
        put(metadata, RunMetadata.Field.CI_PROVIDER, ciProvider);
        put(metadata, RunMetadata.Field.TIME, time == null ? null : time.toString());
        return metadata;
    }

    /**
     * As {@link #metadata(String)}, checked the way ingest will check it (project key, attempt, URL, ...), so that a
     * bad flag fails at once with a clear message rather than once per report after the engines started.
     */
    Map<String, String> validated(String project) {
        Map<String, String> metadata = metadata(project);
        RunMetadata.toReport(metadata, "unset", Instant.now());
        return metadata;
    }

    /** Reads {@code --time}: picocli names the flag and quotes the value when this refuses it. */
    static final class RunTime implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return RunMetadata.checkTime(RunMetadata.parseTime(value), Instant.now());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private static void put(Map<String, String> metadata, RunMetadata.Field field, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(field.parameter(), value);
        }
    }
}
