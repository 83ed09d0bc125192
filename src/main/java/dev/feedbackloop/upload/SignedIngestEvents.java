package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.RunMetadata;
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

    private SignedIngestEvents() {
    }

    /**
     * The event of a {@code POST} of {@code body} to {@code path}, signed with {@code secret} at {@code signedAt}.
     *
     * @param metadata run metadata under parameter names ({@code project}, {@code run}, ...), sent as headers
     */
    public static ObjectNode functionUrlPost(String path, byte[] body, Map<String, String> metadata, byte[] secret,
                                    Instant signedAt) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        long timestamp = signedAt.getEpochSecond();
        ObjectNode event = json.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        boolean binary = !isText(body);
        headers.put("content-type", binary ? "application/gzip" : "application/octet-stream");
        for (RunMetadata.Field field : RunMetadata.Field.values()) {
            String value = metadata.get(field.parameter());
            if (value != null) {
                headers.put(field.header().toLowerCase(Locale.ROOT), value);
            }
        }
        headers.put(RequestSignature.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT), Long.toString(timestamp));
        headers.put(RequestSignature.SIGNATURE_HEADER.toLowerCase(Locale.ROOT),
                RequestSignature.sign(secret, timestamp, body));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(signedAt));
        context.put("timeEpoch", signedAt.toEpochMilli());
        ObjectNode http = context.putObject("http");
        http.put("method", "POST");
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "feedback-event");
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
