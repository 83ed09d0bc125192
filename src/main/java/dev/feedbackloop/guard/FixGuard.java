package dev.feedbackloop.guard;

import java.util.List;
import java.util.Objects;

/**
 * The fix guard: a static check of a proposed rewrite of a failing test against the original file, before
 * anything is kept. It rejects a fix that makes the test pass without fixing it (a raised timeout, a fixed sleep,
 * a wait for network idle, an assertion removed or weakened, the test skipped, an action forced, errors swallowed),
 * that adds a secret, that trades a stable locator for a brittle one or names something not on the page, or that
 * changes anything outside the failing test. See {@code docs/fix-guard.md}.
 *
 * <p>It reads the files as code: both are tokenised, split into tests, hooks and scopes, the failing test is found
 * by its title, statements are aligned between the two versions, and each rule compares what changed. Pure and
 * thread-safe; no I/O.
 */
public final class FixGuard {

    private static final List<Rule> RULES = List.of(new ScopeRule(), new TimeoutRule(), new SleepRule(),
            new NetworkIdleRule(), new AssertionRule(), new SkipRule(), new ForceRule(), new SwallowRule(),
            new SecretRule(), new SelectorRule(), new StubbedAnswerRule(), new SharedStepRule());

    private FixGuard() {
    }

    /**
     * Judges a proposed fix.
     *
     * @throws NullPointerException if {@code fix} is null
     */
    public static GuardVerdict check(ProposedFix fix) {
        Objects.requireNonNull(fix, "fix");
        return check(fix, RULES);
    }

    /** Judges {@code fix} with {@code rules}, in order (the guard's own list, or a test's). */
    static GuardVerdict check(ProposedFix fix, List<Rule> rules) {
        Comparison comparison = new Comparison(fix);
        Findings findings = new Findings();
        for (Rule rule : rules) {
            try {
                rule.check(comparison, findings);
            } catch (RuntimeException e) {
                // Fail closed: a proposal one of the checks cannot read is not kept unchecked, and the other checks
                // still report what they found.
                findings.error(GuardRule.SCOPE_ESCAPE, 1, "the guard could not finish reading the proposal ("
                        + rule.getClass().getSimpleName() + ": " + e.getClass().getSimpleName() + "), so it cannot"
                        + " show that the change stays inside the failing test and fixes it; not kept");
            }
        }
        return new GuardVerdict(findings.all());
    }
}
