package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An element taken off the page by script rather than dismissed: {@code el.remove()} or {@code removeChild} in
 * Playwright's {@code evaluate}/{@code $eval}, WebdriverIO's {@code browser.execute}, Selenium's {@code executeScript}
 * (as code or as a script string), Cypress's {@code invoke('remove')} or {@code .then($el => $el.remove())}, and a
 * script or style tag that hides it ({@code el.hidden = true}, {@code setAttribute('style', 'display: none')},
 * {@code addStyleTag({ content: '.x { display: none }' })}). A dialog, banner or sheet over
 * the page is what a user meets; deleting it makes the test pass where the user is still blocked.
 */
final class ElementRemoval {

    private static final Set<String> SCRIPT_CALLS = Set.of("evaluate", "$eval", "$$eval", "eval_on_selector",
            "eval_on_selector_all", "evaluateHandle", "evaluate_handle", "execute", "executeScript",
            "execute_script", "executeAsyncScript", "then", "each");
    private static final Pattern REMOVE_IN_SCRIPT = Pattern.compile(
            "\\.remove\\(\\s*\\)|removeChild\\s*\\(|\\.hidden\\s*=\\s*true|setAttribute\\(\\s*['\"]hidden['\"]");
    private static final Pattern HIDING_STYLE = Pattern.compile(
            "(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden|pointer-events\\s*:\\s*none");

    private ElementRemoval() {
    }

    static List<AddedPatterns.Hit> in(Statement s) {
        List<AddedPatterns.Hit> hits = new ArrayList<>();
        for (Call call : Call.all(s)) {
            String name = call.name();
            if (name.equals("invoke") && call.arg(0).flatMap(Call.Arg::text).filter(t -> t.equals("remove")
                    || t.equals("hide") || t.equals("detach")).isPresent()) {
                hits.add(new AddedPatterns.Hit(s, Snippet.of(call.tokens())));
            } else if (SCRIPT_CALLS.contains(name) && removes(call)) {
                hits.add(new AddedPatterns.Hit(s, Snippet.of(call.tokens())));
            } else if ((name.equals("addStyleTag") || name.equals("add_style_tag")) && hides(call)) {
                hits.add(new AddedPatterns.Hit(s, Snippet.of(call.tokens())));
            }
        }
        return hits;
    }

    /** {@code x.remove()} (not {@code classList.remove('open')}) or {@code removeChild(...)}, as code or text. */
    private static boolean removes(Call call) {
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = call.src().get(i);
            boolean script = !call.name().equals("then") && !call.name().equals("each"); // not a Cypress callback's check
            if (t.isText() && (REMOVE_IN_SCRIPT.matcher(t.value()).find()
                    || script && HIDING_STYLE.matcher(t.value()).find())) {
                return true;
            }
            if (t.is("hidden") && call.src().is(i - 1, ".") && call.src().is(i + 1, "=")
                    && call.src().is(i + 2, "true")) {
                return true; // el.hidden = true
            }
            boolean method = call.src().is(i - 1, ".") || call.src().is(i - 1, "?.");
            if (method && t.is("remove") && call.src().is(i + 1, "(") && call.src().is(i + 2, ")")
                    && !call.src().is(i - 2, "classList")) {
                return true;
            }
            if (method && t.is("removeChild") && call.src().is(i + 1, "(")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hides(Call call) {
        for (int i = call.open() + 1; i < call.close(); i++) {
            Token t = call.src().get(i);
            if (t.isText() && HIDING_STYLE.matcher(t.value().toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }
}
