package dev.feedbackloop.guard;

import java.util.List;
import java.util.Set;

/**
 * {@code fixed-sleep}: a wait of a fixed time added, in any of the frameworks: Playwright's
 * {@code waitForTimeout}/{@code wait_for_timeout}, Cypress's {@code cy.wait(ms)} (an alias wait,
 * {@code cy.wait('@x')}, is fine), WebdriverIO's {@code browser.pause}, {@code Thread.sleep},
 * {@code TimeUnit.SECONDS.sleep}, {@code time.sleep}, {@code asyncio.sleep}, a promise around {@code setTimeout},
 * and helpers named sleep, delay or pause called with a number. A sleep waits the same time whether the app is
 * ready or not: too short on a slow run, wasted on a fast one.
 */
final class SleepRule implements Rule {

    private static final Set<String> ALWAYS = Set.of("waitForTimeout", "wait_for_timeout", "sleep", "pause",
            "sleepUninterruptibly", "delay", "setTimeout");

    @Override
    public void check(Comparison c, Findings findings) {
        for (AddedPatterns.Added a : AddedPatterns.in(c, SleepRule::sleeps)) {
            findings.error(GuardRule.FIXED_SLEEP, a.hit().line(), "adds a fixed sleep, " + a.hit().what()
                    + ": it waits the same time whether the app is ready or not; wait for the condition the test"
                    + " needs (an element, a response, a URL) instead");
        }
        for (Comparison.UnitChange u : c.units) {
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.type() == StatementDiff.Type.MODIFIED) {
                    lengthened(change.original().get(), change.proposed().get(), findings);
                }
            }
        }
    }

    /** A sleep the original already had, made longer: the same guess, stretched to outlast today's slow run. */
    private static void lengthened(Statement original, Statement proposed, Findings findings) {
        List<Call> before = sleepCalls(original);
        List<Call> after = sleepCalls(proposed);
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            long was = millis(before.get(i));
            long now = millis(after.get(i));
            if (was > 0 && now > was) {
                findings.error(GuardRule.FIXED_SLEEP, proposed.line(), "lengthens a fixed sleep from " + was
                        + " ms to " + now + " ms (" + Snippet.of(after.get(i).tokens()) + "): a longer guess still"
                        + " waits the same time whether the app is ready or not; wait for the condition the test"
                        + " needs (an element, a response, a URL) instead");
            }
        }
    }

    private static List<Call> sleepCalls(Statement s) {
        return Call.all(s).stream().filter(SleepRule::isSleep).toList();
    }

    static List<AddedPatterns.Hit> sleeps(Statement s) {
        return sleepCalls(s).stream().map(call -> new AddedPatterns.Hit(s, Snippet.of(call.tokens()))).toList();
    }

    /** The time a sleep waits, in milliseconds, when it is a literal; 0 when unknown. */
    static long millis(Call call) {
        List<Call.Arg> args = call.args();
        if (args.isEmpty()) {
            return 0;
        }
        Call.Arg arg = call.name().equals("setTimeout") && args.size() > 1 ? args.get(1) : args.get(0);
        long value = Math.round(Durations.evaluate(arg).orElse(0));
        String receiver = call.receiver();
        boolean seconds = receiver.equals("time") || receiver.equals("asyncio") || receiver.endsWith("SECONDS");
        return seconds ? value * 1000 : value;
    }

    private static boolean isSleep(Call call) {
        String name = call.name();
        String receiver = call.receiver();
        if (name.equals("wait") && (receiver.equals("cy") || receiver.startsWith("cy "))) {
            return call.arg(0).map(a -> !a.first().isText() && !a.first().is("[")).orElse(false);
        }
        if (!ALWAYS.contains(name)) {
            return false;
        }
        if (name.equals("setTimeout")) {
            return call.args().size() >= 2 && receiver.isEmpty() && insidePromise(call);
        }
        if (name.equals("sleep") || name.equals("pause") || name.equals("delay")) {
            // browser.pause(2000), Thread.sleep(2000), time.sleep(2), sleep(2): a numeric argument
            return call.arg(0).map(a -> Durations.evaluate(a).isPresent() || a.normalized().matches("[A-Z_]+"))
                    .orElse(false);
        }
        return true;
    }

    private static boolean insidePromise(Call call) {
        for (int i = 0; i < call.start(); i++) {
            if (call.src().get(i).is("Promise")) {
                return true;
            }
        }
        return false;
    }
}
