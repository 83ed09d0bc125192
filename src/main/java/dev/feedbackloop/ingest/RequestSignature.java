package dev.feedbackloop.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signing between CI and the {@code ingest} function.
 *
 * <p>The signed text is {@code <timestamp>.<raw body bytes>}, where the timestamp (epoch seconds) travels in
 * {@value #TIMESTAMP_HEADER} and the signature, {@code sha256=<lower-case hex>}, in {@value #SIGNATURE_HEADER}.
 * Signing the timestamp with the body lets the receiver refuse replays: a request older than {@link #MAX_AGE} (or
 * more than {@link #MAX_CLOCK_SKEW} in the future) is rejected even when its signature is good. The same scheme as
 * Stripe and Slack webhooks, so it is familiar to whoever writes a client.
 */
public final class RequestSignature {

    /** Header carrying {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Feedback-Signature";
    /** Header carrying the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Feedback-Timestamp";
    /** Oldest request accepted. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** How far ahead of our clock a sender's clock may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private RequestSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestampSeconds}. */
    public static String sign(byte[] secret, long timestampSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, timestampSeconds, body));
    }

    /**
     * Checks a request's signature and age.
     *
     * @param secret          the project's shared secret
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value as received, may be null
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value as received, may be null
     * @param body            the raw body bytes exactly as received
     * @param now             the receiver's clock
     * @throws SignatureException saying what is wrong; never which byte differed
     */
    public static void verify(byte[] secret, String timestampHeader, String signatureHeader, byte[] body,
                              Instant now) {
        long timestamp = parseTimestamp(timestampHeader);
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (signedAt.isBefore(now.minus(MAX_AGE))) {
            throw new SignatureException("request timestamp " + signedAt + " is older than "
                    + MAX_AGE.toMinutes() + " minutes (replay refused)");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new SignatureException("request timestamp " + signedAt + " is in the future; check the sender's clock");
        }
        byte[] presented = parseSignature(signatureHeader);
        byte[] expected = hmac(secret, timestamp, body);
        // Constant-time: the comparison must not reveal how many leading bytes matched.
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new SignatureException("signature does not match the body");
        }
    }

    private static long parseTimestamp(String header) {
        if (header == null || header.isBlank()) {
            throw new SignatureException("missing " + TIMESTAMP_HEADER + " header");
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new SignatureException(TIMESTAMP_HEADER + " must be epoch seconds, was '" + header + "'");
        }
    }

    private static byte[] parseSignature(String header) {
        if (header == null || header.isBlank()) {
            throw new SignatureException("missing " + SIGNATURE_HEADER + " header");
        }
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new SignatureException(SIGNATURE_HEADER + " must look like 'sha256=<hex>'");
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(value.substring(PREFIX.length()));
            if (bytes.length != 32) {
                throw new SignatureException(SIGNATURE_HEADER + " must hold 64 hex digits");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new SignatureException(SIGNATURE_HEADER + " must hold 64 hex digits");
        }
    }

    private static byte[] hmac(byte[] secret, long timestampSeconds, byte[] body) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("signing secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** A request's signature or timestamp is missing, malformed, stale or wrong. */
    public static final class SignatureException extends RuntimeException {
        public SignatureException(String message) {
            super(message);
        }
    }
}
