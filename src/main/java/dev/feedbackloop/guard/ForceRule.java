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
    /** Cypress and Promise callbacks that receive the found element. */
    private static final Set<String> CALLBACKS = Set.of("then", "each", "within");
    /** What a page uses to keep a user from acting on an element. */
    private static final Set<String> BLOCKERS = Set.of("disabled", "readonly", "hidden", "inert");
    private static final java.util.regex.Pattern UNBLOCKS = java.util.regex.Pattern.compile(
            "(disabled|readonly|hidden|inert)=(false|null)|\\.(display|visibility|pointerevents)="
                    + "|(prop|attr),(disabled|readonly|aria-disabled),false|css,(display|visibility|pointer-events),");
    private static final Set<String> CLICK_EVENTS = Set.of("click", "mousedown", "mouseup", "dblclick",
            "pointerdown", "pointerup", "tap");

    @Override
    public void check(Comparison c, Findings findings) {
        List<AddedPatterns.Added> forced = AddedPatterns.in(c, ForceRule::forced);
        for (AddedPatterns.Added a : forced) {
            findings.error(GuardRule.FORCE_ACTION, a.hit().line(), "forces an action, " + a.hit().what()
                    + ": it skips the visibility, enabled and not-covered checks a real user is held to, so the test"
                    + " passes where a user would be stuck; remove what is in the way, or act on the element the"
                    + " user would use");
        }
        for (Comparison.UnitChange u : c.owned()) {
            if (u.original().isPresent() && u.proposed().isPresent()
                    && forced.stream().noneMatch(a -> a.unit() == u)) {
                scriptForClick(u).ifPresent(s -> findings.error(GuardRule.FORCE_ACTION, s.line(), "drops the test's"
                        + " click and does by script what it would have done (" + Snippet.clip(s.text(), 70) + "): the"
                        + " application's code is called directly, so the test passes while a user still cannot"
                        + " use the control; make the control usable as a user would (close what covers it, wait"
                        + " for it to be enabled)"));
            }
        }
        Set<String> removedBefore = new java.util.HashSet<>();
        c.original.units.forEach(u -> u.statements().forEach(st -> ElementRemoval.in(st)
                .forEach(h -> removedBefore.add(h.what()))));
        for (AddedPatterns.Added a : AddedPatterns.in(c, ElementRemoval::in)) {
            if (removedBefore.contains(a.hit().what())) {
                continue; // the original already took this element away elsewhere: a test-only overlay, not new
            }
            findings.error(GuardRule.FORCE_ACTION, a.hit().line(), "takes the element in the way off the page by"
                    + " script (" + a.hit().what() + ") instead of dismissing it as a user would: like a forced"
                    + " click, the test passes where a user is still blocked, and any regression in what covers the"
                    + " page goes unseen; close it through the page (its button or key), or wait for it to go");
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
            } else if (CALLBACKS.contains(call.name()) && clicksElement(call)) {
                hits.add(new AddedPatterns.Hit(s, "a native action (click, play, submit) on the yielded element inside "
                        + call.name() + "(...), which Cypress does not check"));
            } else if (SCRIPT_CALLS.contains(call.name()) && unblocksByScript(call)) {
                hits.add(new AddedPatterns.Hit(s, "the element unblocked by script first (" + call.name() + ": "
                        + "disabled, hidden or covered no longer stops it)"));
            }
        }
        return hits;
    }

    /** Element actions a user performs with the pointer. */
    private static final Set<String> CLICKS = Set.of("click", "dblclick", "tap", "check");
    /** Scripts that only set up state (a consent choice, a stored preference) or scroll, which a fix may add. */
    private static final java.util.regex.Pattern SET_UP = java.util.regex.Pattern.compile(
            "(?i)localStorage|sessionStorage|cookie|indexedDB|scrollIntoView|scrollTo|scrollBy|\\bfocus\\b");

    /**
     * A click the original made that the proposal no longer makes, with a script added in its unit in its place
     * ({@code cy.window().its('map').invoke('openPopup', 'T-114')}, {@code page.evaluate(() => app.open())}).
     */
    private static java.util.Optional<Statement> scriptForClick(Comparison.UnitChange u) {
        if (count(u.original().get(), ForceRule::clicks) <= count(u.proposed().get(), ForceRule::clicks)) {
            return java.util.Optional.empty();
        }
        for (Statement s : u.diff().newStatements()) {
            boolean had = u.diff().originalOf(s).map(o -> scripts(o) > 0).orElse(false);
            if (!had && scripts(s) > 0) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    private static int count(Unit unit, java.util.function.ToIntFunction<Statement> counter) {
        return unit.statements().stream().mapToInt(counter).sum();
    }

    private static int clicks(Statement s) {
        return (int) Call.all(s).stream().filter(c -> CLICKS.contains(c.name())).count();
    }

    /** Calls that run code in the page, {@code invoke} only on the window or document (not a read of a value). */
    private static int scripts(Statement s) {
        int n = 0;
        for (Call call : Call.all(s)) {
            boolean page = SCRIPT_CALLS.contains(call.name()) && !call.name().equals("invoke")
                    || call.name().equals("invoke") && call.receiver().matches(".*\\b(window|document)\\b.*");
            if (page && !SET_UP.matcher(call.text()).find()) {
                n++;
            }
        }
        return n;
    }

    /** What a user makes an element do through the page, which test code can make it do directly. */
    private static final Set<String> ELEMENT_ACTIONS = Set.of("click", "play", "submit", "requestSubmit");

    /**
     * {@code .then($el => $el[0].click())} or {@code $el.click()}: a DOM or jQuery click on the element a command
     * yielded, not {@code cy.wrap($el).click()}, which is still Cypress's own click; likewise {@code play()} on a
     * media element or {@code submit()} on a form, which skip the control a user must press.
     */
    private static boolean clicksElement(Call call) {
        for (int i = call.open() + 2; i + 1 < call.close(); i++) {
            Token t = call.src().get(i);
            if (ELEMENT_ACTIONS.contains(t.text()) && t.isWord() && call.src().is(i - 1, ".") && call.src().is(i + 1, "(")) {
                Token before = call.src().get(i - 2);
                if (before.is("]") || before.isWord() && before.text().startsWith("$")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A script that takes away what keeps a user from acting: removes {@code disabled}, {@code readonly} or
     * {@code hidden}, sets it false, or changes {@code display}, {@code visibility} or {@code pointer-events};
     * Cypress's {@code invoke('removeAttr', 'disabled')}, {@code invoke('prop', 'disabled', false)},
     * {@code invoke('show')}.
     */
    private static boolean unblocksByScript(Call call) {
        StringBuilder text = new StringBuilder();
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = call.src().get(i);
            text.append(t.isText() ? t.value() : t.text()).append(' ');
        }
        String all = text.toString().replace(" ", "").toLowerCase(Locale.ROOT);
        return all.contains("removeattr") && BLOCKERS.stream().anyMatch(all::contains) || UNBLOCKS.matcher(all).find()
                || call.name().equals("invoke") && all.startsWith("show");
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
