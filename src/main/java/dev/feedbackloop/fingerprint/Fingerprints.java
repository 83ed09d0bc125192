package dev.feedbackloop.fingerprint;

import java.util.HexFormat;

/**
 * Hashes normalised text into a {@link Fingerprint}: 64-bit FNV-1a over the UTF-8 bytes of {@code kind}, a zero
 * byte and the text, in hex. FNV-1a is fully specified (any runtime computes the same value), needs no buffer, and
 * for the few million distinct failure texts a project sees the chance of two colliding is about 1 in 10^7;
 * fingerprints identify, they do not protect, so a cryptographic hash would only cost time.
 */
final class Fingerprints {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprints() {
    }

    /** The fingerprint of {@code text}, with a prefix that keeps hashes of different kinds of text apart. */
    static Fingerprint of(String kind, String text) {
        long hash = update(OFFSET_BASIS, kind);
        hash = (hash ^ 0) * PRIME;
        hash = update(hash, text);
        return new Fingerprint(hex(hash));
    }

    /** Feeds the UTF-8 encoding of {@code s} into {@code hash}. */
    private static long update(long hash, String s) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                hash = (hash ^ c) * PRIME;
                continue;
            }
            if (Character.isHighSurrogate((char) c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, s.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = 0xFFFD; // a lone surrogate is hashed as U+FFFD, the replacement character
            }
            if (c < 0x800) {
                hash = (hash ^ (0xC0 | c >> 6)) * PRIME;
            } else if (c < 0x10000) {
                hash = (hash ^ (0xE0 | c >> 12)) * PRIME;
                hash = (hash ^ (0x80 | c >> 6 & 0x3F)) * PRIME;
            } else {
                hash = (hash ^ (0xF0 | c >> 18)) * PRIME;
                hash = (hash ^ (0x80 | c >> 12 & 0x3F)) * PRIME;
                hash = (hash ^ (0x80 | c >> 6 & 0x3F)) * PRIME;
            }
            hash = (hash ^ (0x80 | c & 0x3F)) * PRIME;
        }
        return hash;
    }

    /** {@code value} as 16 lower-case hex digits, leading zeros kept. */
    static String hex(long value) {
        return HexFormat.of().toHexDigits(value);
    }
}
