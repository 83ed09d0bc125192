package dev.feedbackloop.rootcause;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a rule looks: the failure's own text, or a signal derived from it. */
public enum Field {
    /** Error type, message and stack trace together: most rules look here. */
    TEXT,
    /** The failure message only. */
    MESSAGE,
    /** The error type the report gives, plus the exception class names found in the text, one per line. */
    TYPE,
    /** The stack trace only. */
    STACK,
    /** The assertion method that failed ({@code toHaveURL}, {@code assertEquals}), when one is named. */
    MATCHER,
    /** The expected value of a failed comparison, when the text shows one. */
    EXPECTED,
    /** The actual (received) value of a failed comparison, when the text shows one. */
    ACTUAL;

    /** The name rules use: the constant in lower case ({@code text}, {@code expected}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field named {@code name} in rule files, ignoring case. */
    public static Optional<Field> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }
}
