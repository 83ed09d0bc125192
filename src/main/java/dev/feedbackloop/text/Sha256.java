package dev.feedbackloop.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in lower-case hex: content addresses of reports and stable ids made from several parts. Every Java
 * runtime has SHA-256, so its absence is an error of the runtime, not of the caller.
 */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** A fresh digest, for content that streams through a {@code DigestInputStream} or {@code DigestOutputStream}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The 64 hex digits of the SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(newDigest().digest(bytes));
    }

    /** The 64 hex digits of the SHA-256 of {@code text} in UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code bytes} bytes (2 × {@code bytes} hex digits) of the SHA-256 of {@code text} in UTF-8. */
    public static String hexPrefix(String text, int bytes) {
        return HEX.formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }

    /** The hex digits of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }
}
