package dev.feedbackloop.report.json;

/**
 * Tells apart tests that share a suite and a name within one report (a copied {@code it("...")} title, RSpec's
 * generated {@code is expected to eq 3}): the first keeps its name, the next are {@code name [2]}, {@code name [3]},
 * ... in report order, as the JUnit parser numbers repeated invocations. Without that, two different tests would
 * share one identity and one would hide the other.
 *
 * <p>Memory: a 64-bit hash and a count a distinct name in open-addressing arrays kept at most three quarters full,
 * 16 to 32 bytes a name: a report of a million tests costs 16 to 32 MB. Two different names with the same hash would be numbered as one name: with a
 * 64-bit FNV-1a hash that is about one chance in 10^7 for a million names, and costs only a suffix. Not thread-safe.
 */
public final class RepeatedNames {

    private long[] hashes = new long[1024];
    private int[] counts = new int[1024];
    private int size;

    /** {@code name}, or {@code name [n]} when it is the n-th test of that suite and name seen. */
    public String name(String suite, String name) {
        int seen = increment(hash(suite, name));
        return seen == 1 ? name : name + " [" + seen + "]";
    }

    private int increment(long hash) {
        if ((size + 1) * 4L > hashes.length * 3L) {
            grow();
        }
        long key = hash == 0 ? 1 : hash; // 0 marks an empty slot
        int slot = slot(key, hashes.length);
        while (hashes[slot] != 0 && hashes[slot] != key) {
            slot = (slot + 1) & (hashes.length - 1);
        }
        if (hashes[slot] == 0) {
            hashes[slot] = key;
            size++;
        }
        return ++counts[slot];
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldCounts = counts;
        hashes = new long[oldHashes.length * 2];
        counts = new int[oldCounts.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = slot(oldHashes[i], hashes.length);
                while (hashes[slot] != 0) {
                    slot = (slot + 1) & (hashes.length - 1);
                }
                hashes[slot] = oldHashes[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private static int slot(long key, int capacity) {
        long mixed = key ^ (key >>> 33);
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        return (int) (mixed & (capacity - 1));
    }

    /** FNV-1a over the UTF-16 code units of suite, a separator, and name. */
    private static long hash(String suite, String name) {
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, suite);
        hash = (hash ^ 0xFFFF) * 0x100000001b3L; // a code unit no string here holds alone: U+FFFF is a non-character
        return fnv(hash, name);
    }

    private static long fnv(long start, String text) {
        long hash = start;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * 0x100000001b3L;
            hash = (hash ^ (c >>> 8)) * 0x100000001b3L;
        }
        return hash;
    }
}
