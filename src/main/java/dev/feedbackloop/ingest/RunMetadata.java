package dev.feedbackloop.ingest;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Run metadata as it travels with a report: HTTP headers ({@code X-Feedback-Project}, ...) or query parameters
 * ({@code project}, ...) on a webhook call, and S3 object metadata on an uploaded report. One codec for all three,
 * so the names cannot drift apart.
 */
public final class RunMetadata {

    /** Metadata fields: header suffix, query/S3-metadata name. */
    public enum Field {
        /** The project key; required. */
        PROJECT("Project", "project"),
        /** The CI run id; defaults to the report's content hash when absent. */
        RUN_ID("Run-Id", "run"),
        /** The CI run attempt, 1 when absent. */
        RUN_ATTEMPT("Run-Attempt", "attempt"),
        /** The commit SHA tested. */
        COMMIT("Commit", "commit"),
        /** The branch tested. */
        BRANCH("Branch", "branch"),
        /** Link to the CI run. */
        BUILD_URL("Build-Url", "build-url"),
        /** The CI system: github-actions, gitlab-ci, jenkins, ... */
        CI_PROVIDER("Ci-Provider", "ci");

        private final String headerSuffix;
        private final String parameter;

        Field(String headerSuffix, String parameter) {
            this.headerSuffix = headerSuffix;
            this.parameter = parameter;
        }

        /** The HTTP header name, e.g. {@code X-Feedback-Project}. */
        public String header() {
            return "X-Feedback-" + headerSuffix;
        }

        /** The query parameter and S3 metadata name, e.g. {@code project}. */
        public String parameter() {
            return parameter;
        }
    }

    private RunMetadata() {
    }

    /**
     * Reads a run from request headers (case-insensitive) and query parameters; a header wins over a parameter.
     *
     * @param fallbackRunId the run id to use when none is given (e.g. the report's content hash)
     * @param receivedAt    recorded as the run's finish time when the sender gives none
     * @throws IllegalArgumentException naming the header or parameter that is missing or invalid
     */
    public static Run fromRequest(Map<String, String> headers, Map<String, String> query, String fallbackRunId,
                                  Instant receivedAt) {
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerHeaders.put(k.toLowerCase(Locale.ROOT), v));
        return read(field -> first(lowerHeaders.get(field.header().toLowerCase(Locale.ROOT)),
                query.get(field.parameter())), fallbackRunId, receivedAt);
    }

    /** Reads a run from S3 object metadata written by {@link #toParameters(Run)}. */
    public static Run fromParameters(Map<String, String> parameters, String fallbackRunId, Instant receivedAt) {
        Map<String, String> lower = new LinkedHashMap<>();
        parameters.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return read(field -> lower.get(field.parameter()), fallbackRunId, receivedAt);
    }

    /** The run's metadata under parameter names (for S3 object metadata and query strings); absent fields left out. */
    public static Map<String, String> toParameters(Run run) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Field.PROJECT.parameter(), run.key().project());
        out.put(Field.RUN_ID.parameter(), run.key().runId());
        out.put(Field.RUN_ATTEMPT.parameter(), Integer.toString(run.key().attempt()));
        run.commitSha().ifPresent(v -> out.put(Field.COMMIT.parameter(), v));
        run.branch().ifPresent(v -> out.put(Field.BRANCH.parameter(), v));
        run.buildUrl().ifPresent(v -> out.put(Field.BUILD_URL.parameter(), v));
        run.ciProvider().ifPresent(v -> out.put(Field.CI_PROVIDER.parameter(), v));
        return out;
    }

    /** The run's metadata as HTTP headers; absent fields left out. */
    public static Map<String, String> toHeaders(Run run) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> parameters = toParameters(run);
        for (Field field : Field.values()) {
            String value = parameters.get(field.parameter());
            if (value != null) {
                out.put(field.header(), value);
            }
        }
        return out;
    }

    private static Run read(Function<Field, String> source, String fallbackRunId, Instant receivedAt) {
        String project = trimmed(source.apply(Field.PROJECT))
                .orElseThrow(() -> new IllegalArgumentException("missing project: set the "
                        + Field.PROJECT.header() + " header or the '" + Field.PROJECT.parameter() + "' parameter"));
        String runId = trimmed(source.apply(Field.RUN_ID)).orElse(fallbackRunId);
        int attempt = trimmed(source.apply(Field.RUN_ATTEMPT)).map(RunMetadata::parseAttempt).orElse(1);
        RunKey key = new RunKey(project, runId, attempt);
        return new Run(key, trimmed(source.apply(Field.COMMIT)), trimmed(source.apply(Field.BRANCH)),
                trimmed(source.apply(Field.CI_PROVIDER)), trimmed(source.apply(Field.BUILD_URL)),
                Optional.empty(), Optional.of(receivedAt), Map.of());
    }

    private static int parseAttempt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("run attempt must be a whole number >= 1, was '" + value + "'");
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static Optional<String> trimmed(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
