package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.store.StoreException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Building and reading attribute-value maps by hand: no reflection, so the mapping works unchanged in a native
 * image. Readers fail with a {@link StoreException} naming the item and attribute when a stored item is malformed.
 */
final class Items {

    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue time(Instant instant) {
        return AttributeValue.fromS(instant.toString());
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    static AttributeValue stringMap(Map<String, String> values) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, AttributeValue.fromS(v)));
        return AttributeValue.fromM(map);
    }

    /** {@code text} cut to {@code max} characters, keeping head and tail (see {@link TextLimits#cap}). */
    static String cap(String text, int max) {
        return TextLimits.cap(text, max);
    }

    /** At most {@code maxEntries} entries of {@code map}, keys and values capped. */
    static Map<String, String> cap(Map<String, String> map, int maxEntries, int maxKey, int maxValue) {
        Map<String, String> capped = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (capped.size() == maxEntries) {
                break;
            }
            capped.put(cap(entry.getKey(), maxKey), cap(entry.getValue() == null ? "" : entry.getValue(), maxValue));
        }
        return capped;
    }

    /** At most {@code maxEntries} strings of {@code list}, each capped. */
    static List<String> cap(List<String> list, int maxEntries, int maxLength) {
        return list.stream().limit(maxEntries).map(s -> cap(s, maxLength)).toList();
    }

    /** A key map of partition and sort key. */
    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(FeedbackTable.PK, s(pk), FeedbackTable.SK, s(sk));
    }

    /** {@code PK/SK} of an item or key, for messages. */
    static String describe(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(FeedbackTable.PK);
        AttributeValue sk = item.get(FeedbackTable.SK);
        return (pk == null ? "?" : pk.s()) + "/" + (sk == null ? "?" : sk.s());
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Optional<String> value) {
        value.ifPresent(v -> item.put(name, s(v)));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw corrupt(item, name, "missing string");
        }
        return value.s();
    }

    static Optional<String> optStr(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw corrupt(item, name, "missing number");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw corrupt(item, name, "not an integer: " + value.n());
        }
    }

    static long numOr(Map<String, AttributeValue> item, String name, long fallback) {
        return item.containsKey(name) ? num(item, name) : fallback;
    }

    static double decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw corrupt(item, name, "missing number");
        }
        return Double.parseDouble(value.n());
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = str(item, name);
        try {
            return StoredInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(item, name, "not an ISO-8601 instant: " + text);
        }
    }

    static Optional<Instant> optInstant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Optional.of(instant(item, name)) : Optional.empty();
    }

    static List<String> stringList(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>(value.l().size());
        value.l().forEach(v -> strings.add(v.s()));
        return strings;
    }

    static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.m().forEach((k, v) -> map.put(k, v.s()));
        return map;
    }

    static <E extends Enum<E>> E enumValue(Map<String, AttributeValue> item, String name, Class<E> type) {
        String text = str(item, name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw corrupt(item, name, "unknown " + type.getSimpleName() + " " + text);
        }
    }

    static StoreException corrupt(Map<String, AttributeValue> item, String name, String problem) {
        return new StoreException("Read", describe(item), "malformed attribute '" + name + "': " + problem, null);
    }
}
