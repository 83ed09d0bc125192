package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The locators in a statement and how stable each is. Stable: what a user perceives or the team put there for
 * tests (role with name, label, text, placeholder, alt text, title, test ids and {@code data-*} attributes,
 * WebdriverIO's {@code aria/} and text selectors, link texts). Medium: ids and names. Weak: bare classes and tags.
 * Brittle: position and layout ({@code :nth-child}, XPath indexes, absolute paths, long descendant chains,
 * generated class names), which break on any redesign and can silently pick another element.
 */
final class Locators {

    /** How well a locator survives changes to the page that do not change what the user sees. */
    enum Stability { BRITTLE, WEAK, MEDIUM, STABLE }

    /**
     * One locator.
     *
     * @param method    how it locates (getByRole, locator, By.xpath, cy.get, ...)
     * @param value     its selector or text; for getByRole the role
     * @param name      getByRole's accessible name, if given
     * @param regex     whether the text (or, with a name, the name) is a regular expression
     * @param stability how stable it is
     * @param why       for a brittle one, what makes it so
     */
    record Locator(String method, String value, Optional<String> name, boolean regex, Stability stability,
                   String why) {
        String describe() {
            return method + "('" + value + "'" + name.map(n -> ", name '" + n + "'").orElse("") + ")";
        }

        boolean semantic() {
            return semanticKind(method) != null;
        }
    }

    /** Playwright's user-facing locators, by the way they match the page. */
    static final Map<String, String> SEMANTIC = Map.ofEntries(Map.entry("getByRole", "role"),
            Map.entry("get_by_role", "role"), Map.entry("getByLabel", "label"), Map.entry("get_by_label", "label"),
            Map.entry("getByText", "text"), Map.entry("get_by_text", "text"), Map.entry("getByPlaceholder", "text"),
            Map.entry("get_by_placeholder", "text"), Map.entry("getByAltText", "text"),
            Map.entry("get_by_alt_text", "text"), Map.entry("getByTitle", "text"), Map.entry("get_by_title", "text"),
            Map.entry("getByTestId", "testid"), Map.entry("get_by_test_id", "testid"));
    /**
     * Testing Library's queries (Cypress, WebdriverIO, Jest DOM): {@code findByRole}, {@code getAllByLabelText},
     * {@code queryByTestId}, ... match the page the way Playwright's user-facing locators do.
     */
    private static final Pattern TESTING_LIBRARY = Pattern.compile(
            "(find|get|query)(All)?By(Role|LabelText|Text|PlaceholderText|AltText|Title|TestId|DisplayValue)");
    private static final Map<String, String> TESTING_LIBRARY_KINDS = Map.of("Role", "role", "LabelText", "label",
            "Text", "text", "PlaceholderText", "text", "AltText", "text", "Title", "text", "TestId", "testid",
            "DisplayValue", "testid");

    /** How a user-facing locator method matches the page (role, label, text, testid), or null for other calls. */
    static String semanticKind(String method) {
        String kind = SEMANTIC.get(method);
        if (kind != null) {
            return kind;
        }
        var m = TESTING_LIBRARY.matcher(method);
        return m.matches() ? TESTING_LIBRARY_KINDS.get(m.group(3)) : null;
    }
    private static final Map<String, Stability> SELENIUM_BY = Map.of("id", Stability.MEDIUM, "name",
            Stability.MEDIUM, "linkText", Stability.STABLE, "partialLinkText", Stability.STABLE, "className",
            Stability.WEAK, "tagName", Stability.WEAK);
    private static final java.util.Set<String> SELECTOR_CALLS = java.util.Set.of("locator", "$", "$$", "get",
            "find", "querySelector", "querySelectorAll", "waitForSelector", "wait_for_selector", "frameLocator",
            "frame_locator", "cssSelector", "xpath", "css", "findElement", "element", "within", "children",
            "parent", "closest");
    /** Calls whose selector may be an XPath (Playwright and WebdriverIO guess it from a leading slash). */
    private static final java.util.Set<String> XPATH_CALLS = java.util.Set.of("locator", "$", "$$",
            "waitForSelector", "wait_for_selector", "xpath", "querySelector");
    private static final Pattern POSITIONAL_CSS = Pattern.compile(
            ":(nth-child|nth-of-type|nth-last-child|nth-last-of-type|first-child|last-child|first-of-type|"
                    + "last-of-type|eq|nth|first|last)\\b");
    private static final Pattern STABLE_ATTRIBUTE = Pattern.compile(
            "\\[(data-[a-z0-9-]+|aria-[a-z-]+|role|alt|title|placeholder|for|name|type|href)\\b");
    private static final Pattern GENERATED_CLASS = Pattern.compile(
            "\\.(css-[a-z0-9]{5,}|sc-[a-zA-Z]{5,}|jsx-\\d+|[A-Za-z]+_[A-Za-z]+__[A-Za-z0-9]{5}|_[a-z0-9]{6,})");
    private static final Pattern XPATH_INDEX = Pattern.compile(
            "\\[\\s*(\\d+|" + SelectorText.PLACEHOLDER + "|last\\(\\)|position\\(\\).*?)\\s*]");
    /** Descendant steps in a CSS selector beyond which it encodes the page's layout rather than the element. */
    private static final int LONG_CHAIN = 4;

    private Locators() {
    }

    static List<Locator> in(Statement s) {
        List<Locator> out = new ArrayList<>();
        for (Call call : Call.all(s)) {
            read(call).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Positional picks: {@code .nth(1)}, {@code .first()}, {@code .eq(2)}, {@code .get(0)} on a list of found
     * elements, {@code $$('li')[2]}, and a {@code >> nth=} selector.
     */
    static List<String> positionalPicks(Statement s) {
        List<String> picks = new ArrayList<>();
        for (Call call : Call.all(s)) {
            String name = call.name();
            boolean pick = (name.equals("nth") || name.equals("eq")) && call.args().size() == 1
                    || (name.equals("first") || name.equals("last")) && call.args().isEmpty()
                    && !call.receiver().isEmpty() && !call.receiver().endsWith("expect")
                    || name.equals("get") && call.receiver().contains("findElements") && call.args().size() == 1;
            if (pick) {
                picks.add("." + name + "(" + call.arg(0).map(Call.Arg::normalized).orElse("") + ")");
            }
            boolean list = name.equals("$$") || name.equals("findElements") || name.equals("querySelectorAll")
                    || name.equals("all");
            if (list && s.is(call.close() + 1, "[") && s.at(call.close() + 2) != null
                    && s.get(call.close() + 2).kind() == Token.Kind.NUMBER) {
                picks.add(name + "(...)[" + s.get(call.close() + 2).text() + "]");
            }
            call.arg(0).flatMap(Call.Arg::text).filter(t -> t.matches(".*>>\\s*nth=\\d+.*"))
                    .ifPresent(t -> picks.add("'" + t + "'"));
            // Python's Locator.first / .last are properties: get_by_role("menuitem").first.click()
            int after = call.close() + 1;
            if (s.is(after, ".") && s.at(after + 1) != null && (s.get(after + 1).is("first") || s.get(after + 1).is("last"))
                    && !s.is(after + 2, "(")) {
                picks.add("." + s.get(after + 1).text());
            }
        }
        return picks;
    }

    private static Optional<Locator> read(Call call) {
        String method = call.name();
        Optional<String> text = semanticKind(method) != null ? call.arg(0).flatMap(Call.Arg::text)
                : call.arg(0).flatMap(Locators::selectorText);
        boolean regex = call.arg(0).filter(Call.Arg::single).map(a -> a.first().kind() == Token.Kind.REGEX)
                .orElse(false);
        if (semanticKind(method) != null) {
            String value = regex ? call.arg(0).get().first().value() : text.orElse(call.arg(0)
                    .map(Call.Arg::normalized).orElse(""));
            Optional<Token> name = roleName(call);
            boolean nameRegex = name.map(t -> t.kind() == Token.Kind.REGEX || t.kind() == Token.Kind.WORD)
                    .orElse(false);
            return Optional.of(new Locator(method, value, name.map(Token::value), name.isPresent() ? nameRegex : regex,
                    Stability.STABLE, ""));
        }
        if (call.receiver().endsWith("By") && SELENIUM_BY.containsKey(method) && text.isPresent()) {
            return Optional.of(new Locator("By." + method, text.get(), Optional.empty(), false,
                    SELENIUM_BY.get(method), method.equals("className") || method.equals("tagName")
                    ? "a class or tag name" : ""));
        }
        if (method.equals("contains") && call.receiver().startsWith("cy") && text.isPresent()) {
            return Optional.of(new Locator("cy.contains", text.get(), Optional.empty(), false, Stability.STABLE, ""));
        }
        boolean cypressGet = !method.equals("get") || call.receiver().startsWith("cy");
        if (SELECTOR_CALLS.contains(method) && text.isPresent() && cypressGet && !call.receiver().equals("Cypress")) {
            boolean xpathCapable = XPATH_CALLS.contains(method);
            String[] judged = judge(text.get(), method.equals("xpath"), xpathCapable);
            return Optional.of(new Locator(method, text.get(), Optional.empty(), false,
                    Stability.valueOf(judged[0]), judged[1]));
        }
        return Optional.empty();
    }

    /**
     * A selector argument as text: a literal, or one built at run time ({@code "tr[" + i + "]"}, a template literal,
     * an f-string, {@code String.format}) with each computed part shown as a placeholder, so a position computed
     * into an XPath is judged like a written one.
     */
    private static Optional<String> selectorText(Call.Arg arg) {
        return SelectorText.of(arg);
    }

    /**
     * getByRole's {@code name} option: {@code { name: 'x' }}, {@code { name: /x/ }}, {@code name="x"} or
     * {@code name=re.compile("x")} (returned as a word token holding the pattern).
     */
    private static Optional<Token> roleName(Call call) {
        for (int i = call.open(); i + 2 < call.close(); i++) {
            Token t = call.src().get(i);
            if (t.is("name") && (call.src().is(i + 1, ":") || call.src().is(i + 1, "="))) {
                Token v = call.src().get(i + 2);
                if (v.isText() || v.kind() == Token.Kind.REGEX) {
                    return Optional.of(v);
                }
                List<Call> inner = Call.all(call.src(), i + 2, call.close());
                if (!inner.isEmpty() && inner.get(0).name().equals("compile")) {
                    return inner.get(0).arg(0).flatMap(Call.Arg::text)
                            .map(p -> new Token(Token.Kind.WORD, p, p, "", v.line(), v.column()));
                }
            }
        }
        return Optional.empty();
    }

    /** [stability, why] of a CSS or XPath selector string (or a Playwright/WebdriverIO selector engine string). */
    static String[] judge(String selector, boolean xpath, boolean xpathCapable) {
        String s = selector.trim().replaceFirst("^css=", "");
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aria/") || lower.startsWith("text=") || lower.startsWith("role=")
                || lower.startsWith("data-testid=") || lower.startsWith("internal:")
                || s.matches("^[a-z0-9]*\\*?=.+") && !lower.startsWith("xpath=") && !lower.startsWith("css=")) {
            return new String[] {"STABLE", ""};
        }
        if (xpath || xpathCapable && (s.startsWith("/") || s.startsWith("(/") || s.startsWith("(./")
                || lower.startsWith("xpath=") || s.startsWith("./"))) {
            return judgeXpath(s);
        }
        return judgeCss(s);
    }

    private static String[] judgeXpath(String s) {
        if (XPATH_INDEX.matcher(s).find()) {
            return new String[] {"BRITTLE", "an XPath position index"};
        }
        if (s.startsWith("/html") || s.startsWith("/body") || s.startsWith("xpath=/html")) {
            return new String[] {"BRITTLE", "an absolute XPath"};
        }
        if (s.contains("@data-") || s.contains("@aria-") || s.contains("text()") || s.contains("@id")
                || s.contains("@name") || s.contains("normalize-space")) {
            return new String[] {"MEDIUM", ""};
        }
        long steps = s.chars().filter(ch -> ch == '/').count();
        return steps >= LONG_CHAIN ? new String[] {"BRITTLE", "a long XPath through the page layout"}
                : new String[] {"WEAK", "an XPath by tag"};
    }

    private static String[] judgeCss(String s) {
        if (POSITIONAL_CSS.matcher(s).find()) {
            return new String[] {"BRITTLE", "a position in the page (" + firstMatch(POSITIONAL_CSS, s) + ")"};
        }
        if (GENERATED_CLASS.matcher(s).find()) {
            return new String[] {"BRITTLE", "a generated class name"};
        }
        if (s.replaceAll("\\[[^]]*]", "[]").contains(SelectorText.PLACEHOLDER)) {
            return new String[] {"MEDIUM", ""}; // a computed part may itself be any selector: judged by what is known
        }
        // WebdriverIO's element-with-text selector ends the chain (a*=View on map): its text is one step, not three
        int steps = s.replaceAll("\\[[^]]*]", "[]").replaceFirst("(^|\\s)[a-z0-9]*\\*?=.*$", "$1text")
                .replaceAll("\\([^)]*\\)", "()").trim()
                .split("\\s*[>+~]\\s*|\\s+").length;
        if (steps >= LONG_CHAIN) {
            return new String[] {"BRITTLE", "a chain of " + steps + " layout steps"};
        }
        if (STABLE_ATTRIBUTE.matcher(s).find()) {
            return s.contains("[name") || s.contains("[type") || s.contains("[href")
                    ? new String[] {"MEDIUM", ""} : new String[] {"STABLE", ""};
        }
        if (s.contains("#")) {
            return new String[] {"MEDIUM", ""};
        }
        return new String[] {"WEAK", "a class or tag"};
    }

    private static String firstMatch(Pattern p, String s) {
        var m = p.matcher(s);
        return m.find() ? m.group() : "";
    }
}
