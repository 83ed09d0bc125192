package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.adapter.llm.FakeProviderServer.Received;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature Version 4, computed here from the AWS documentation ("Create a signed AWS API request"), independently of
 * the SDK's signer, over a request exactly as the server received it: a test that the adapter signs what it sends.
 */
final class SigV4 {

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    /** The parts of an {@code Authorization} header. */
    record Authorization(String accessKey, String date, String region, String service, String signedHeaders,
                         String signature) {
    }

    private SigV4() {
    }

    static Authorization parse(String header) {
        Matcher m = AUTHORIZATION.matcher(header == null ? "" : header);
        if (!m.matches()) {
            throw new AssertionError("not a SigV4 Authorization header: " + header);
        }
        return new Authorization(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
    }

    /** The signature the request should carry, given the secret key. */
    static String expectedSignature(Received request, String secretKey) {
        Authorization auth = parse(request.header("authorization"));
        String canonicalRequest = canonicalRequest(request, auth.signedHeaders());
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + request.header("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    static String canonicalRequest(Received request, String signedHeaders) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : signedHeaders.split(";")) {
            String value = request.header(name);
            if (value == null) {
                throw new AssertionError("signed header " + name + " was not received");
            }
            values.put(name, value.trim().replaceAll(" +", " "));
        }
        StringBuilder headers = new StringBuilder();
        values.forEach((name, value) -> headers.append(name).append(':').append(value).append('\n'));
        return request.method() + "\n"
                + canonicalUri(request.rawPath()) + "\n"
                + (request.rawQuery() == null ? "" : request.rawQuery()) + "\n"
                + headers + "\n"
                + signedHeaders + "\n"
                + hex(sha256(request.body()));
    }

    /** Every service but S3 encodes each path segment once more, on top of the path as sent. */
    static String canonicalUri(String rawPath) {
        StringBuilder uri = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (uri.length() > 0 || rawPath.startsWith("/")) {
                uri.append('/');
            }
            uri.append(uriEncode(segment));
        }
        return uri.toString().replaceFirst("^//", "/");
    }

    private static String uriEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
