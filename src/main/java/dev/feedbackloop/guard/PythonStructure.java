package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tests, fixtures and scopes of a pytest file: {@code def test_*} functions (at module level or in
 * {@code Test*} classes) with their decorators, {@code @pytest.fixture} functions and setup/teardown methods as
 * hooks, blocks by indentation.
 */
final class PythonStructure {

    private static final Set<String> HOOK_NAMES = Set.of("setup_method", "teardown_method", "setup_function",
            "teardown_function", "setup_class", "teardown_class", "setup_module", "teardown_module", "setUp",
            "tearDown", "setUpClass", "tearDownClass", "setup", "teardown");
    private static final Map<String, Block.Kind> COMPOUND = Map.of("if", Block.Kind.IF, "elif", Block.Kind.ELSE,
            "else", Block.Kind.ELSE, "for", Block.Kind.LOOP, "while", Block.Kind.LOOP, "try", Block.Kind.TRY,
            "except", Block.Kind.CATCH, "finally", Block.Kind.FINALLY, "with", Block.Kind.WITH,
            "def", Block.Kind.FUNCTION);

    /** One logical line: tokens {@code [from, to)} without its NEWLINE, and its indentation. */
    private record Line(int from, int to, int indent) {
    }

    private final Code code;
    private final List<Line> lines = new ArrayList<>();
    private final List<Unit> units = new ArrayList<>();

    PythonStructure(Code code) {
        this.code = code;
        int from = 0;
        for (int i = 0; i <= code.size(); i++) {
            if (i == code.size() || code.get(i).kind() == Token.Kind.NEWLINE) {
                if (i > from) {
                    lines.add(new Line(from, i, code.get(from).column()));
                }
                from = i + 1;
            }
        }
    }

    List<Unit> units() {
        if (units.isEmpty() && !lines.isEmpty()) {
            block(0, lines.size(), List.of(), true);
        }
        return units;
    }

    /** The lines {@code [from, to)} of a module or class body. */
    private void block(int from, int to, List<String> path, boolean testContainer) {
        List<Statement> scope = new ArrayList<>();
        int decorators = -1;
        int i = from;
        while (i < to) {
            Line line = lines.get(i);
            int end = blockEnd(i, to);
            if (code.get(line.from()).is("@")) {
                decorators = decorators < 0 ? i : decorators;
                i++;
                continue;
            }
            int first = decorators < 0 ? i : decorators;
            Optional<String> def = defName(line);
            if (def.isPresent()) {
                function(first, i, end, def.get(), path, testContainer, scope);
            } else if (code.get(line.from()).is("class") && line.to() - line.from() > 1) {
                scope.add(statement(first, i + 1, List.of()));
                String name = code.get(line.from() + 1).text();
                List<String> inner = new ArrayList<>(path);
                inner.add(name);
                block(i + 1, end, inner, name.startsWith("Test"));
            } else {
                scope.addAll(statements(first, end, List.of()));
            }
            decorators = -1;
            i = end;
        }
        if (!scope.isEmpty()) {
            units.add(new Unit(Unit.Kind.SCOPE, path, "", Optional.empty(), scope,
                    code.get(lines.get(from).from()).line(), lastLine(to)));
        }
    }

    private void function(int first, int defLine, int end, String name, List<String> path, boolean testContainer,
                          List<Statement> scope) {
        Statement header = statement(first, defLine + 1, List.of());
        boolean fixture = header.tokens().stream().anyMatch(t -> t.is("fixture"));
        Unit.Kind kind = name.startsWith("test") && testContainer ? Unit.Kind.TEST
                : fixture || HOOK_NAMES.contains(name) ? Unit.Kind.HOOK : Unit.Kind.HELPER;
        List<Statement> body = statements(defLine + 1, end, List.of());
        units.add(new Unit(kind, path, name, Optional.of(header), body,
                code.get(lines.get(first).from()).line(), lastLine(end)));
    }

    /** The statements of lines {@code [from, to)}, compound statements split into header and body. */
    private List<Statement> statements(int from, int to, List<Block> context) {
        List<Statement> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            Line line = lines.get(i);
            int end = blockEnd(i, to);
            Token first = code.get(line.from());
            Block.Kind kind = first.isWord() ? COMPOUND.get(first.text()) : null;
            if (first.is("async") && line.to() - line.from() > 1) {
                kind = COMPOUND.get(code.get(line.from() + 1).text());
            }
            int colon = kind == null ? -1 : headerColon(line);
            if (colon < 0) {
                out.add(statement(i, i + 1, context));
            } else {
                Block block = new Block(kind, code.newBlockId(), groupOf(kind, out, context.size()), first.line());
                out.add(new Statement(code.tokens.subList(line.from(), colon + 1), context, block));
                List<Block> inner = BraceSplitter.with(context, block);
                if (colon + 1 < line.to()) { // "if x: return"
                    out.add(new Statement(code.tokens.subList(colon + 1, line.to()), inner, null));
                }
                out.addAll(statements(i + 1, end, inner));
            }
            i = end;
        }
        return out;
    }

    /** An else/except/finally belongs to the construct of the nearest header at the same depth before it. */
    private int groupOf(Block.Kind kind, List<Statement> before, int depth) {
        if (kind == Block.Kind.ELSE || kind == Block.Kind.CATCH || kind == Block.Kind.FINALLY) {
            for (int i = before.size() - 1; i >= 0; i--) {
                Statement s = before.get(i);
                if (s.context().size() == depth && s.opens().isPresent()) {
                    return s.opens().get().group();
                }
            }
        }
        return code.newBlockId();
    }

    /** The colon ending a compound statement's header, at bracket depth 0, or -1. */
    private int headerColon(Line line) {
        for (int i = line.from(); i < line.to(); i++) {
            Token t = code.get(i);
            if ((t.is("(") || t.is("[") || t.is("{")) && code.partner(i) > i) {
                i = code.partner(i);
            } else if (t.is("lambda")) {
                return -1;
            } else if (t.is(":")) {
                return i;
            }
        }
        return -1;
    }

    private Statement statement(int fromLine, int toLine, List<Block> context) {
        int from = lines.get(fromLine).from();
        int to = lines.get(toLine - 1).to();
        List<Token> tokens = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (code.get(i).kind() != Token.Kind.NEWLINE) {
                tokens.add(code.get(i));
            }
        }
        return new Statement(tokens, context, null);
    }

    /** The index of the first line after the block that starts at line {@code i}. */
    private int blockEnd(int i, int to) {
        int indent = lines.get(i).indent();
        int end = i + 1;
        while (end < to && lines.get(end).indent() > indent) {
            end++;
        }
        return end;
    }

    private Optional<String> defName(Line line) {
        int i = line.from();
        if (code.get(i).is("async")) {
            i++;
        }
        if (i + 1 < line.to() && code.get(i).is("def") && code.get(i + 1).isWord()) {
            return Optional.of(code.get(i + 1).text());
        }
        return Optional.empty();
    }

    private int lastLine(int toLine) {
        Line last = lines.get(Math.max(0, toLine - 1));
        return code.get(Math.max(last.from(), last.to() - 1)).line();
    }
}
