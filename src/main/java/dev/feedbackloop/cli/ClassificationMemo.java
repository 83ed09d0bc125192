package dev.feedbackloop.cli;

import dev.feedbackloop.classify.Classification;
import dev.feedbackloop.classify.FailureAnalyzer;
import dev.feedbackloop.model.Failure;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers classifications of failures already seen in this run of {@code feedback classify}. CI failure streams
 * repeat themselves (the same failure across tests, shards and reruns), and a classification is a pure function of
 * the failure's text, so a repeat costs a hash instead of a full analysis.
 *
 * <p>Keys are 128-bit hashes of message, type and stack rather than the texts themselves, so memory stays at about
 * 200 bytes an entry; two different failures would have to collide in both 64-bit halves to be confused
 * (probability about n²/2¹²⁹ for n distinct failures). At most {@link #CAPACITY} entries are kept; beyond that,
 * failures are analysed without being remembered. Thread-safe.
 */
final class ClassificationMemo {

    /** Entries kept at most: ~20 MB of heap, more distinct failures than a large CI history holds. */
    static final int CAPACITY = 100_000;

    /**
     * A 128-bit key. Equality and hash written out: a record's generated ones go through method-handle bootstraps
     * that spin classes and run slowly until compiled, and this key is hashed for every line.
     */
    private record Key(long high, long low) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.high == high && key.low == low;
        }

        @Override
        public int hashCode() {
            return (int) (high ^ high >>> 32);
        }
    }

    private final FailureAnalyzer analyzer;
    private final ConcurrentHashMap<Key, Classification> seen = new ConcurrentHashMap<>();

    ClassificationMemo(FailureAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    Classification classify(Failure failure) {
        Key key = keyOf(failure);
        Classification known = seen.get(key);
        if (known != null) {
            return known;
        }
        Classification fresh = analyzer.classify(failure);
        if (seen.size() < CAPACITY) {
            seen.putIfAbsent(key, fresh);
        }
        return fresh;
    }

    private static Key keyOf(Failure failure) {
        long high = 0xcbf29ce484222325L; // FNV-1a offset basis
        long low = 0x9e3779b97f4a7c15L; // a different seed and mixer for the second half
        for (String part : new String[] {failure.message(), failure.type().orElse(""), failure.stackTrace().orElse("")}) {
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                high = (high ^ c) * 0x100000001b3L;
                low = Long.rotateLeft(low ^ (c * 0xff51afd7ed558ccdL), 31) * 0xc4ceb9fe1a85ec53L;
            }
            high = (high ^ 0xffff) * 0x100000001b3L; // field separator: ("ab","") and ("a","b") differ
            low = Long.rotateLeft(low ^ 0xffff, 27) * 0xc4ceb9fe1a85ec53L;
        }
        return new Key(high, low);
    }
}
