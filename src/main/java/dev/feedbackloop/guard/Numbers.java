package dev.feedbackloop.guard;

import java.util.Locale;
import java.util.OptionalDouble;

/** Numeric literals of the three languages: {@code 30_000}, {@code 10L}, {@code 1e3}, {@code 0x10}. */
final class Numbers {

    private Numbers() {
    }

    /** The literal's value, or empty when it is not a plain number. */
    static OptionalDouble value(String literal) {
        String s = literal.replace("_", "").toLowerCase(Locale.ROOT);
        if (s.endsWith("l") || s.endsWith("f") || s.endsWith("d") && !s.startsWith("0x") || s.endsWith("n")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            if (s.startsWith("0x")) {
                return OptionalDouble.of(Long.parseLong(s.substring(2), 16));
            }
            return OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** A canonical spelling, so {@code 30_000} and {@code 30000} compare equal. */
    static String canonical(String literal) {
        OptionalDouble v = value(literal);
        if (v.isEmpty()) {
            return literal;
        }
        double d = v.getAsDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
