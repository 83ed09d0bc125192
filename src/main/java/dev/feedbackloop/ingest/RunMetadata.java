package dev.feedbackloop.ingest;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoredRun;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Run metadata as it travels with a report: {@code X-Feedback-*} HTTP headers ({@code X-Feedback-Project}, ...) or
 * query parameters ({@code project}, ...) on a call to ingest; the same parameter names are the keys of the metadata
 * maps the clients build. One codec for both, so the names cannot drift apart.
 *
 * <p><b>Header values are percent-encoded UTF-8.</b> HTTP header values must be ASCII (a client library refuses
 * {@code feat/ünïcode} outright), so a sender percent-encodes every byte of a value's UTF-8 form outside printable
 * ASCII, and also space and {@code %} ({@link #encodeHeaderValue}); ingest decodes {@code %XX} sequences in every
 * header value ({@link #decodeHeaderValue}). Query parameter values are URL-encoded by nature and arrive decoded.
 *
 * <p>Every field ingest reads is signed ({@link RequestSignature}); a header or parameter of ours that ingest does not
 * know, or a field given both as header and as parameter, is refused rather than ignored, so that a typo
 * ({@code X-Feedback-RunId}) cannot silently file a report under another run.
 */
public final class RunMetadata {

    /** The prefix of every metadata header (and of the signature headers). */
    public static final String HEADER_PREFIX = "X-Feedback-";
    /**
     * Longest run id accepted, in UTF-8 bytes: a run id is kept whole in the raw report's S3 metadata, which holds
     * 2 KB in all, three characters per non-ASCII byte.
     */
    public static final int MAX_RUN_ID_BYTES = 200;
    /** Highest attempt accepted: run keys hold the attempt in 5 digits, so that string order is numeric order. */
    public static final int MAX_ATTEMPT = 99_999;

    /** Metadata fields: header suffix, query/map name. */
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
        CI_PROVIDER("Ci-Provider", "ci"),
        /** The run's time (ISO-8601 instant), for a report that carries none. */
        TIME("Time", "time");

        private final String headerSuffix;
        private final String parameter;

        Field(String headerSuffix, String parameter) {
            this.headerSuffix = headerSuffix;
            this.parameter = parameter;
        }

        /** The HTTP header name, e.g. {@code X-Feedback-Project}. */
        public String header() {
            return HEADER_PREFIX + headerSuffix;
        }

        /** The query parameter and metadata map name, e.g. {@code project}. */
        public String parameter() {
            return parameter;
        }

        static Optional<Field> byHeader(String name) {
            return Arrays.stream(values()).filter(f -> f.header().equalsIgnoreCase(name)).findFirst();
        }

        static Optional<Field> byParameter(String name) {
            return Arrays.stream(values()).filter(f -> f.parameter().equals(name)).findFirst();
        }
    }

    private RunMetadata() {
    }

    /**
     * The metadata fields of a request, by parameter name in sorted order, values decoded: what the signature covers
     * and what {@link #toReport} reads.
     *
     * @param headers request headers, names compared case-insensitively; values as received (percent-encoded)
     * @param query   query parameters, values already URL-decoded
     * @throws IllegalArgumentException naming the header or parameter that is unknown, given twice or badly encoded
     */
    public static SortedMap<String, String> fieldsOf(Map<String, String> headers, Map<String, String> query) {
        SortedMap<String, String> fields = new TreeMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())
                    || name.equalsIgnoreCase(RequestSignature.SIGNATURE_HEADER)
                    || name.equalsIgnoreCase(RequestSignature.TIMESTAMP_HEADER)) {
                return;
            }
            Field field = Field.byHeader(name).orElseThrow(() -> new IllegalArgumentException("unknown header '"
                    + name + "'; run metadata headers are " + known(Field::header)));
            fields.put(field.parameter(), decodeHeaderValue(field.header(), value));
            sources.put(field.parameter(), "header " + field.header());
        });
        query.forEach((name, value) -> {
            Field field = Field.byParameter(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown query parameter '" + name + "'; run metadata parameters are " + known(Field::parameter)));
            if (fields.containsKey(field.parameter())) {
                throw new IllegalArgumentException(field.parameter() + " is given twice, as " + sources
                        .get(field.parameter()) + " and as query parameter '" + name + "'; give it once");
            }
            fields.put(field.parameter(), value);
        });
        return fields;
    }

    /**
     * Reads a report's run from metadata fields (parameter names; values decoded). Values are stripped; a blank one
     * counts as absent.
     *
     * @param fallbackRunId the run id to use when none is given (e.g. the report's content hash)
     * @param receivedAt    now, against which a given time is checked
     * @throws IllegalArgumentException naming the field that is missing or invalid, and the header and parameter
     *                                  that carry it
     */
    public static ReportMetadata toReport(Map<String, String> fields, String fallbackRunId, Instant receivedAt) {
        String project = value(fields, Field.PROJECT).orElseThrow(() -> new IllegalArgumentException(
                "missing project: set the " + Field.PROJECT.header() + " header or the '"
                        + Field.PROJECT.parameter() + "' query parameter"));
        String runId = value(fields, Field.RUN_ID).orElse(fallbackRunId);
        int runIdBytes = runId.getBytes(StandardCharsets.UTF_8).length;
        if (runIdBytes > MAX_RUN_ID_BYTES) {
            throw new IllegalArgumentException(named(Field.RUN_ID) + " must be at most " + MAX_RUN_ID_BYTES
                    + " bytes in UTF-8, was " + runIdBytes + " ('" + runId.substring(0, Math.min(40, runId.length()))
                    + "...')");
        }
        int attempt = value(fields, Field.RUN_ATTEMPT).map(RunMetadata::parseAttempt).orElse(1);
        Optional<Instant> time;
        try {
            time = value(fields, Field.TIME).map(t -> checkTime(parseTime(t), receivedAt));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named(Field.TIME) + ": " + e.getMessage(), e);
        }
        try {
            return new ReportMetadata(new RunKey(project, runId, attempt), value(fields, Field.COMMIT),
                    value(fields, Field.BRANCH), value(fields, Field.BUILD_URL), value(fields, Field.CI_PROVIDER),
                    time);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + Field.PROJECT.header() + ", "
                    + Field.RUN_ID.header() + ")", e);
        }
    }

    /** The report's run metadata under parameter names (for query strings and signed requests); absent left out. */
    public static Map<String, String> toParameters(ReportMetadata metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Field.PROJECT.parameter(), metadata.run().project());
        out.put(Field.RUN_ID.parameter(), metadata.run().runId());
        out.put(Field.RUN_ATTEMPT.parameter(), Integer.toString(metadata.run().attempt()));
        metadata.commitSha().ifPresent(v -> out.put(Field.COMMIT.parameter(), v));
        metadata.branch().ifPresent(v -> out.put(Field.BRANCH.parameter(), v));
        metadata.buildUrl().ifPresent(v -> out.put(Field.BUILD_URL.parameter(), v));
        metadata.ciProvider().ifPresent(v -> out.put(Field.CI_PROVIDER.parameter(), v));
        metadata.time().ifPresent(v -> out.put(Field.TIME.parameter(), v.toString()));
        return out;
    }

    /**
     * Metadata fields as HTTP headers, values percent-encoded; names ingest does not know are refused.
     *
     * @throws IllegalArgumentException naming a field that is not a run metadata field
     */
    public static Map<String, String> toHeaders(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            Field field = Field.byParameter(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a run metadata field; they are " + known(Field::parameter)));
            out.put(field.header(), encodeHeaderValue(value));
        });
        return out;
    }

    /**
     * A value as an ASCII header value: the bytes of its UTF-8 form outside {@code !}..{@code ~}, and {@code %},
     * as {@code %XX} (upper-case hex), e.g. {@code feat/ünïcode} as {@code feat/%C3%BCn%C3%AFcode}. Space is encoded
     * too, since HTTP trims it from either end of a header value.
     */
    public static String encodeHeaderValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * A header value as sent by {@link #encodeHeaderValue}: {@code %XX} sequences become bytes, the rest is taken
     * as it is, and the bytes are read as UTF-8.
     *
     * @throws IllegalArgumentException naming the header when a {@code %} is not followed by two hex digits or the
     *                                  bytes are not UTF-8
     */
    public static String decodeHeaderValue(String header, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException(header + " has a '%' not followed by two hex digits at "
                        + "character " + (i + 1) + " of '" + value + "'; header values are percent-encoded UTF-8, "
                        + "so a '%' is sent as %25");
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(header + " is not UTF-8 once percent-decoded: '" + value + "'", e);
        }
    }

    /**
     * A run time as given: an ISO-8601 instant ({@code 2026-10-03T09:12:00Z}) or date-time with offset
     * ({@code 2026-10-03T11:12:00+02:00}).
     *
     * @throws IllegalArgumentException saying what was expected and quoting the value
     */
    public static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 instant such as "
                    + "2026-10-03T09:12:00Z");
        }
    }

    /**
     * Checks that {@code time} can be a run's time when received at {@code now} ({@link StoredRun#plausibleStart}):
     * not before 2000, at most a day ahead.
     *
     * @return {@code time}
     * @throws IllegalArgumentException quoting the time when it cannot be
     */
    public static Instant checkTime(Instant time, Instant now) {
        if (!StoredRun.plausibleStart(time, now)) {
            throw new IllegalArgumentException("time " + time + " is not a plausible run time: it must lie between "
                    + "2000-01-01T00:00:00Z and a day after now (" + now + ")");
        }
        return time;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static Optional<String> value(Map<String, String> fields, Field field) {
        return Optional.ofNullable(fields.get(field.parameter())).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int parseAttempt(String value) {
        try {
            int attempt = Integer.parseInt(value);
            if (attempt >= 1 && attempt <= MAX_ATTEMPT) {
                return attempt;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(named(Field.RUN_ATTEMPT) + " must be a whole number within 1.."
                + MAX_ATTEMPT + ", was '" + value + "'");
    }

    private static String named(Field field) {
        return switch (field) {
            case RUN_ATTEMPT -> "run attempt";
            case RUN_ID -> "run id";
            default -> field.parameter();
        } + " (" + field.header() + ", '" + field.parameter() + "')";
    }

    private static String known(java.util.function.Function<Field, String> name) {
        return Arrays.stream(Field.values()).map(name).collect(Collectors.joining(", "));
    }
}
