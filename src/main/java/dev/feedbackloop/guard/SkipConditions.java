package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The condition under which a test skips itself, and whether a rewrite widened it: {@code if (cond) this.skip()},
 * {@code if cond: pytest.skip(...)}, {@code test.skip(cond, reason)}, {@code test.skip(({ browserName }) => cond)},
 * {@code test.fixme(cond)}, {@code it.skipIf(cond)}, {@code pytest.mark.skipif(cond)}, and the assumptions
 * ({@code assumeFalse(cond)} skips when it holds, {@code assumeTrue(cond)} and {@code it.runIf(cond)} when it does not).
 * Widened means the test now skips in more cases: an alternative added ({@code a} to {@code a || b}), a required
 * part dropped ({@code a && b} to {@code a}), or the condition made {@code true}; for a run-when condition the
 * mirror. A narrowed or unchanged condition is the test's own business.
 */
final class SkipConditions {

    /**
     * A widened condition.
     *
     * @param before the original condition
     * @param after  the proposed one
     * @param how    how it widened, for the message: {@code it now also skips when process.env.CI}
     */
    record Widened(String before, String after, String how) {
    }

    /** Calls whose first argument says when to skip. */
    private static final Set<String> SKIP_WHEN = Set.of("skip", "fixme", "fail", "skipIf", "skipif", "assumeFalse",
            "xfail");
    /** Calls whose first argument says when to run. */
    private static final Set<String> RUN_WHEN = Set.of("assumeTrue", "runIf", "assume", "assumeThat");

    private static final Set<String> TEST_HEADS = Set.of("test", "it", "describe", "context", "specify", "suite",
            "pytest", "mark");

    private SkipConditions() {
    }

    /**
     * The widened skip condition of a modified statement, if it widened one. {@code body} is the proposed
     * statements of its unit, for the body of an {@code if}.
     */
    static Optional<Widened> widened(Statement original, Statement proposed, List<Statement> body) {
        Optional<Condition> before = condition(original);
        Optional<Condition> after = condition(proposed);
        if (before.isEmpty() || after.isEmpty() || before.get().skipWhenTrue() != after.get().skipWhenTrue()) {
            return Optional.empty();
        }
        if (after.get().header() && !skipsInside(proposed, body)) {
            return Optional.empty();
        }
        return compare(before.get(), after.get());
    }

    private record Condition(List<Token> tokens, boolean skipWhenTrue, boolean header) {
        String text() {
            return Snippet.of(tokens);
        }
    }

    /** The skip condition of an {@code if} header or a conditional skip call. */
    private static Optional<Condition> condition(Statement s) {
        int start = s.is(0, "}") ? 1 : 0;
        if (s.is(start, "if") || s.is(start, "elif") || s.is(start, "else") && s.is(start + 1, "if")) {
            int from = s.is(start, "else") ? start + 2 : start + 1;
            int to;
            if (s.is(from, "(") && s.partner(from) > from) {
                to = s.partner(from);
                from++;
            } else {
                to = from;
                while (to < s.size() && !s.is(to, ":")) {
                    to++;
                }
            }
            return to > from ? Optional.of(new Condition(s.tokens().subList(from, to), true, true)) : Optional.empty();
        }
        for (Call call : Call.all(s)) {
            boolean skipWhen = SKIP_WHEN.contains(call.name());
            if (!skipWhen && !RUN_WHEN.contains(call.name()) || call.args().isEmpty() || !ofTests(call)) {
                continue;
            }
            Call.Arg first = call.args().get(0);
            if (first.text().isPresent() || call.body().isPresent()) {
                continue; // a title (a skipped test's declaration), not a condition
            }
            int from = first.from();
            for (int i = first.from(); i < first.to(); i++) {
                if (s.is(i, "=>")) {
                    from = i + 1; // test.skip(({ browserName }) => cond)
                }
            }
            if (from < first.to()) {
                return Optional.of(new Condition(s.tokens().subList(from, first.to()), skipWhen, false));
            }
        }
        return Optional.empty();
    }

    /**
     * A skip of a test runner ({@code test.skip}, {@code it.skipIf}, {@code pytest.mark.skipif}) or an assumption,
     * not a {@code skip} of a stream or a query.
     */
    private static boolean ofTests(Call call) {
        if (call.name().startsWith("assume")) {
            return true;
        }
        List<String> head = call.head();
        return head.size() >= 2 && TEST_HEADS.contains(head.get(0));
    }

    /** Whether the {@code if} header's block (or the header itself, for a one-line body) skips the test. */
    private static boolean skipsInside(Statement header, List<Statement> body) {
        if (!SkipRule.skips(header).isEmpty()) {
            return true;
        }
        Optional<Block> block = header.opens();
        return block.isPresent() && body.stream().filter(st -> st.context().contains(block.get()))
                .anyMatch(st -> !SkipRule.skips(st).isEmpty());
    }

    private static Optional<Widened> compare(Condition before, Condition after) {
        Map<String, String> shown = new HashMap<>();
        Set<String> beforeOr = parts(before.tokens(), true, shown);
        Set<String> afterOr = parts(after.tokens(), true, shown);
        Set<String> beforeAnd = parts(before.tokens(), false, shown);
        Set<String> afterAnd = parts(after.tokens(), false, shown);
        if (before.skipWhenTrue()) {
            Optional<String> alternative = grown(beforeOr, afterOr).map(a -> "it now also skips when "
                    + shown.get(a));
            Optional<String> dropped = beforeOr.size() == 1 && afterOr.size() == 1
                    ? grown(afterAnd, beforeAnd).map(a -> "it no longer needs " + shown.get(a) + " to skip")
                    : Optional.empty();
            return alternative.or(() -> dropped).or(() -> alwaysTrue(after, before))
                    .map(how -> new Widened(before.text(), after.text(), how));
        }
        Optional<String> required = grown(beforeAnd, afterAnd).map(a -> "it now also needs " + shown.get(a)
                + " to run");
        Optional<String> lost = beforeAnd.size() == 1 && afterAnd.size() == 1
                ? grown(afterOr, beforeOr).map(a -> "it no longer runs when only " + shown.get(a) + " holds")
                : Optional.empty();
        return required.or(() -> lost).map(how -> new Widened(before.text(), after.text(), how));
    }

    /** The parts {@code larger} has beyond {@code smaller} when it holds all of them and more. */
    private static Optional<String> grown(Set<String> smaller, Set<String> larger) {
        if (!larger.containsAll(smaller) || larger.size() <= smaller.size()) {
            return Optional.empty();
        }
        List<String> extra = new ArrayList<>(larger);
        extra.removeAll(smaller);
        return Optional.of(extra.get(0));
    }

    private static Optional<String> alwaysTrue(Condition after, Condition before) {
        String now = Statement.normalise(after.tokens());
        boolean constant = now.equals("true") || now.equals("True") || now.equals("1");
        return constant && !Statement.normalise(before.tokens()).equals(now) ? Optional.of("it now always skips")
                : Optional.empty();
    }

    /** The top-level alternatives ({@code ||}, {@code or}) or required parts ({@code &&}, {@code and}). */
    private static Set<String> parts(List<Token> tokens, boolean alternatives, Map<String, String> shown) {
        List<Token> inner = unwrap(tokens);
        Set<String> out = new LinkedHashSet<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < inner.size(); i++) {
            Token t = inner.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && (alternatives ? t.is("||") || t.is("or") : t.is("&&") || t.is("and"))) {
                out.add(part(inner.subList(from, i), shown));
                from = i + 1;
            }
        }
        out.add(part(inner.subList(from, inner.size()), shown));
        return out;
    }

    /** One part, compared by its normalised text and remembered as written for the message. */
    private static String part(List<Token> tokens, Map<String, String> shown) {
        String key = Statement.normalise(unwrap(tokens));
        shown.putIfAbsent(key, Snippet.of(unwrap(tokens)));
        return key;
    }

    /** The tokens without parentheses around the whole. */
    private static List<Token> unwrap(List<Token> tokens) {
        List<Token> t = tokens;
        while (t.size() >= 2 && t.get(0).is("(") && t.get(t.size() - 1).is(")") && closesAtEnd(t)) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    private static boolean closesAtEnd(List<Token> t) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
                if (depth == 0 && i < t.size() - 1) {
                    return false;
                }
            }
        }
        return true;
    }
}
