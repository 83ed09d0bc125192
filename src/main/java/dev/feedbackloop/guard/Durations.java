package dev.feedbackloop.guard;

import java.util.OptionalDouble;

/** Reads a literal duration: {@code 30000}, {@code 30_000}, {@code 2 * 60 * 1000}, {@code Duration.ofSeconds(10)}. */
final class Durations {

    private Durations() {
    }

    /** The value of a product of numeric literals; empty for anything else. */
    static OptionalDouble evaluate(Call.Arg arg) {
        if (arg.isEmpty()) {
            return OptionalDouble.empty();
        }
        double product = 1;
        boolean expectNumber = true;
        for (int i = arg.from(); i < arg.to(); i++) {
            Token t = arg.src().get(i);
            if (expectNumber && t.kind() == Token.Kind.NUMBER) {
                OptionalDouble v = Numbers.value(t.text());
                if (v.isEmpty()) {
                    return v;
                }
                product *= v.getAsDouble();
                expectNumber = false;
            } else if (!expectNumber && t.is("*")) {
                expectNumber = true;
            } else {
                return javaDuration(arg);
            }
        }
        return expectNumber ? OptionalDouble.empty() : OptionalDouble.of(product);
    }

    /** {@code Duration.ofSeconds(10)} and friends, in milliseconds. */
    static OptionalDouble javaDuration(Call.Arg arg) {
        var calls = Call.all(arg.src(), arg.from(), arg.to());
        if (calls.isEmpty()) {
            return OptionalDouble.empty();
        }
        Call c = calls.get(0);
        double unit = switch (c.name()) {
            case "ofMillis" -> 1;
            case "ofSeconds" -> 1000;
            case "ofMinutes" -> 60_000;
            default -> -1;
        };
        if (unit < 0 || c.args().isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble v = evaluate(c.args().get(0));
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * unit) : v;
    }
}
