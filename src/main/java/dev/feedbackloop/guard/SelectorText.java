package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of a string argument that may be built at run time: a literal, a concatenation ({@code "tr[" + i + "]"}),
 * a template literal ({@code `tr[${i}]`}), a Python f-string or {@code "...".format(...)} or {@code "..." % x}, and
 * Java's {@code String.format}. Each computed part becomes {@link #PLACEHOLDER}, so the literal parts can be judged
 * (a position computed into an XPath is as brittle as a written one) while the computed value stays unknown.
 */
final class SelectorText {

    /** What a computed part of the text reads as. */
    static final String PLACEHOLDER = "…";

    private static final Pattern TEMPLATE_PART = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern PYTHON_PART = Pattern.compile("(?<!\\{)\\{[^{}]*}(?!})");
    private static final Pattern FORMAT_PART = Pattern.compile("%[-#+ 0,(]*\\d*(\\.\\d+)?[sdfx]");

    private SelectorText() {
    }

    static Optional<String> of(Call.Arg arg) {
        if (arg.isEmpty()) {
            return Optional.empty();
        }
        if (arg.single()) {
            return arg.first().isText() ? Optional.of(literal(arg.first())) : Optional.empty();
        }
        Tokens src = arg.src();
        Optional<String> formatted = formatted(src, arg.from(), arg.to());
        if (formatted.isPresent()) {
            return formatted;
        }
        List<int[]> parts = parts(src, arg.from(), arg.to());
        if (parts.size() < 2) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        boolean anyLiteral = false;
        for (int[] part : parts) {
            if (part[1] - part[0] == 1 && src.get(part[0]).isText()) {
                text.append(literal(src.get(part[0])));
                anyLiteral = true;
            } else {
                text.append(PLACEHOLDER);
            }
        }
        return anyLiteral ? Optional.of(text.toString()) : Optional.empty();
    }

    /** A literal's value, its substitutions ({@code ${x}}, an f-string's {@code {x}}) as placeholders. */
    private static String literal(Token t) {
        if (t.kind() == Token.Kind.TEMPLATE) {
            return TEMPLATE_PART.matcher(t.value()).replaceAll(PLACEHOLDER);
        }
        int quote = 0;
        while (quote < t.text().length() && "\"'".indexOf(t.text().charAt(quote)) < 0) {
            quote++;
        }
        boolean fString = t.text().substring(0, quote).toLowerCase(java.util.Locale.ROOT).contains("f");
        return fString ? PYTHON_PART.matcher(t.value()).replaceAll(PLACEHOLDER) : t.value();
    }

    /** The operands of a top-level {@code +} chain, as [from, to) ranges. */
    private static List<int[]> parts(Tokens src, int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            Token t = src.get(i);
            if ((t.is("(") || t.is("[") || t.is("{")) && src.partner(i) > i) {
                i = src.partner(i);
            } else if (t.is("+")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            } else if (t.kind() == Token.Kind.PUNCT && !t.is(".") && !t.is("?.") && !t.is("-") && !t.is("*")
                    && !t.is("/") && !t.is("%")) {
                return List.of(); // not a plain concatenation
            }
        }
        parts.add(new int[] {start, to});
        return parts.stream().anyMatch(p -> p[1] <= p[0]) ? List.of() : parts;
    }

    /** {@code String.format("...", x)}, {@code "...".format(x)}, {@code "..." % x}. */
    private static Optional<String> formatted(Tokens src, int from, int to) {
        if (to - from >= 4 && src.get(from).is("String") && src.is(from + 1, ".") && src.is(from + 2, "format")
                && src.is(from + 3, "(") && from + 4 < to && src.get(from + 4).isText()) {
            return Optional.of(FORMAT_PART.matcher(src.get(from + 4).value()).replaceAll(PLACEHOLDER));
        }
        if (src.get(from).isText() && src.is(from + 1, ".") && src.is(from + 2, "format") && src.is(from + 3, "(")) {
            return Optional.of(PYTHON_PART.matcher(src.get(from).value()).replaceAll(PLACEHOLDER));
        }
        if (src.get(from).isText() && src.is(from + 1, "%")) {
            return Optional.of(FORMAT_PART.matcher(src.get(from).value()).replaceAll(PLACEHOLDER));
        }
        return Optional.empty();
    }
}
