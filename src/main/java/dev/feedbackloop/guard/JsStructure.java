package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tests, hooks and scopes of a JavaScript or TypeScript test file (Playwright Test, Cypress and Mocha,
 * WebdriverIO, Jest): calls such as {@code test.describe('t', () => {...})}, {@code it('t', ...)} and
 * {@code beforeEach(...)} whose last function argument has a block body.
 */
final class JsStructure {

    private static final Set<String> DESCRIBES = Set.of("describe", "context", "suite", "xdescribe", "fdescribe",
            "xcontext");
    private static final Set<String> TESTS = Set.of("test", "it", "specify", "xit", "fit", "xtest", "xspecify");
    private static final Set<String> HOOKS = Set.of("beforeEach", "afterEach", "beforeAll", "afterAll", "before",
            "after");

    private final Code code;
    private final BraceSplitter splitter;
    private final List<Unit> units = new ArrayList<>();

    JsStructure(Code code) {
        this.code = code;
        this.splitter = new BraceSplitter(code);
    }

    List<Unit> units() {
        if (units.isEmpty()) {
            scope(0, code.size(), List.of());
        }
        return units;
    }

    private void scope(int from, int to, List<String> path) {
        List<Statement> scopeStatements = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (code.get(i).is(";")) {
                i++;
                continue;
            }
            int end = splitter.end(i, to);
            Optional<Call> call = Call.leading(code, i, end);
            if (call.isPresent() && call.get().body().isPresent() && kind(call.get()) != null) {
                container(call.get(), end, path, scopeStatements);
            } else {
                scopeStatements.addAll(splitter.split(i, end, List.of()));
            }
            i = Math.max(end, i + 1);
        }
        if (!scopeStatements.isEmpty()) {
            units.add(new Unit(Unit.Kind.SCOPE, path, "", Optional.empty(), scopeStatements,
                    code.get(from).line(), code.get(to - 1).line()));
        }
    }

    private Unit.Kind kind(Call call) {
        String first = call.head().get(0);
        String last = call.head().get(call.head().size() - 1);
        if (call.head().contains("describe") || DESCRIBES.contains(first)) {
            return call.title().isPresent() ? Unit.Kind.SCOPE : null;
        }
        if (HOOKS.contains(last)) {
            return Unit.Kind.HOOK;
        }
        if (TESTS.contains(first) && call.title().isPresent()) {
            return Unit.Kind.TEST;
        }
        return null;
    }

    private void container(Call call, int end, List<String> path, List<Statement> scopeStatements) {
        int open = call.body().get();
        int close = code.partner(open);
        List<Token> headerTokens = new ArrayList<>(code.tokens.subList(call.start(), open + 1));
        headerTokens.addAll(code.tokens.subList(close, end));
        Statement header = new Statement(headerTokens, List.of(), null);
        Unit.Kind kind = kind(call);
        if (kind == Unit.Kind.SCOPE) {
            scopeStatements.add(header);
            List<String> inner = new ArrayList<>(path);
            inner.add(call.title().get());
            scope(open + 1, close, inner);
            return;
        }
        String title = kind == Unit.Kind.TEST ? call.title().get() : String.join(".", call.head());
        List<Statement> body = splitter.split(open + 1, close, List.of());
        units.add(new Unit(kind, path, title, Optional.of(header), body, code.get(call.start()).line(),
                code.get(Math.max(call.start(), end - 1)).line()));
    }
}
