package dev.feedbackloop.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes normalised text into a {@link Fingerprint}: the first 64 bits of its SHA-256, in hex. */
final class Fingerprints {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    });

    private Fingerprints() {
    }

    /** The fingerprint of {@code text}, with a prefix that keeps hashes of different kinds of text apart. */
    static Fingerprint of(String kind, String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(kind.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        return new Fingerprint(HEX.formatHex(hash, 0, 8));
    }
}
