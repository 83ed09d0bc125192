package dev.feedbackloop.bench.history;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small deterministic random source (SplitMix64, written out here so a seed gives the same history on every JDK).
 *
 * <p>Two ways to draw: a sequential stream per concern ({@link #of(long, String)}: the timeline, the catalogue of
 * tests) and keyed draws ({@link #draw}) fixed by the seed and a few numbers alone, so that whether a test fails in a
 * run does not depend on the order runs are simulated in, nor on what other tests drew.
 */
final class Rng {

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for one concern of a history: adding draws to one concern does not shift another. */
    static Rng of(long seed, String concern) {
        return new Rng(mix(seed ^ mix(fnv(concern))));
    }

    /** A stream fixed by the seed and keys alone. */
    static Rng keyed(long seed, long... keys) {
        return new Rng(hash(seed, keys));
    }

    /** A number in [0, 1) fixed by the seed and keys alone. */
    static double draw(long seed, long... keys) {
        return unit(hash(seed, keys));
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    double nextDouble() {
        return unit(nextLong());
    }

    /** A number in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** A number in [low, high], both included. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    double between(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Log-uniform in [low, high]: as many values between 2% and 4% as between 20% and 40%. */
    double logUniform(double low, double high) {
        return Math.exp(between(Math.log(low), Math.log(high)));
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    /** Fisher-Yates, in place. */
    <T> void shuffle(List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            T swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }

    /** 64-bit FNV-1a of a string's UTF-8 bytes: a stable key for names. */
    static long fnv(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long hash(long seed, long... keys) {
        long h = mix(seed + GOLDEN);
        for (long key : keys) {
            h = mix(h ^ (key + GOLDEN));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
