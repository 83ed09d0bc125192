package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code error-swallowed}: errors caught and dropped, so a step or an assertion can fail without failing the test:
 * a new {@code try} whose {@code catch}/{@code except} neither rethrows nor fails, {@code .catch(() => {})} and
 * other catch callbacks that do not rethrow, {@code contextlib.suppress}, Cypress's {@code failOnStatusCode: false}
 * when no status is asserted afterwards and handlers that return false for uncaught exceptions, and HTTP clients
 * told to accept every status ({@code validateStatus: () => true}, {@code .ok(() => true)}).
 */
final class SwallowRule implements Rule {

    /** Words in a handler that let the failure through after all. */
    private static final Set<String> RETHROWS = Set.of("throw", "raise", "fail", "expect", "assert", "assertThat",
            "reject", "Assertions", "pytest");
    private static final Set<String> ACCEPT_ALL = Set.of("validateStatus", "ok");
    /** Promise combinators that resolve whatever their promises do. */
    private static final Set<String> SETTLING = Set.of("allSettled");
    /** Calls that pass when what they wrap throws the given error. */
    private static final Set<String> EXPECTS_FAILURE = Set.of("raises", "assertThrows", "assertRaises");
    /** The errors a failed assertion throws, in each framework. */
    private static final Set<String> ASSERTION_ERRORS = Set.of("AssertionError", "AssertionFailedError",
            "AssertionFailedException", "ComparisonFailure", "AssertionErrorException");

    @Override
    public void check(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            u.proposed().ifPresent(unit -> tryBlocks(c, u, unit, findings));
        }
        boolean statusAsserted = statusAsserted(c);
        for (AddedPatterns.Added a : AddedPatterns.in(c, s -> swallowed(s, statusAsserted))) {
            findings.error(GuardRule.ERROR_SWALLOWED, a.hit().line(), a.hit().what());
        }
    }

    /** A new try (or except clause) whose handlers let nothing through. */
    private static void tryBlocks(Comparison c, Comparison.UnitChange u, Unit unit, Findings findings) {
        List<Statement> body = unit.body();
        for (Statement s : u.diff().newStatements()) {
            Optional<Block> opened = s.opens();
            if (opened.isEmpty() || opened.get().kind() != Block.Kind.CATCH || hadHandler(u, s)) {
                continue;
            }
            List<Statement> handler = inBlock(body, opened.get());
            if (checksSomethingElse(c, body, opened.get(), handler)) {
                findings.error(GuardRule.ERROR_SWALLOWED, tryLine(body, opened.get(), s.line()),
                        "wraps checks in try/" + s.get(0).text() + " and the handler checks something else instead ("
                                + AssertionRule.shorten(handler.get(0).text()) + "): when the checks fail, that other"
                                + " outcome passes the test");
            } else if (handler.stream().noneMatch(SwallowRule::rethrows)) {
                findings.error(GuardRule.ERROR_SWALLOWED, tryLine(body, opened.get(), s.line()),
                        "wraps steps in try/" + s.get(0).text() + " and the handler "
                                + (handler.isEmpty() ? "is empty" : "only " + summary(handler))
                                + ": any failure inside is swallowed and the test passes anyway");
            }
        }
    }

    /** Words that end a handler with the failure after all, whatever it checked first. */
    private static final Set<String> FAILS_AGAIN = Set.of("throw", "raise", "fail", "reject");

    /**
     * A handler that catches failed assertions and, instead of failing, asserts another outcome (an error alert, an
     * empty state): the test now passes on either, the broken one included.
     */
    private static boolean checksSomethingElse(Comparison c, List<Statement> body, Block handler,
                                               List<Statement> handlerStatements) {
        boolean failsAgain = handlerStatements.stream().flatMap(st -> st.tokens().stream())
                .anyMatch(t -> t.isWord() && FAILS_AGAIN.contains(t.text()));
        boolean checks = handlerStatements.stream().anyMatch(st -> !Assertions.in(st, c.language()).isEmpty());
        if (failsAgain || !checks) {
            return false;
        }
        return tryOf(body, handler).map(t -> inBlock(body, t.opens().get())).orElse(List.of()).stream()
                .anyMatch(st -> !Assertions.in(st, c.language()).isEmpty());
    }

    /** The proposal only edited a handler the original already had. */
    private static boolean hadHandler(Comparison.UnitChange u, Statement catchHeader) {
        return u.diff().originalOf(catchHeader).flatMap(Statement::opens)
                .map(b -> b.kind() == Block.Kind.CATCH).orElse(false);
    }

    private static int tryLine(List<Statement> body, Block handler, int fallback) {
        return tryOf(body, handler).map(Statement::line).orElse(fallback);
    }

    /** The statement opening the {@code try} a handler belongs to. */
    private static Optional<Statement> tryOf(List<Statement> body, Block handler) {
        return body.stream().filter(s -> s.opens().filter(b -> b.group() == handler.group()
                && b.kind() == Block.Kind.TRY).isPresent()).findFirst();
    }

    static List<Statement> inBlock(List<Statement> body, Block block) {
        return body.stream().filter(s -> s.context().contains(block)).toList();
    }

    static boolean rethrows(Statement s) {
        return s.tokens().stream().anyMatch(t -> t.isWord() && RETHROWS.contains(t.text()));
    }

    private static String summary(List<Statement> handler) {
        String text = handler.get(0).text();
        boolean logs = text.contains("console") || text.contains("log") || text.contains("print");
        return logs ? "logs" : text.equals("pass") ? "passes" : "runs " + (text.length() > 40 ? text.substring(0, 40)
                + "..." : text);
    }

    /** Whether the proposed failing test asserts a response status anywhere (then failOnStatusCode may be off). */
    private static boolean statusAsserted(Comparison c) {
        return c.failingProposed.map(t -> t.body().stream()
                .flatMap(s -> Assertions.in(s, c.language()).stream())
                .anyMatch(a -> a.subject().contains("status") || a.matcher().equals("status"))).orElse(false);
    }

    /** Calls through which a test goes on with a response. */
    private static final Set<String> USES_RESPONSE = Set.of("then", "its", "should", "as", "and", "expect");

    /**
     * A clean-up request: a DELETE whose answer nothing reads. Its 404 on a clean database is expected, so
     * {@code failOnStatusCode: false} there drops no failure of what the test checks.
     */
    private static boolean cleanup(Statement s) {
        return s.tokens().stream().anyMatch(t -> t.isText() && t.value().equals("DELETE"))
                && Names.assigned(s).isEmpty() && Call.all(s).stream().noneMatch(c -> USES_RESPONSE.contains(c.name()));
    }

    static List<AddedPatterns.Hit> swallowed(Statement s, boolean statusAsserted) {
        List<AddedPatterns.Hit> hits = new ArrayList<>();
        for (Call call : Call.all(s)) {
            if (call.name().equals("catch") && !call.receiver().isEmpty() && !handlerRethrows(call)) {
                hits.add(new AddedPatterns.Hit(s, "adds " + call.name() + "(...) that drops the error: the step can"
                        + " fail and the test goes on as if it had not"));
            } else if (call.name().equals("catch") && call.receiver().contains("expect (") && !handlerSays(call, THROWS)) {
                hits.add(new AddedPatterns.Hit(s, "catches the failure of the assertion it is chained to and checks"
                        + " something else in the handler: when the check fails, that other outcome passes the test"));
            } else if (call.name().equals("then") && call.args().size() == 2 && !call.receiver().isEmpty()
                    && !s.get(call.args().get(0).from()).is("{") && !rethrows(s, call.args().get(1))) {
                hits.add(new AddedPatterns.Hit(s, "adds then(..., onRejected) whose rejection handler drops the"
                        + " error: the step can fail and the test goes on as if it had not"));
            } else if (SETTLING.contains(call.name()) && checksInside(s, call)) {
                hits.add(new AddedPatterns.Hit(s, "runs assertions through " + call.name() + "(...), which settles"
                        + " whether they pass or fail: a failed check no longer fails the test"));
            } else if (call.name().equals("gather") && returnsExceptions(s, call)
                    && checksInside(s, call)) {
                hits.add(new AddedPatterns.Hit(s, "gathers steps with return_exceptions=True: their failures are"
                        + " returned as values and dropped instead of failing the test"));
            } else if (EXPECTS_FAILURE.contains(call.name()) && call.args().stream().anyMatch(a ->
                    ASSERTION_ERRORS.contains(a.normalized().replace(" ", "").replace(".class", "")))) {
                hits.add(new AddedPatterns.Hit(s, "expects the check to fail (" + call.name() + "("
                        + call.args().get(0).normalized().replace(" ", "") + ")): the test now passes while the"
                        + " behaviour is wrong, and would fail once it is right"));
            } else if (call.name().equals("suppress")) {
                hits.add(new AddedPatterns.Hit(s, "adds suppress(...): errors in the block are dropped"));
            } else if (call.name().equals("on") && call.arg(0).flatMap(Call.Arg::text)
                    .filter(e -> e.equals("uncaught:exception") || e.equals("fail")).isPresent()) {
                hits.add(new AddedPatterns.Hit(s, "ignores '" + call.arg(0).get().text().get() + "' events: errors"
                        + " the app throws no longer fail the test"));
            } else if (ACCEPT_ALL.contains(call.name()) && acceptsAll(call)) {
                hits.add(new AddedPatterns.Hit(s, "accepts every response status (" + call.name() + "): an error"
                        + " response no longer fails the request"));
            }
        }
        for (int i = 0; i + 2 < s.size(); i++) {
            if (s.get(i).is("failOnStatusCode") && s.get(i + 1).is(":") && s.get(i + 2).is("false") && !statusAsserted
                    && !cleanup(s)) {
                hits.add(new AddedPatterns.Hit(s, "sets failOnStatusCode: false and asserts no status: an error"
                        + " response (4xx/5xx) now passes silently"));
            }
            if ((s.get(i).is("validateStatus") || s.get(i).is("throwHttpErrors")) && s.get(i + 1).is(":")
                    && (s.get(i + 2).is("false") || s.get(i + 2).is("(") || s.get(i + 2).is("null"))) {
                hits.add(new AddedPatterns.Hit(s, "turns off the client's status check (" + s.get(i).text() + ")"));
            }
        }
        return hits;
    }

    private static boolean returnsExceptions(Statement s, Call call) {
        for (int i = call.open() + 1; i + 2 < call.close() + 1; i++) {
            if (s.get(i).is("return_exceptions") && s.is(i + 1, "=") && s.is(i + 2, "True")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call's arguments hold an assertion or a page step whose failure it would hide. */
    private static boolean checksInside(Statement s, Call call) {
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = s.get(i);
            if (t.isWord() && (t.text().equals("expect") || t.text().startsWith("assert") || t.text().equals("should")
                    || t.text().equals("click") || t.text().equals("fill"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean rethrows(Statement s, Call.Arg handler) {
        for (int i = handler.from(); i < handler.to(); i++) {
            if (s.get(i).isWord() && RETHROWS.contains(s.get(i).text())) {
                return true;
            }
        }
        return false;
    }

    /** The catch handler's tokens: a callback that throws or fails lets the error through. */
    private static boolean handlerRethrows(Call call) {
        return handlerSays(call, RETHROWS);
    }

    /** Whether a handler's arguments hold one of {@code words}. */
    private static boolean handlerSays(Call call, Set<String> words) {
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = call.src().get(i);
            if (t.isWord() && words.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    /** Words with which a handler fails the test itself, rather than by another assertion. */
    private static final Set<String> THROWS = Set.of("throw", "raise", "fail", "reject");

    private static boolean acceptsAll(Call call) {
        String text = Snippet.of(call.tokens());
        return call.args().size() == 1 && (text.endsWith("=> true )") || text.contains("return true"));
    }
}
