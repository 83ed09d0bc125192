package dev.feedbackloop.guard;

import java.util.List;
import java.util.Optional;

/**
 * {@code scope-escape} for a rejected change made in shared code: where the scope rule only warned that a hook or
 * helper other tests use was edited (a fix may need that), and another rule rejects what the edit does there (a
 * weakened check, a swallowed error, a secret, raised retries), the damage reaches every test that runs it. Runs
 * after the other rules, on their findings.
 */
final class SharedStepRule implements Rule {

    @Override
    public void check(Comparison c, Findings findings) {
        List<Finding> found = findings.all();
        for (Unit shared : c.proposed.units) {
            if (shared.kind() == Unit.Kind.TEST) {
                continue;
            }
            boolean warned = found.stream().anyMatch(f -> f.rule() == GuardRule.SCOPE_ESCAPE
                    && f.severity() == Severity.WARNING && within(f, shared));
            boolean escaped = found.stream().anyMatch(f -> f.rule() == GuardRule.SCOPE_ESCAPE
                    && f.severity() == Severity.ERROR && within(f, shared));
            Optional<Finding> rejected = found.stream().filter(f -> f.rule() != GuardRule.SCOPE_ESCAPE
                    && f.severity() == Severity.ERROR && within(f, shared)).findFirst();
            if (warned && !escaped && rejected.isPresent()) {
                findings.error(GuardRule.SCOPE_ESCAPE, rejected.get().line().getAsInt(), "makes the change rejected"
                        + " as " + rejected.get().rule().id() + " in " + ScopeRule.where(shared) + ", which other"
                        + " tests run too: it reaches all of them, not only the failing test");
            }
        }
    }

    private static boolean within(Finding f, Unit u) {
        return f.line().isPresent() && u.firstLine() <= f.line().getAsInt() && f.line().getAsInt() <= u.lastLine();
    }
}
