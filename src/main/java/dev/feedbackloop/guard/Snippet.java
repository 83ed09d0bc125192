package dev.feedbackloop.guard;

import java.util.List;
import java.util.Set;

/** Renders tokens back into compact source text for messages: {@code expect(x).toHaveText('2')}. */
final class Snippet {

    private static final Set<String> OPERATORS = Set.of("=>", "||", "&&", "??", "==", "===", "!=", "!==", "?", "=",
            "+", "-", "*", "/", "<", ">", "<=", ">=", "+=", "-=", "in", "is", "not", "and", "or", "instanceof");
    private static final int MAX = 90;

    private Snippet() {
    }

    static String of(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.NEWLINE || t.is(";")) {
                continue;
            }
            if (previous != null && space(previous, t)) {
                out.append(' ');
            }
            out.append(t.text());
            previous = t;
        }
        return clip(out.toString().replace('\n', ' '), MAX);
    }

    /** The text cut to at most {@code max} characters, an ellipsis marking the cut. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static boolean space(Token a, Token b) {
        String x = a.text();
        String y = b.text();
        if (y.equals(")") || y.equals("]") || y.equals(",") || y.equals(".") || y.equals("?.") || y.equals("(")
                && a.kind() != Token.Kind.PUNCT || y.equals("[") && a.kind() != Token.Kind.PUNCT || y.equals(":")) {
            return false;
        }
        if (x.equals("(") || x.equals("[") || x.equals(".") || x.equals("?.") || x.equals("!") || x.equals("@")) {
            return false;
        }
        if (x.equals("{") || y.equals("}") || x.equals(",") || x.equals(":")) {
            return true;
        }
        if (a.kind() == Token.Kind.PUNCT && OPERATORS.contains(x) || b.kind() == Token.Kind.PUNCT
                && OPERATORS.contains(y)) {
            return true;
        }
        return a.kind() != Token.Kind.PUNCT && b.kind() != Token.Kind.PUNCT;
    }
}
