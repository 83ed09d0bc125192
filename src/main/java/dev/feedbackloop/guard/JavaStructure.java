package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tests, hooks and helpers of a Java test class (JUnit 4/5, TestNG): methods by their annotations, nested
 * classes as scopes, fields and class annotations as scope statements.
 */
final class JavaStructure {

    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate", "RetryingTest");
    private static final Set<String> HOOK_ANNOTATIONS = Set.of("BeforeEach", "AfterEach", "BeforeAll", "AfterAll",
            "Before", "After", "BeforeClass", "AfterClass", "BeforeMethod", "AfterMethod", "BeforeTest", "AfterTest",
            "BeforeSuite", "AfterSuite", "BeforeGroups", "AfterGroups");
    private static final Set<String> TYPE_WORDS = Set.of("class", "interface", "enum", "record");

    private final Code code;
    private final BraceSplitter splitter;
    private final List<Unit> units = new ArrayList<>();

    JavaStructure(Code code) {
        this.code = code;
        this.splitter = new BraceSplitter(code);
    }

    List<Unit> units() {
        if (units.isEmpty() && code.size() > 0) {
            members(0, code.size(), List.of());
        }
        return units;
    }

    /** The members between {@code from} and {@code to}: a file's imports and types, or a class body. */
    private void members(int from, int to, List<String> path) {
        List<Statement> scope = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (code.get(i).is(";")) {
                i++;
                continue;
            }
            i = member(i, to, path, scope);
        }
        if (!scope.isEmpty()) {
            units.add(new Unit(Unit.Kind.SCOPE, path, "", Optional.empty(), scope, code.get(from).line(),
                    code.get(to - 1).line()));
        }
    }

    /** One member starting at {@code start}; returns the index after it. */
    private int member(int start, int to, List<String> path, List<Statement> scope) {
        List<String> annotations = new ArrayList<>();
        int i = annotations(start, to, annotations);
        int end = i;
        int brace = -1;
        boolean type = false;
        while (end < to && !code.get(end).is(";")) {
            Token t = code.get(end);
            type |= t.isWord() && TYPE_WORDS.contains(t.text()) && brace < 0;
            if (t.is("{")) {
                brace = end;
                break;
            }
            if (t.is("=")) {
                brace = -1;
                end = fieldEnd(end, to);
                break;
            }
            end = (t.is("(") || t.is("[")) && code.partner(end) > end ? code.partner(end) + 1 : end + 1;
        }
        if (brace < 0 || code.partner(brace) < brace) {
            int stop = Math.min(to, end < to && code.get(end).is(";") ? end + 1 : Math.max(end, start + 1));
            scope.add(new Statement(code.tokens.subList(start, stop), List.of(), null));
            return stop;
        }
        int close = code.partner(brace);
        if (type) {
            scope.add(new Statement(code.tokens.subList(start, brace + 1), List.of(), null));
            List<String> inner = new ArrayList<>(path);
            inner.add(typeName(i, brace));
            members(brace + 1, close, inner);
        } else {
            method(start, brace, close, annotations, path, scope);
        }
        return close + 1;
    }

    private int annotations(int i, int to, List<String> names) {
        while (i + 1 < to && code.get(i).is("@") && code.get(i + 1).isWord() && !code.get(i + 1).is("interface")) {
            i++;
            String name = code.get(i).text();
            while (i + 2 < to && code.get(i + 1).is(".") && code.get(i + 2).isWord()) {
                i += 2;
                name = code.get(i).text();
            }
            names.add(name);
            i++;
            if (i < to && code.get(i).is("(") && code.partner(i) > i) {
                i = code.partner(i) + 1;
            }
        }
        return i;
    }

    private int fieldEnd(int i, int to) {
        while (i < to && !code.get(i).is(";")) {
            Token t = code.get(i);
            i = (t.is("(") || t.is("[") || t.is("{")) && code.partner(i) > i ? code.partner(i) + 1 : i + 1;
        }
        return i;
    }

    private String typeName(int from, int brace) {
        for (int i = from; i + 1 < brace; i++) {
            if (code.get(i).isWord() && TYPE_WORDS.contains(code.get(i).text()) && code.get(i + 1).isWord()) {
                return code.get(i + 1).text();
            }
        }
        return "?";
    }

    private void method(int start, int brace, int close, List<String> annotations, List<String> path,
                        List<Statement> scope) {
        Optional<String> name = methodName(start, brace);
        Statement header = new Statement(code.tokens.subList(start, brace + 1), List.of(), null);
        if (name.isEmpty()) { // an initializer block
            scope.add(header);
            scope.addAll(splitter.split(brace + 1, close, List.of()));
            return;
        }
        Unit.Kind kind = annotations.stream().anyMatch(TEST_ANNOTATIONS::contains) ? Unit.Kind.TEST
                : annotations.stream().anyMatch(HOOK_ANNOTATIONS::contains) ? Unit.Kind.HOOK : Unit.Kind.HELPER;
        List<Statement> body = splitter.split(brace + 1, close, List.of());
        units.add(new Unit(kind, path, name.get(), Optional.of(header), body, code.get(start).line(),
                code.get(close).line()));
    }

    /** The name before the parameter list of a method header, if {@code [start, brace)} has one. */
    private Optional<String> methodName(int start, int brace) {
        for (int i = start; i < brace; i++) {
            Token t = code.get(i);
            if (t.is("@") && i + 1 < brace) {
                i = skipAnnotation(i);
                continue;
            }
            if (t.is("(") && i > start && code.get(i - 1).isWord()) {
                return Optional.of(code.get(i - 1).text());
            }
        }
        return Optional.empty();
    }

    private int skipAnnotation(int at) {
        int i = at + 1;
        while (i + 2 < code.size() && code.get(i + 1).is(".")) {
            i += 2;
        }
        if (code.is(i + 1, "(") && code.partner(i + 1) > i) {
            return code.partner(i + 1);
        }
        return i;
    }
}
