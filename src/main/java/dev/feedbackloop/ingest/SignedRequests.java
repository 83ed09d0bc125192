package dev.feedbackloop.ingest;

import dev.feedbackloop.text.Sha256;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request to the ingest Function URL: its {@link RequestSignature} verified with the secret of the project
 * it names. Shared by every write route of that URL (reports, uploads, sources, and people's decisions), so each one
 * authenticates exactly alike. Thread-safe.
 */
public final class SignedRequests {

    private final ProjectSecrets secrets;
    /** Verifies requests for unknown projects, so they fail exactly like a wrong signature. */
    private final byte[] decoySecret = new byte[32];

    public SignedRequests(ProjectSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        new SecureRandom().nextBytes(decoySecret);
    }

    /**
     * The sender of a verified request.
     *
     * @param project    the project whose secret signed it
     * @param fields     the run metadata fields it signed (see {@link RunMetadata#fieldsOf})
     * @param bodySha256 hex SHA-256 of its body
     */
    public record Signer(String project, Map<String, String> fields, String bodySha256) {
        public Signer {
            Objects.requireNonNull(project, "project");
            fields = Map.copyOf(fields);
            Objects.requireNonNull(bodySha256, "bodySha256");
        }
    }

    /**
     * Verifies {@code request}'s signature with its project's secret.
     *
     * @throws Refused 400 for missing or malformed metadata, 401 for a missing, stale or wrong signature or an
     *                 unknown project (indistinguishable on purpose)
     * @throws ProjectSecrets.SecretsUnavailableException when the secrets cannot be read right now
     */
    public Signer verify(IngestRequest request) {
        String signature = request.header(RequestSignature.SIGNATURE_HEADER).orElse(null);
        try {
            RequestSignature.requireCurrentScheme(signature);
        } catch (RequestSignature.SignatureException e) {
            throw new Refused(401, "unauthorized", e.getMessage());
        }
        Map<String, String> fields;
        try {
            fields = RunMetadata.fieldsOf(request.headers(), request.query());
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "bad_metadata", e.getMessage());
        }
        String project = Optional.ofNullable(fields.get(RunMetadata.Field.PROJECT.parameter()))
                .map(String::strip).filter(p -> !p.isEmpty())
                .orElseThrow(() -> new Refused(400, "bad_request", "missing project: set the "
                        + RunMetadata.Field.PROJECT.header() + " header or the '"
                        + RunMetadata.Field.PROJECT.parameter() + "' query parameter"));
        // An unknown project is checked against a random secret: same checks, same message, about the same time.
        byte[] secret = secrets.secretOf(project).orElse(decoySecret);
        String bodySha256 = Sha256.hex(request.body());
        try {
            long timestamp = RequestSignature.timestamp(request.header(RequestSignature.TIMESTAMP_HEADER).orElse(null));
            RequestSignature.verify(secret, new RequestSignature.Signed(request.method(), request.path(), timestamp,
                    bodySha256, fields), signature, request.receivedAt());
        } catch (RequestSignature.SignatureException e) {
            throw new Refused(401, "unauthorized", e.getMessage());
        }
        return new Signer(project, fields, bodySha256);
    }

    /** A request refused before it is read further: its HTTP status, error code and what was wrong. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String code;

        public Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
