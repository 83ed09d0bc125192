package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a brace-language block (JavaScript, TypeScript, Java) into statements. Control statements become a header
 * plus the statements of their bodies, each with the block in its context. JavaScript statements may end at a line
 * break (automatic semicolon insertion), unless the break sits where an expression obviously continues.
 */
final class BraceSplitter {

    /** A token at the start of a line that continues the previous line's expression. */
    private static final Set<String> CONTINUES_NEXT = Set.of(".", "?.", ")", "]", "}", ",", "?", ":", "=>", "&&",
            "||", "??", "+", "*", "/", "%", "=", "==", "===", "!=", "!==", "<", ">", "<=", ">=", "|", "&", "^",
            "instanceof", "in", "as", "satisfies");
    /** A token at the end of a line after which the expression must go on. */
    private static final Set<String> CONTINUES_PREV = Set.of("(", "[", "{", ",", ".", "?.", "=>", "=", "+", "-",
            "*", "/", "%", "&&", "||", "??", "?", ":", "==", "===", "!=", "!==", "<", ">", "<=", ">=", "!", "+=",
            "-=", "|", "&", "new", "await", "typeof", "const", "let", "var", "extends", "of", "in", "instanceof");

    private final Code code;
    private final boolean automaticSemicolons;

    BraceSplitter(Code code) {
        this.code = code;
        this.automaticSemicolons = code.language == Language.JAVASCRIPT;
    }

    /** The statements between token {@code from} (inclusive) and {@code to} (exclusive). */
    List<Statement> split(int from, int to, List<Block> context) {
        List<Statement> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (code.get(i).is(";")) {
                i++;
                continue;
            }
            int next = statement(i, to, context, out);
            i = Math.max(next, i + 1);
        }
        return out;
    }

    /** The index after the statement (simple or control, with all its parts) starting at {@code i}. */
    int end(int i, int to) {
        return Math.max(statement(i, to, List.of(), new ArrayList<>()), i + 1);
    }

    /** Parses one statement (simple or control) at {@code i} into {@code out}; returns the index after it. */
    private int statement(int i, int to, List<Block> context, List<Statement> out) {
        Token t = code.get(i);
        if (t.isWord()) {
            switch (t.text()) {
                case "if":
                    return ifStatement(i, to, context, out);
                case "for":
                case "while":
                    return headed(i, to, context, out, Block.Kind.LOOP, code.newBlockId());
                case "do":
                    return doWhile(i, to, context, out);
                case "try":
                    return tryStatement(i, to, context, out);
                default:
                    break;
            }
        }
        int end = simpleEnd(i, to);
        out.add(new Statement(code.tokens.subList(i, end), context, null));
        return end;
    }

    private int ifStatement(int i, int to, List<Block> context, List<Statement> out) {
        int group = code.newBlockId();
        int next = headed(i, to, context, out, Block.Kind.IF, group);
        while (next < to && code.get(next).is("else")) {
            Block elseBlock = new Block(Block.Kind.ELSE, code.newBlockId(), group, code.get(next).line());
            out.add(new Statement(code.tokens.subList(next, next + 1), context, elseBlock));
            next = body(next + 1, to, with(context, elseBlock), out);
        }
        return next;
    }

    /** {@code keyword (...) body}: a header opening a block of {@code kind}, then the body in that block. */
    private int headed(int i, int to, List<Block> context, List<Statement> out, Block.Kind kind, int group) {
        int headerEnd = i + 1;
        while (headerEnd < to && code.get(headerEnd).isWord() && !code.get(headerEnd).is("(")) {
            headerEnd++; // "for await (" and the like
        }
        if (headerEnd < to && code.get(headerEnd).is("(") && code.partner(headerEnd) > 0) {
            headerEnd = code.partner(headerEnd) + 1;
        }
        Block block = new Block(kind, code.newBlockId(), group, code.get(i).line());
        out.add(new Statement(code.tokens.subList(i, Math.min(headerEnd, to)), context, block));
        return body(headerEnd, to, with(context, block), out);
    }

    private int doWhile(int i, int to, List<Block> context, List<Statement> out) {
        Block block = new Block(Block.Kind.LOOP, code.newBlockId(), code.newBlockId(), code.get(i).line());
        out.add(new Statement(code.tokens.subList(i, i + 1), context, block));
        int next = body(i + 1, to, with(context, block), out);
        if (next < to && code.get(next).is("while")) {
            int end = simpleEnd(next, to);
            out.add(new Statement(code.tokens.subList(next, end), context, null));
            return end;
        }
        return next;
    }

    private int tryStatement(int i, int to, List<Block> context, List<Statement> out) {
        int group = code.newBlockId();
        Block tryBlock = new Block(Block.Kind.TRY, code.newBlockId(), group, code.get(i).line());
        int headerEnd = i + 1;
        if (headerEnd < to && code.get(headerEnd).is("(") && code.partner(headerEnd) > 0) {
            headerEnd = code.partner(headerEnd) + 1; // Java try-with-resources
        }
        out.add(new Statement(code.tokens.subList(i, headerEnd), context, tryBlock));
        int next = body(headerEnd, to, with(context, tryBlock), out);
        while (next < to && (code.get(next).is("catch") || code.get(next).is("finally"))) {
            Block.Kind kind = code.get(next).is("catch") ? Block.Kind.CATCH : Block.Kind.FINALLY;
            Block block = new Block(kind, code.newBlockId(), group, code.get(next).line());
            int clauseEnd = next + 1;
            if (clauseEnd < to && code.get(clauseEnd).is("(") && code.partner(clauseEnd) > 0) {
                clauseEnd = code.partner(clauseEnd) + 1;
            }
            out.add(new Statement(code.tokens.subList(next, clauseEnd), context, block));
            next = body(clauseEnd, to, with(context, block), out);
        }
        return next;
    }

    /** A block in braces, or a single statement; returns the index after it. */
    private int body(int i, int to, List<Block> context, List<Statement> out) {
        if (i >= to) {
            return to;
        }
        if (code.get(i).is("{") && code.partner(i) > i && code.partner(i) < to) {
            int close = code.partner(i);
            out.addAll(split(i + 1, close, context));
            return close + 1;
        }
        return statement(i, to, context, out);
    }

    /** Where a simple statement starting at {@code i} ends: after its semicolon, or at an inserted one. */
    private int simpleEnd(int i, int to) {
        int j = i;
        while (j < to) {
            Token t = code.get(j);
            if (t.is(";")) {
                return j + 1;
            }
            if ((t.is("(") || t.is("[") || t.is("{")) && code.partner(j) > j) {
                j = Math.min(code.partner(j) + 1, to);
            } else {
                j++;
            }
            if (automaticSemicolons && j < to && code.get(j).line() > code.get(j - 1).line()
                    && !continues(code.get(j - 1), code.get(j))) {
                return j;
            }
        }
        return to;
    }

    private static boolean continues(Token previous, Token next) {
        return CONTINUES_NEXT.contains(next.text()) && next.kind() == Token.Kind.PUNCT
                || CONTINUES_NEXT.contains(next.text()) && next.isWord()
                || CONTINUES_PREV.contains(previous.text())
                        && (previous.kind() == Token.Kind.PUNCT || previous.isWord());
    }

    static List<Block> with(List<Block> context, Block block) {
        List<Block> inner = new ArrayList<>(context);
        inner.add(block);
        return inner;
    }
}
