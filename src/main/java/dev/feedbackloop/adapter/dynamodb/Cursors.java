package dev.feedbackloop.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Page cursors: a query's {@code LastEvaluatedKey} (string key attributes only, as every key of this table is) as
 * URL-safe Base64 text, opaque to callers.
 */
final class Cursors {

    private static final Set<String> KEY_ATTRIBUTES = Set.of(FeedbackTable.PK, FeedbackTable.SK, FeedbackTable.GSI1PK,
            FeedbackTable.GSI1SK, FeedbackTable.GSI2PK, FeedbackTable.GSI2SK);
    private static final char SEPARATOR = '\u0000';

    private Cursors() {
    }

    static Optional<String> encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        lastEvaluatedKey.forEach((name, value) -> text.append(name).append(SEPARATOR).append(value.s())
                .append(SEPARATOR));
        return Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The start key a cursor stands for.
     *
     * @throws IllegalArgumentException when the cursor was not made by {@link #encode}
     */
    static Map<String, AttributeValue> decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid page cursor '" + cursor + "'", e);
        }
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (!KEY_ATTRIBUTES.contains(parts[i])) {
                throw new IllegalArgumentException("invalid page cursor '" + cursor + "'");
            }
            key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
        }
        if (key.isEmpty() || parts.length % 2 != 1) {
            throw new IllegalArgumentException("invalid page cursor '" + cursor + "'");
        }
        return key;
    }
}
