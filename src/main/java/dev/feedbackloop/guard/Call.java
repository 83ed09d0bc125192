package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call site in a token sequence: {@code receiver.name(args)}. The receiver is the chain before the name
 * ({@code page.getByRole('x')} for {@code page.getByRole('x').click()}), found by walking back over names, dots
 * and bracketed groups.
 *
 * @param src       the tokens
 * @param start     the first token of the receiver chain (or of the name when there is none)
 * @param nameIndex the called name
 * @param open      its opening parenthesis
 * @param close     its closing parenthesis
 */
record Call(Tokens src, int start, int nameIndex, int open, int close) {

    /** One argument, tokens {@code from} (inclusive) to {@code to} (exclusive). */
    record Arg(Tokens src, int from, int to) {
        boolean single() {
            return to - from == 1;
        }

        Token first() {
            return src.get(from);
        }

        /** The argument's literal text value, if it is one string or template literal. */
        Optional<String> text() {
            return single() && first().isText() ? Optional.of(first().value()) : Optional.empty();
        }

        String normalized() {
            List<Token> tokens = new ArrayList<>();
            for (int i = from; i < to; i++) {
                tokens.add(src.get(i));
            }
            return Statement.normalise(tokens);
        }

        boolean isEmpty() {
            return to <= from;
        }
    }

    String name() {
        return src.get(nameIndex).text();
    }

    /** The receiver chain as normalised text, empty for a plain function call. */
    String receiver() {
        return nameIndex - 1 > start ? text(start, nameIndex - 1) : "";
    }

    /** The tokens of the receiver chain, without the dot before the name. */
    List<Token> receiverTokens() {
        List<Token> tokens = new ArrayList<>();
        for (int i = start; i < nameIndex - 1; i++) {
            tokens.add(src.get(i));
        }
        return tokens;
    }

    /** The tokens of the whole call, receiver included. */
    List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        for (int i = start; i <= close && i < src.size(); i++) {
            tokens.add(src.get(i));
        }
        return tokens;
    }

    /** The whole call as normalised text. */
    String text() {
        return text(start, close + 1);
    }

    /** The names along the chain from its start to this call, e.g. [test, describe, configure]. */
    List<String> head() {
        List<String> names = new ArrayList<>();
        for (int i = start; i <= nameIndex; i++) {
            if (src.get(i).isWord()) {
                names.add(src.get(i).text());
            } else if (!src.get(i).is(".") && !src.get(i).is("?.")) {
                names.clear();
            }
        }
        return names;
    }

    List<Arg> args() {
        List<Arg> args = new ArrayList<>();
        if (close < 0) {
            return args;
        }
        int from = open + 1;
        for (int i = open + 1; i < close; i++) {
            Token t = src.get(i);
            if ((t.is("(") || t.is("[") || t.is("{")) && src.partner(i) > i) {
                i = src.partner(i);
            } else if (t.is(",")) {
                args.add(new Arg(src, from, i));
                from = i + 1;
            }
        }
        if (from < close) {
            args.add(new Arg(src, from, close));
        }
        return args;
    }

    Optional<Arg> arg(int index) {
        List<Arg> args = args();
        return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** The first argument as literal text: a test's title. */
    Optional<String> title() {
        return arg(0).flatMap(Arg::text);
    }

    /** The opening brace of the last function argument with a block body ({@code () => {...}}, {@code function}). */
    Optional<Integer> body() {
        List<Arg> args = args();
        for (int a = args.size() - 1; a >= 0; a--) {
            Optional<Integer> brace = functionBody(args.get(a));
            if (brace.isPresent()) {
                return brace;
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> functionBody(Arg arg) {
        boolean function = false;
        for (int i = arg.from(); i < arg.to(); i++) {
            Token t = src.get(i);
            if (t.is("function") || t.is("=>")) {
                function = true;
            } else if (t.is("{") && function) {
                return Optional.of(i);
            } else if ((t.is("(") || t.is("[")) && src.partner(i) > i) {
                i = src.partner(i);
            } else if (t.is("{") && src.partner(i) > i) {
                i = src.partner(i);
            }
        }
        return Optional.empty();
    }

    String text(int from, int to) {
        List<Token> tokens = new ArrayList<>();
        for (int i = Math.max(0, from); i < to && i < src.size(); i++) {
            tokens.add(src.get(i));
        }
        return Statement.normalise(tokens);
    }

    /** The call at the start of {@code [from, to)}, after an optional {@code await}: {@code a.b.c(...)}. */
    static Optional<Call> leading(Tokens src, int from, int to) {
        int i = from;
        if (src.is(i, "await") || src.is(i, "return")) {
            i++;
        }
        int start = i;
        while (i + 1 < to && src.get(i).isWord() && (src.is(i + 1, ".") || src.is(i + 1, "?."))) {
            i += 2;
        }
        if (i + 1 < to && src.get(i).isWord() && src.is(i + 1, "(") && src.partner(i + 1) > i) {
            return Optional.of(new Call(src, start, i, i + 1, src.partner(i + 1)));
        }
        return Optional.empty();
    }

    /** Every call site in {@code [from, to)}, in source order. */
    static List<Call> all(Tokens src, int from, int to) {
        List<Call> calls = new ArrayList<>();
        for (int i = from; i + 1 < to; i++) {
            if (src.get(i).isWord() && src.is(i + 1, "(") && src.partner(i + 1) > i) {
                calls.add(new Call(src, chainStart(src, i, from), i, i + 1, src.partner(i + 1)));
            }
        }
        return calls;
    }

    static List<Call> all(Tokens src) {
        return all(src, 0, src.size());
    }

    /** Walks back from a called name over {@code .name}, {@code (...)}, {@code [...]} to the chain's start. */
    private static int chainStart(Tokens src, int nameIndex, int floor) {
        int i = nameIndex;
        while (i - 1 > floor && (src.is(i - 1, ".") || src.is(i - 1, "?."))) {
            int prev = i - 2;
            while (prev >= floor && (src.is(prev, ")") || src.is(prev, "]")) && src.partner(prev) >= floor
                    && src.partner(prev) < prev) {
                prev = src.partner(prev) - 1;
            }
            if (prev < floor || !src.get(prev).isWord() && !src.get(prev).isText()) {
                return i;
            }
            i = prev;
        }
        if (i - 1 >= floor && src.is(i - 1, "new")) {
            return i - 1;
        }
        return i;
    }
}
