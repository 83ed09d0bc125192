package dev.feedbackloop.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test file split into units, with the local names it defines (for resolving an assertion's subject). */
final class ParsedFile {

    final Code code;
    final List<Unit> units;

    ParsedFile(Code code, List<Unit> units) {
        this.code = code;
        this.units = List.copyOf(units);
    }

    static ParsedFile parse(String source, Language language) {
        Code code = new Code(source, language);
        List<Unit> units = switch (language) {
            case JAVASCRIPT -> new JsStructure(code).units();
            case PYTHON -> new PythonStructure(code).units();
            case JAVA -> new JavaStructure(code).units();
        };
        return new ParsedFile(code, units);
    }

    List<Unit> tests() {
        return units.stream().filter(u -> u.kind() == Unit.Kind.TEST).toList();
    }

    /** The names assigned at scope level ({@code const topics = ...}), to their value's statement. */
    Map<String, Statement> scopeNames() {
        return Names.assignments(units.stream().filter(u -> u.kind() != Unit.Kind.TEST)
                .flatMap(u -> u.body().stream()).toList());
    }

    Optional<Unit> unitAtLine(int line) {
        return units.stream().filter(u -> u.kind() == Unit.Kind.TEST)
                .filter(u -> u.firstLine() <= line && line <= u.lastLine()).findFirst();
    }
}
