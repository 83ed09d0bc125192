package dev.feedbackloop.view;

import dev.feedbackloop.model.RunKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-project read tokens: a project's token is the HMAC-SHA256 of its name under the deployment's read secret, so a
 * token grants exactly one project, nothing needs storing per project, and rotating the secret revokes every token.
 * Tokens are compared in constant time.
 */
public final class ReadTokens {

    /** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "flr_";
    private static final String CONTEXT = "feedback-read-v1\n";
    /** The shortest read secret accepted. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;

    public ReadTokens(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the read secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, had " + (secret == null ? 0 : secret.length));
        }
        this.secret = secret.clone();
    }

    /** The token that reads {@code project}'s data. */
    public String token(String project) {
        RunKey.requireProjectKey(project);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((CONTEXT + project).getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks that {@code authorization} (an HTTP Authorization header value, {@code Bearer TOKEN}) grants reads of
     * {@code project}.
     *
     * @throws ReadProblem 401 when no bearer token is given, 403 when the token does not grant this project
     */
    public void authorise(String project, Optional<String> authorization) {
        String presented = authorization.map(String::strip).filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(a -> a.substring(7).strip())
                .orElseThrow(() -> ReadProblem.unauthorised("send the project's read token as 'Authorization:"
                        + " Bearer " + PREFIX + "...'"));
        boolean granted = MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token(project).getBytes(StandardCharsets.UTF_8));
        if (!granted) {
            throw ReadProblem.forbidden("the token does not grant reads of project " + project);
        }
    }
}
