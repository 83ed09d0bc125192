package dev.feedbackloop.ingest;

import dev.feedbackloop.text.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signing between CI and the {@code ingest} function, scheme {@value #SCHEME}: the signature
 * covers everything that decides what is stored (method, endpoint, time, body and every run metadata field), so a
 * captured request cannot be altered, not even to file the same bytes under another run.
 *
 * <p><b>Headers.</b> {@value #TIMESTAMP_HEADER}: the signing time, epoch seconds. {@value #SIGNATURE_HEADER}:
 * {@code v2=<64 lower-case hex digits>}, the HMAC-SHA256 with the project's secret (its UTF-8 bytes) of the string to
 * sign below. Run metadata travels in {@code X-Feedback-*} headers (values percent-encoded UTF-8) or query parameters
 * ({@link RunMetadata}).
 *
 * <p><b>String to sign</b>: these lines, joined by a line feed ({@code \n}, no line feed after the last):
 * <pre>
 * FEEDBACK-HMAC-SHA256-V2
 * &lt;method, upper case&gt;                 POST
 * &lt;path&gt;                               / (a report) or /uploads (an upload request)
 * &lt;timestamp, decimal epoch seconds&gt;   1772366400
 * &lt;SHA-256 of the body, lower-case hex&gt; (the body bytes exactly as sent; for an empty body, of no bytes)
 * &lt;name&gt;:&lt;value&gt;                       one line per metadata field present in the request, sorted by name
 * </pre>
 * <ul>
 *   <li>path: the request path without a trailing {@code /}, and {@code /} when that leaves it empty: the endpoint,
 *       so a proxy that mounts ingest under a prefix does not change what is signed;</li>
 *   <li>name: the field's parameter name ({@code attempt}, {@code branch}, {@code build-url}, {@code ci},
 *       {@code commit}, {@code project}, {@code run}, {@code time}), in byte order;</li>
 *   <li>value: the field's value exactly as ingest reads it (a header's value percent-decoded, a query parameter's
 *       URL-decoded; not trimmed), encoded as its UTF-8 bytes with every byte outside {@code A-Z a-z 0-9 - . _ ~}
 *       written {@code %XX} in upper-case hex (RFC 3986), so no value can forge a line; an empty value is
 *       {@code name:};</li>
 *   <li>every field present is signed, and only those: adding, dropping or changing one changes the string.</li>
 * </ul>
 * For example, the body {@code foo} posted to {@code /} for project {@code web-shop}, run {@code 42}, branch
 * {@code feat/ünïcode} (sent as {@code X-Feedback-Branch: feat/%C3%BCn%C3%AFcode}) at 1772366400 signs
 * <pre>
 * FEEDBACK-HMAC-SHA256-V2
 * POST
 * /
 * 1772366400
 * 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
 * branch:feat%2F%C3%BCn%C3%AFcode
 * project:web-shop
 * run:42
 * </pre>
 * and with the secret {@code web-shop-secret} sends
 * {@code X-Feedback-Signature: v2=f0e945c9f08cae6eda090370ed0bf35136c52d1abd6030593e6b07fe6ba88bf3}.
 *
 * <p><b>Freshness.</b> A request signed more than {@link #MAX_AGE} ago, or more than {@link #MAX_CLOCK_SKEW} ahead,
 * is refused even when its signature is good (replays). Retrying clients sign each attempt anew.
 *
 * <p><b>The retired scheme</b> ({@code sha256=<hex>} over {@code <timestamp>.<body>}, which left the metadata
 * unsigned) is refused with a message asking to update the client; there is no transition period, since accepting it
 * would let anyone who captured a request store its report under a run of their choosing.
 */
public final class RequestSignature {

    /** Header carrying {@code v2=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Feedback-Signature";
    /** Header carrying the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Feedback-Timestamp";
    /** The first line of the string to sign, naming the scheme. */
    public static final String SCHEME = "FEEDBACK-HMAC-SHA256-V2";
    /** Oldest request accepted. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** How far ahead of our clock a sender's clock may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(1);

    private static final String PREFIX = "v2=";
    private static final String RETIRED_PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private RequestSignature() {
    }

    /**
     * What a request signs.
     *
     * @param method     HTTP method
     * @param path       the request path ({@link #endpoint} normalises it)
     * @param timestamp  signing time, epoch seconds
     * @param bodySha256 lower-case hex SHA-256 of the body
     * @param fields     metadata fields present, by parameter name, values decoded
     */
    public record Signed(String method, String path, long timestamp, String bodySha256, Map<String, String> fields) {

        public Signed {
            method = method.toUpperCase(Locale.ROOT);
            path = endpoint(path);
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        /** What is signed for {@code body}. */
        public static Signed of(String method, String path, long timestamp, byte[] body, Map<String, String> fields) {
            return new Signed(method, path, timestamp, Sha256.hex(body), fields);
        }

        /** The string to sign (see the class comment). */
        public String text() {
            StringBuilder text = new StringBuilder(SCHEME).append('\n').append(method).append('\n').append(path)
                    .append('\n').append(timestamp).append('\n').append(bodySha256);
            fields.forEach((name, value) -> text.append('\n').append(name).append(':').append(canonical(value)));
            return text.toString();
        }
    }

    /** A request path as signed: without a trailing {@code /}, and {@code /} when that leaves it empty. */
    public static String endpoint(String path) {
        String trimmed = path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.isEmpty() ? "/" : trimmed;
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code request}. */
    public static String sign(byte[] secret, Signed request) {
        return PREFIX + HEX.formatHex(hmac(secret, request.text()));
    }

    /**
     * Every header a signed request carries: the metadata fields (percent-encoded), the timestamp and the signature.
     *
     * @param fields metadata fields by parameter name ({@code project}, {@code run}, ...)
     */
    public static Map<String, String> signedHeaders(byte[] secret, String method, String path, byte[] body,
                                                    Map<String, String> fields, Instant signedAt) {
        long timestamp = signedAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(RunMetadata.toHeaders(fields));
        headers.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(SIGNATURE_HEADER, sign(secret, Signed.of(method, path, timestamp, body, fields)));
        return headers;
    }

    /**
     * Refuses a request signed with the retired scheme, or with none, before anything else is read of it.
     *
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value as received, may be null
     * @throws SignatureException asking to update the client, or naming the missing header
     */
    public static void requireCurrentScheme(String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new SignatureException("missing " + SIGNATURE_HEADER + " header");
        }
        if (signatureHeader.strip().toLowerCase(Locale.ROOT).startsWith(RETIRED_PREFIX)) {
            throw new SignatureException("this request is signed with the retired scheme ('" + RETIRED_PREFIX
                    + "<hex>' over timestamp and body only), which ingest refuses: its run metadata could be altered."
                    + " Update the client: feedback upload signs " + SCHEME + " ('" + PREFIX + "<hex>'; docs/DEPLOY.md,"
                    + " \"Signing requests\")");
        }
    }

    /**
     * The signing time a request claims.
     *
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value as received, may be null
     * @throws SignatureException when missing or not epoch seconds
     */
    public static long timestamp(String timestampHeader) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw new SignatureException("missing " + TIMESTAMP_HEADER + " header");
        }
        try {
            return Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            throw new SignatureException(TIMESTAMP_HEADER + " must be epoch seconds, was '" + timestampHeader + "'");
        }
    }

    /**
     * Checks a request's signature and age.
     *
     * @param secret          the project's shared secret
     * @param request         what the request signs, as received
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value as received, may be null
     * @param now             the receiver's clock
     * @throws SignatureException saying what is wrong; never which part differed
     */
    public static void verify(byte[] secret, Signed request, String signatureHeader, Instant now) {
        requireCurrentScheme(signatureHeader);
        Instant signedAt = Instant.ofEpochSecond(request.timestamp());
        if (signedAt.isBefore(now.minus(MAX_AGE))) {
            throw new SignatureException("request timestamp " + signedAt + " is older than "
                    + MAX_AGE.toMinutes() + " minutes (replay refused)");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new SignatureException("request timestamp " + signedAt
                    + " is in the future; check the sender's clock");
        }
        byte[] presented = parseSignature(signatureHeader);
        // Constant-time: the comparison must not reveal how many leading bytes matched.
        if (!MessageDigest.isEqual(hmac(secret, request.text()), presented)) {
            throw new SignatureException("signature does not match the request (" + SCHEME + " over method, path,"
                    + " timestamp, body and every " + RunMetadata.HEADER_PREFIX + "* field)");
        }
    }

    /** A value in the string to sign: UTF-8, every byte but RFC 3986's unreserved characters as {@code %XX}. */
    static String canonical(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] parseSignature(String header) {
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new SignatureException(SIGNATURE_HEADER + " must look like '" + PREFIX + "<64 hex digits>'");
        }
        try {
            byte[] bytes = HEX.parseHex(value.substring(PREFIX.length()));
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new SignatureException(SIGNATURE_HEADER + " must hold 64 hex digits after '" + PREFIX + "'");
    }

    private static byte[] hmac(byte[] secret, String text) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("signing secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** A request's signature or timestamp is missing, malformed, stale, of the retired scheme or wrong. */
    public static final class SignatureException extends RuntimeException {
        public SignatureException(String message) {
            super(message);
        }
    }
}
