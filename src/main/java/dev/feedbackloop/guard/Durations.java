package dev.feedbackloop.guard;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads a duration: {@code 30000}, {@code 30_000}, {@code 2 * 60 * 1000}, {@code Duration.ofSeconds(10)}, and
 * names that hold one: {@code CHART_TIMEOUT} after {@code const CHART_TIMEOUT = 60_000}, {@code WAIT.results}
 * after {@code const WAIT = { results: 45_000 }}.
 */
final class Durations {

    /** How deep a chain of names is followed ({@code A = B}, {@code B = 3000}). */
    private static final int MAX_DEPTH = 4;

    private final Map<String, Names.Value> names;

    Durations(Map<String, Names.Value> names) {
        this.names = names;
    }

    /** Without names: literals only. */
    static OptionalDouble evaluate(Call.Arg arg) {
        return new Durations(Map.of()).value(arg);
    }

    static OptionalDouble javaDuration(Call.Arg arg) {
        return new Durations(Map.of()).duration(arg, 0);
    }

    /**
     * Whether the argument is a Java {@code Duration}: a call such as {@code Duration.ofSeconds(10)}, or a name
     * assigned one ({@code WAIT} after {@code static final Duration WAIT = Duration.ofSeconds(10)}).
     */
    boolean isJavaDuration(Call.Arg arg) {
        if (!Call.all(arg.src(), arg.from(), arg.to()).isEmpty()) {
            return true;
        }
        Names.Value value = arg.single() && arg.first().isWord() ? names.get(arg.first().text()) : null;
        return value != null && value.text().contains("Duration");
    }

    /**
     * The {@code timeout} an options object held by {@code name} carries ({@code const FX_WAIT = { timeout: 15_000
     * }}), when the argument is that bare name: read as {@code FX_WAIT.timeout} would be.
     */
    OptionalDouble optionsTimeout(Call.Arg arg) {
        return arg.single() && arg.first().isWord() ? named(arg.first().text(), "timeout", 0) : OptionalDouble.empty();
    }

    /** The value of a product of literals and known names; empty for anything else. */
    OptionalDouble value(Call.Arg arg) {
        return value(arg, 0);
    }

    private OptionalDouble value(Call.Arg arg, int depth) {
        if (arg.isEmpty() || depth > MAX_DEPTH) {
            return OptionalDouble.empty();
        }
        double product = 1;
        int i = arg.from();
        while (i < arg.to()) {
            int end = factorEnd(arg, i);
            OptionalDouble factor = factor(new Call.Arg(arg.src(), i, end), depth);
            if (factor.isEmpty()) {
                return duration(arg, depth);
            }
            product *= factor.getAsDouble();
            if (end < arg.to() && !arg.src().get(end).is("*")) {
                return OptionalDouble.empty();
            }
            i = end + 1;
        }
        return OptionalDouble.of(product);
    }

    private static int factorEnd(Call.Arg arg, int from) {
        int i = from;
        while (i < arg.to() && !arg.src().get(i).is("*")) {
            i++;
        }
        return i;
    }

    /** One factor: a number, a name, {@code NAME.key}, or a Java duration. */
    private OptionalDouble factor(Call.Arg f, int depth) {
        Tokens src = f.src();
        int n = f.to() - f.from();
        if (n == 1 && src.get(f.from()).kind() == Token.Kind.NUMBER) {
            return Numbers.value(src.get(f.from()).text());
        }
        if (n == 1 && src.get(f.from()).isWord()) {
            return named(src.get(f.from()).text(), null, depth);
        }
        if (n == 3 && src.get(f.from()).isWord() && src.is(f.from() + 1, ".") && src.get(f.from() + 2).isWord()) {
            return named(src.get(f.from()).text(), src.get(f.from() + 2).text(), depth);
        }
        return duration(f, depth);
    }

    /** A name's assigned value, or the value of {@code key} in the object literal it was assigned. */
    private OptionalDouble named(String name, String key, int depth) {
        Names.Value value = names.get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        Statement s = value.statement();
        int to = s.size();
        while (to > value.from() && s.get(to - 1).is(";")) {
            to--;
        }
        if (key == null) {
            return value(new Call.Arg(s, value.from(), to), depth + 1);
        }
        for (int i = value.from(); i + 2 < to; i++) {
            if ((s.get(i).is(key) || s.get(i).isText() && s.get(i).value().equals(key)) && s.is(i + 1, ":")) {
                int end = i + 2;
                while (end < to && !s.get(end).is(",") && !s.get(end).is("}")) {
                    end++;
                }
                return value(new Call.Arg(s, i + 2, end), depth + 1);
            }
        }
        return OptionalDouble.empty();
    }

    /** {@code Duration.ofSeconds(10)} and friends, in milliseconds. */
    private OptionalDouble duration(Call.Arg arg, int depth) {
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
        OptionalDouble v = value(c.args().get(0), depth + 1);
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * unit) : v;
    }
}
