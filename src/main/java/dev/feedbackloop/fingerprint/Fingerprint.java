package dev.feedbackloop.fingerprint;

import java.util.Objects;

/**
 * Identity of a root cause: the hash of a failure's normalised text, so the same cause seen in different runs,
 * machines and tests gets the same fingerprint.
 *
 * @param value 16 lower-case hex digits
 */
public record Fingerprint(String value) {

    public Fingerprint {
        Objects.requireNonNull(value, "value");
        if (!isHex16(value)) {
            throw new IllegalArgumentException("fingerprint must be 16 lower-case hex digits, was '" + value + "'");
        }
    }

    /** 16 characters, each 0-9 or a-f: checked by hand, as every classification makes one. */
    private static boolean isHex16(String value) {
        if (value.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
