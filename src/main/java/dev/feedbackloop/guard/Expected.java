package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The value an assertion compares with, as far as it can be read statically.
 *
 * @param kind   what sort of value
 * @param text   its text (the string, the regex pattern, the number, or the expression)
 * @param regex  the regex's shape, for {@link Kind#REGEX}
 * @param values the members, for {@link Kind#SET}
 */
record Expected(Kind kind, String text, Optional<RegexShape> regex, List<String> values) {

    /** Value kinds. */
    enum Kind {
        /** No value: presence, state or truthiness. */
        NONE,
        /** A literal text. */
        TEXT,
        /** A regular expression. */
        REGEX,
        /** A text that must be contained ({@code expect.stringContaining('x')}, {@code containsString("x")}). */
        SUBSTRING,
        /** A number. */
        NUMBER,
        /** A literal list or set of values (a membership check). */
        SET,
        /** A boolean literal. */
        BOOLEAN,
        /** Anything at all ({@code expect.anything()}, {@code expect.any(String)}). */
        ANY,
        /** An expression that cannot be read statically. */
        OTHER
    }

    static final Expected NONE = new Expected(Kind.NONE, "", Optional.empty(), List.of());

    private static final Set<String> REGEX_MAKERS = Set.of("compile", "RegExp", "stringMatching");

    static Expected text(String text) {
        return new Expected(Kind.TEXT, text, Optional.empty(), List.of());
    }

    OptionalDouble number() {
        return kind == Kind.NUMBER ? Numbers.value(text) : OptionalDouble.empty();
    }

    /** Reads the value of an argument: a literal, a regex, {@code re.compile(...)}, a list, an asymmetric matcher. */
    static Expected of(Call.Arg arg) {
        if (arg.isEmpty()) {
            return NONE;
        }
        Token first = arg.first();
        if (arg.single()) {
            return single(first);
        }
        if (first.is("-") && arg.to() - arg.from() == 2 && arg.src().get(arg.from() + 1).kind() == Token.Kind.NUMBER) {
            return new Expected(Kind.NUMBER, "-" + arg.src().get(arg.from() + 1).text(), Optional.empty(), List.of());
        }
        boolean setLiteral = first.is("{") && arg.src().partner(arg.from()) == arg.to() - 1
                && arg.to() - arg.from() > 2 && arg.src().get(arg.from() + 1).kind() != Token.Kind.WORD
                && !arg.src().is(arg.from() + 2, ":");
        if (first.is("[") || first.is("(") || setLiteral) {
            return list(arg);
        }
        return call(arg);
    }

    private static Expected single(Token t) {
        return switch (t.kind()) {
            case STRING, TEMPLATE -> text(t.value());
            case REGEX -> new Expected(Kind.REGEX, t.value(), Optional.of(RegexShape.of(t.value(), t.flags())),
                    List.of());
            case NUMBER -> new Expected(Kind.NUMBER, Numbers.canonical(t.text()), Optional.empty(), List.of());
            default -> t.is("true") || t.is("false") || t.is("True") || t.is("False")
                    ? new Expected(Kind.BOOLEAN, t.text().toLowerCase(), Optional.empty(), List.of())
                    : new Expected(Kind.OTHER, t.text(), Optional.empty(), List.of());
        };
    }

    /** {@code [200, 201]}, {@code (200, 201)}, {@code {200, 201}}: a set of literals. */
    private static Expected list(Call.Arg arg) {
        int close = arg.src().partner(arg.from());
        if (close != arg.to() - 1) {
            return other(arg);
        }
        List<String> values = new ArrayList<>();
        for (int i = arg.from() + 1; i < close; i++) {
            Token t = arg.src().get(i);
            if (t.is(",")) {
                continue;
            }
            if (!t.isText() && t.kind() != Token.Kind.NUMBER) {
                return other(arg);
            }
            values.add(t.kind() == Token.Kind.NUMBER ? Numbers.canonical(t.text()) : t.value());
        }
        return new Expected(Kind.SET, arg.normalized(), Optional.empty(), values);
    }

    /** {@code re.compile(r"...")}, {@code new RegExp('...')}, {@code expect.stringContaining('x')}, {@code List.of}. */
    private static Expected call(Call.Arg arg) {
        List<Call> calls = Call.all(arg.src(), arg.from(), arg.to());
        if (calls.isEmpty()) {
            return other(arg);
        }
        Call c = calls.get(0);
        if (c.close() != arg.to() - 1) {
            // a call inside a larger value ({ id: 7, at: expect.any(String) }): the value is not the call
            return other(arg);
        }
        String name = c.name();
        Optional<Call.Arg> inner = c.arg(0);
        if (REGEX_MAKERS.contains(name) && inner.isPresent()) {
            Expected pattern = of(inner.get());
            if (pattern.kind == Kind.TEXT || pattern.kind == Kind.REGEX) {
                String flags = c.args().size() > 1 ? c.args().get(1).normalized() : "";
                boolean ci = flags.contains("I") || flags.contains("i");
                String p = pattern.text();
                return new Expected(Kind.REGEX, p, Optional.of(RegexShape.of(p, ci ? "i" : "")), List.of());
            }
        }
        if ((name.equals("stringContaining") || name.equals("containsString")) && inner.isPresent()
                && of(inner.get()).kind == Kind.TEXT) {
            return new Expected(Kind.SUBSTRING, of(inner.get()).text(), Optional.empty(), List.of());
        }
        if (name.equals("anything") || name.equals("any")) {
            return new Expected(Kind.ANY, arg.normalized(), Optional.empty(), List.of());
        }
        if (name.equals("of") || name.equals("asList") || name.equals("arrayContaining")) {
            return list(new Call.Arg(arg.src(), c.open(), c.close() + 1));
        }
        return other(arg);
    }

    private static Expected other(Call.Arg arg) {
        return new Expected(Kind.OTHER, arg.normalized(), Optional.empty(), List.of());
    }
}
