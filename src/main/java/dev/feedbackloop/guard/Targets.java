package dev.feedbackloop.guard;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an assertion's subject refers to, so that {@code expect(count).toBeDefined()} after
 * {@code const count = await page.getByTestId('cart-count').textContent()} is recognised as an assertion on the same
 * element as {@code expect(page.getByTestId('cart-count')).toHaveText('2')}: local names are replaced by what they
 * were assigned, and reads of the element's text, count, state or position are dropped.
 */
final class Targets {

    /** Reads of an element's text, value, count, state; positional picks. */
    private static final Pattern READS = Pattern.compile(" \\. (textContent|innerText|inputValue|count|getText|"
            + "text_content|inner_text|input_value|isVisible|isDisabled|isEnabled|isChecked|is_visible|is_enabled|"
            + "is_disabled|is_checked|allTextContents|all_text_contents|allInnerTexts|getAttribute|get_attribute|"
            + "getValue|getProperty|size|first|last|nth|text|json|all) \\( (?:[^()]* )?\\)$| \\. (length|text|status|body|"
            + "data)$");

    /** Locators that name what they find by its text or accessible name. */
    private static final Pattern TEXT_LOCATOR = Pattern.compile("(getByText|get_by_text|getByLabel|get_by_label|"
            + "getByPlaceholder|get_by_placeholder|getByAltText|get_by_alt_text|getByTitle|get_by_title|linkText|"
            + "partialLinkText|contains) \\( \"|(getByRole|get_by_role) \\( [^)]*name|hasText|has_text|"
            + "\"(text=|aria/|[a-z0-9]*\\*?=)[^\"]+\"");

    private Targets() {
    }

    /**
     * Whether the target finds its element by a text or an accessible name: a presence check on it then checks
     * that this text is on the page, which is a check of content, not only of existence.
     */
    static boolean carriesText(String target) {
        return TEXT_LOCATOR.matcher(target).find();
    }

    /**
     * Whether the subject is a value read from an element ({@code src} after {@code const src = await
     * img.getAttribute('src')}) rather than the element itself: a truthiness check on it checks the value.
     */
    static boolean readsValue(String subject, Map<String, Names.Value> names) {
        String resolved = resolved(subject, names);
        return READS.matcher(resolved).find() || resolved.startsWith("( ") && READS.matcher(
                resolved.substring(2, resolved.length() - (resolved.endsWith(" )") ? 2 : 0)).trim()).find();
    }

    private static String resolved(String subject, Map<String, Names.Value> names) {
        String target = subject.replace("await ", "").trim();
        for (int depth = 0; depth < 3; depth++) {
            String resolved = resolveHead(target, names);
            if (resolved.equals(target)) {
                break;
            }
            target = resolved;
        }
        return target;
    }

    /**
     * A bare name the file's names do not resolve, looked up in the statement itself: a helper function declared
     * at file level is one statement, and {@code const dialog = page.getByRole(...)} inside it is part of it.
     */
    static String inStatement(String target, Statement s) {
        if (!target.matches("[A-Za-z_$][\\w$]*")) {
            return target;
        }
        for (int i = 0; i + 3 < s.size(); i++) {
            Token decl = s.get(i);
            if (!(decl.is("const") || decl.is("let") || decl.is("var")) || !s.is(i + 1, target) || !s.is(i + 2, "=")) {
                continue;
            }
            // the value runs to the end of its line or statement; bracketed parts are skipped whole
            int to = i + 3;
            while (to < s.size() && !s.is(to, ";") && !s.is(to, "}") && s.get(to).kind() != Token.Kind.NEWLINE) {
                int close = s.partner(to);
                to = close > to ? close + 1 : to + 1;
            }
            String value = Statement.normalise(s.tokens().subList(i + 3, Math.min(to, s.size())))
                    .replaceFirst("^await ", "").strip();
            return value.isEmpty() ? target : value;
        }
        return target;
    }

    static String of(String subject, Map<String, Names.Value> names) {
        String target = resolved(subject, names);
        String previous;
        do {
            previous = target;
            target = READS.matcher(target).replaceFirst("").trim();
            if (target.startsWith("( ") && target.endsWith(" )")) {
                target = target.substring(2, target.length() - 2).trim();
            }
        } while (!target.equals(previous));
        return target;
    }

    /** Replaces the first name of the subject by the value it was assigned, if it was. */
    private static String resolveHead(String target, Map<String, Names.Value> names) {
        int end = target.indexOf(' ');
        String head = end < 0 ? target : target.substring(0, end);
        Names.Value value = names.get(head);
        if (value == null) {
            return target;
        }
        String replacement = value.text().replace("await ", "").trim();
        if (replacement.equals(head) || replacement.startsWith(head + " ")) {
            return target; // x = x.foo(): no progress (a member named like it, rows.count(), is another thing)
        }
        return replacement + (end < 0 ? "" : target.substring(end));
    }
}
