package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.ItemTooLargeException;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item sizes as DynamoDB counts them (attribute names plus values; a list or map costs 3 bytes plus 1 per element;
 * a number about one byte per two digits plus one; see the DynamoDB developer guide, "Item sizes and formats"), and
 * the guard that keeps every item well under the 400 KB hard limit.
 */
final class ItemSize {

    /** DynamoDB's hard limit for one item. */
    static final long DYNAMODB_LIMIT = 400 * 1024;
    /**
     * The most this project writes in one item. Mappers cap and trim text to stay far below (results aim at
     * {@link ResultItems#BUDGET}); an item above this is a mapping bug, refused before it costs a write.
     */
    static final long GUARD = 256 * 1024;

    private ItemSize() {
    }

    /** Size of an item in bytes, as DynamoDB bills and limits it. */
    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /** Refuses an item over {@link #GUARD}, naming its key. */
    static Map<String, AttributeValue> check(String operation, Map<String, AttributeValue> item) {
        long size = of(item);
        if (size > GUARD) {
            throw new ItemTooLargeException(operation, Items.describe(item), size, GUARD);
        }
        return item;
    }

    static long utf8(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static long of(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> value.n().length() / 2 + 1;
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
            case BS -> value.bs().stream().map(SdkBytes::asByteArray).mapToLong(b -> b.length).sum();
            case L -> 3 + value.l().stream().mapToLong(v -> 1 + of(v)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + of(e.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }
}
