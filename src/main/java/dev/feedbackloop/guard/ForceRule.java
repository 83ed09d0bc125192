package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code force-action}: an action forced past the checks that make it a user's action: {@code { force: true }}
 * (Playwright, Cypress), {@code force=True} (Python), or a click dispatched by script ({@code dispatchEvent('click')},
 * {@code el.evaluate(e => e.click())}, Selenium's {@code executeScript("arguments[0].click()")}, WebdriverIO's
 * {@code browser.execute}). A user cannot click through an overlay or on a hidden element, so a test that does
 * passes where the user is stuck.
 */
final class ForceRule implements Rule {

    private static final Set<String> SCRIPT_CALLS = Set.of("evaluate", "$eval", "$$eval", "eval_on_selector",
            "execute", "executeScript", "execute_script", "executeAsyncScript", "invoke");
    private static final Set<String> DISPATCH = Set.of("dispatchEvent", "dispatch_event", "trigger");
    private static final Set<String> CLICK_EVENTS = Set.of("click", "mousedown", "mouseup", "dblclick",
            "pointerdown", "pointerup", "tap");

    @Override
    public void check(Comparison c, Findings findings) {
        for (AddedPatterns.Added a : AddedPatterns.in(c, ForceRule::forced)) {
            findings.error(GuardRule.FORCE_ACTION, a.hit().line(), "forces an action, " + a.hit().what()
                    + ": it skips the visibility, enabled and not-covered checks a real user is held to, so the test"
                    + " passes where a user would be stuck; remove what is in the way, or act on the element the"
                    + " user would use");
        }
    }

    static List<AddedPatterns.Hit> forced(Statement s) {
        List<AddedPatterns.Hit> hits = new ArrayList<>();
        for (int i = 0; i + 2 < s.size(); i++) {
            boolean jsForce = s.get(i).is("force") && s.get(i + 1).is(":") && s.get(i + 2).is("true");
            boolean pyForce = s.get(i).is("force") && s.get(i + 1).is("=") && s.get(i + 2).is("True");
            if (jsForce || pyForce) {
                hits.add(new AddedPatterns.Hit(s, jsForce ? "{ force: true }" : "force=True"));
            }
        }
        for (Call call : Call.all(s)) {
            if (DISPATCH.contains(call.name()) && call.arg(0).flatMap(Call.Arg::text)
                    .map(e -> CLICK_EVENTS.contains(e.toLowerCase(Locale.ROOT))).orElse(false)) {
                hits.add(new AddedPatterns.Hit(s, call.name() + "('" + call.arg(0).get().text().get() + "')"));
            } else if (SCRIPT_CALLS.contains(call.name()) && clicksByScript(call)) {
                hits.add(new AddedPatterns.Hit(s, "a click dispatched by script (" + call.name() + ")"));
            }
        }
        return hits;
    }

    private static boolean clicksByScript(Call call) {
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = call.src().get(i);
            if (t.isText() && t.value().replace(" ", "").contains(".click()")) {
                return true;
            }
            if (t.is("click") && call.src().is(i - 1, ".") && call.src().is(i + 1, "(")) {
                return true;
            }
            if (call.name().equals("invoke") && t.isText() && t.value().equals("click")) {
                return true;
            }
        }
        return false;
    }
}
