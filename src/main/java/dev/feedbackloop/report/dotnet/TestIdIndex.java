package dev.feedbackloop.report.dotnet;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A map from TRX test id to a small int, compact enough for reports of a million tests: TRX ids are UUIDs, kept as
 * two longs in an open-addressing table (about 27 bytes a test, against about 150 for a {@code HashMap} of strings);
 * any other id goes to an ordinary map. Not thread-safe.
 */
final class TestIdIndex {

    private static final int CANONICAL_UUID_LENGTH = 36;

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int[] values = new int[1024]; // value + 1; 0 marks a free slot
    private int size;
    private final Map<String, Integer> others = new HashMap<>();

    /** Maps {@code id} to {@code value} (>= 0), replacing an earlier value. */
    void put(String id, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, was " + value);
        }
        UUID uuid = uuid(id);
        if (uuid == null) {
            others.put(id, value);
            return;
        }
        if ((size + 1) * 4L > values.length * 3L) {
            grow();
        }
        if (insert(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), value + 1)) {
            size++;
        }
    }

    /** The value of {@code id}, or -1 when it has none. */
    int get(String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return others.getOrDefault(id, -1);
        }
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        int mask = values.length - 1;
        for (int slot = slot(hi, lo, mask); values[slot] != 0; slot = (slot + 1) & mask) {
            if (high[slot] == hi && low[slot] == lo) {
                return values[slot] - 1;
            }
        }
        return -1;
    }

    /** Inserts or replaces; returns whether a new key was added. */
    private boolean insert(long hi, long lo, int storedValue) {
        int mask = values.length - 1;
        int slot = slot(hi, lo, mask);
        while (values[slot] != 0) {
            if (high[slot] == hi && low[slot] == lo) {
                values[slot] = storedValue;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = hi;
        low[slot] = lo;
        values[slot] = storedValue;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldValues = values;
        high = new long[oldValues.length * 2];
        low = new long[oldValues.length * 2];
        values = new int[oldValues.length * 2];
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != 0) {
                insert(oldHigh[i], oldLow[i], oldValues[i]);
            }
        }
    }

    private static int slot(long hi, long lo, int mask) {
        long mixed = (hi ^ Long.rotateLeft(lo, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /** The id as a UUID when it is one in canonical form (so that no two id strings share a key), else null. */
    private static UUID uuid(String id) {
        if (id.length() != CANONICAL_UUID_LENGTH || id.charAt(8) != '-' || id.charAt(13) != '-'
                || id.charAt(18) != '-' || id.charAt(23) != '-') {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equalsIgnoreCase(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How many ids are mapped. */
    int size() {
        return size + others.size();
    }
}
