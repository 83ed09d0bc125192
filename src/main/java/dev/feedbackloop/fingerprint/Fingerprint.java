package dev.feedbackloop.fingerprint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a root cause: the hash of a failure's normalised text, so the same cause seen in different runs,
 * machines and tests gets the same fingerprint.
 *
 * @param value 16 lower-case hex digits
 */
public record Fingerprint(String value) {

    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    public Fingerprint {
        Objects.requireNonNull(value, "value");
        if (!HEX16.matcher(value).matches()) {
            throw new IllegalArgumentException("fingerprint must be 16 lower-case hex digits, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
