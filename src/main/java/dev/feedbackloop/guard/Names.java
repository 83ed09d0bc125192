package dev.feedbackloop.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Local names and what they were assigned: {@code const count = await x.textContent()}, {@code row = page...}. */
final class Names {

    private static final Set<String> DECLARATIONS = Set.of("const", "let", "var", "final", "val");

    private Names() {
    }

    /** The assigned value of a name: the tokens of {@code statement} from {@code from} on. */
    record Value(Statement statement, int from) {
        String text() {
            int to = statement.size();
            while (to > from && statement.get(to - 1).is(";")) {
                to--;
            }
            return Statement.normalise(statement.tokens().subList(from, to));
        }
    }

    /** The last assignment of each simple name among {@code statements}. */
    static Map<String, Statement> assignments(List<Statement> statements) {
        Map<String, Statement> names = new HashMap<>();
        for (Statement s : statements) {
            assignedName(s).ifPresent(name -> names.put(name, s));
        }
        return names;
    }

    /** The values assigned among {@code statements}, by name. */
    static Map<String, Value> values(List<Statement> statements) {
        Map<String, Value> names = new HashMap<>();
        for (Statement s : statements) {
            assigned(s).ifPresent(v -> names.put(nameOf(v), v));
        }
        return names;
    }

    /** The simple name {@code s} assigns ({@code [decl] [Type] name = value}), if it assigns one. */
    static Optional<String> assignedName(Statement s) {
        return assigned(s).map(Names::nameOf);
    }

    /** The name a value was assigned to: the word before its {@code =}. */
    private static String nameOf(Value v) {
        return v.statement().get(v.from() - 2).text();
    }

    /** If {@code s} assigns one simple name ({@code [decl] [Type] name = value}), the value. */
    static Optional<Value> assigned(Statement s) {
        for (int i = 1; i + 1 < s.size() && i < 6; i++) {
            if (s.get(i).is("=") && s.get(i - 1).isWord() && !DECLARATIONS.contains(s.get(i - 1).text())) {
                boolean declarationOrPlain = i == 1 || s.get(0).isWord() && prefixIsDeclaration(s, i - 1);
                return declarationOrPlain ? Optional.of(new Value(s, i + 1)) : Optional.empty();
            }
            if (s.get(i).is("(") || s.get(i).is(".") && i < 2) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Tokens before the name are a declaration keyword, modifiers or a type (words, dots, generics). */
    private static boolean prefixIsDeclaration(Statement s, int nameIndex) {
        for (int i = 0; i < nameIndex; i++) {
            Token t = s.get(i);
            if (!t.isWord() && !t.is(".") && !t.is("<") && !t.is(">") && !t.is(",") && !t.is("[")
                    && !t.is("]") && !t.is(":")) {
                return false;
            }
        }
        return true;
    }
}
