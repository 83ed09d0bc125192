package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.report.Gzip;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Signed requests to the ingest endpoint, as Lambda Function URL events (payload format 2.0): what AWS hands the
 * {@code ingest} function for a call from {@code feedback upload}, built for a local mock event server or a function
 * under test, where no real Function URL exists.
 */
public final class SignedIngestEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A made-up Function URL id: the events are what AWS would deliver, not what it did. */
    private static final String URL_ID = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String USER_AGENT = "feedback-upload";

    private SignedIngestEvents() {
    }

    /**
     * The event of a {@code POST} of {@code body} to {@code path}, signed with {@code secret} at {@code signedAt}: the
     * same bytes at the same time give the same event (its request id is derived from the signature), so a stored
     * sample event can be made again exactly.
     *
     * @param metadata run metadata under parameter names ({@code project}, {@code run}, ...), sent as headers
     * @throws IllegalArgumentException naming a metadata field ingest does not know
     */
    public static ObjectNode functionUrlPost(String path, byte[] body, Map<String, String> metadata, byte[] secret,
                                    Instant signedAt) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode event = json.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        boolean binary = !isText(body);
        headers.put("content-type", binary ? "application/gzip" : body.length > 0 && (body[0] == '{' || body[0] == '[')
                ? "application/json" : "application/xml");
        headers.put("user-agent", USER_AGENT);
        Map<String, String> signed = RequestSignature.signedHeaders(secret, "POST", path, body, metadata, signedAt);
        // Function URLs hand the function header names in lower case.
        signed.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", URL_ID);
        context.put("domainName", URL_ID + ".lambda-url.eu-west-1.on.aws");
        context.put("domainPrefix", URL_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", "POST");
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", USER_AGENT);
        context.put("requestId", UUID.nameUUIDFromBytes(signed.get(RequestSignature.SIGNATURE_HEADER)
                .getBytes(StandardCharsets.US_ASCII)).toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(signedAt));
        context.put("timeEpoch", signedAt.toEpochMilli());
        // Function URLs pass text bodies as they are and binary ones (gzip) base64-encoded.
        event.put("body", binary ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", binary);
        return event;
    }

    private static boolean isText(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return !Gzip.isGzip(body);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
