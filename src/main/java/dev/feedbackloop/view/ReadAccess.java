package dev.feedbackloop.view;

import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.RequestSignature;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read a project: the bearer of the project's read token ({@link ReadTokens}), or a request signed with the
 * project's upload secret the way uploads are ({@value RequestSignature#SCHEME}, {@link RequestSignature}): the
 * string to sign has the method, the path and query exactly as sent, the timestamp and the SHA-256 of the empty body,
 * and no metadata lines (the project is in the signed path). So the secret a project's CI already holds reads that
 * project's quarantine list and nothing else, and a signed read cannot be replayed after five minutes nor pointed at
 * another project or route.
 *
 * <p>An unknown project answers exactly as a wrong signature does, so a caller learns nothing about which projects
 * exist.
 */
public final class ReadAccess {

    private static final byte[] NO_BODY = new byte[0];

    private final Optional<ReadTokens> tokens;
    private final ProjectSecrets secrets;
    private final Clock clock;
    private final byte[] unknownProject = new byte[32];

    /**
     * @param tokens  the read tokens, when the deployment has a read secret
     * @param secrets each project's signing secret
     * @param clock   the clock a signature's age is judged by
     */
    public ReadAccess(Optional<ReadTokens> tokens, ProjectSecrets secrets, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        new SecureRandom().nextBytes(unknownProject);
    }

    /** Read tokens only: no project has a signing secret here. */
    public static ReadAccess tokens(ReadTokens tokens) {
        return new ReadAccess(Optional.of(tokens), project -> Optional.empty(), Clock.systemUTC());
    }

    /**
     * The headers that sign a read of {@code target} (path and query, percent-encoded as they will be sent).
     *
     * @param secret the project's signing secret
     */
    public static Map<String, String> signedHeaders(byte[] secret, String method, String target, Instant now) {
        return RequestSignature.signedHeaders(secret, method, target, NO_BODY, Map.of(), now);
    }

    /**
     * Checks that {@code request} may read {@code project}.
     *
     * @throws ReadProblem 401 when no credentials are sent or a signature is missing, stale, malformed or wrong
     *                     (a signature of another project's secret is just wrong), 403 when a token grants another
     *                     project, 503 when the secrets cannot be read now
     */
    public void authorise(String project, ReadRequest request) {
        Optional<String> signature = request.header(RequestSignature.SIGNATURE_HEADER);
        if (signature.isPresent()) {
            verifySignature(project, request, signature.get());
            return;
        }
        if (tokens.isEmpty()) {
            throw ReadProblem.unauthorised("sign the request with the project's secret ("
                    + RequestSignature.SCHEME + " over method, path and query, timestamp and the empty body;"
                    + " headers " + RequestSignature.TIMESTAMP_HEADER + " and " + RequestSignature.SIGNATURE_HEADER
                    + ")");
        }
        if (request.authorization().isEmpty()) {
            throw ReadProblem.unauthorised("send the project's read token as 'Authorization: Bearer "
                    + ReadTokens.PREFIX + "...', or sign the request with the project's secret ("
                    + RequestSignature.SCHEME + ")");
        }
        tokens.get().authorise(project, request.authorization());
    }

    private void verifySignature(String project, ReadRequest request, String signature) {
        long timestamp;
        try {
            RequestSignature.requireCurrentScheme(signature);
            timestamp = RequestSignature.timestamp(request.header(RequestSignature.TIMESTAMP_HEADER).orElse(null));
        } catch (RequestSignature.SignatureException e) {
            throw ReadProblem.unauthorised(e.getMessage());
        }
        Optional<byte[]> secret;
        try {
            secret = secrets.secretOf(project);
        } catch (ProjectSecrets.SecretsUnavailableException e) {
            throw new ReadProblem(503, "Unavailable", "the project secrets cannot be read right now; retry later");
        }
        RequestSignature.Signed signed = RequestSignature.Signed.of(request.method(), request.target(), timestamp,
                NO_BODY, Map.of());
        try {
            // An unknown project is checked against a secret nobody holds: the answer is the one a wrong signature gets.
            RequestSignature.verify(secret.orElse(unknownProject), signed, signature, clock.instant());
        } catch (RequestSignature.SignatureException e) {
            throw ReadProblem.unauthorised(e.getMessage() + "; a read of project " + project + " is signed with that"
                    + " project's secret");
        }
    }
}
