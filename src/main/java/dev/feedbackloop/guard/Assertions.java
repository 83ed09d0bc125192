package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the assertions of a statement: Jest/Playwright/WebdriverIO {@code expect(...)} chains (soft and polling
 * ones too), chai chains, Cypress {@code .should(...)}/{@code .and(...)}, supertest's {@code .expect(status)},
 * Node's {@code assert}, Playwright for Python's {@code expect(...).to_*} and Python {@code assert}, JUnit,
 * TestNG, AssertJ and Hamcrest assertions, and rest-assured's {@code statusCode}.
 */
final class Assertions {

    /** Chai words that only make a chain read well. */
    private static final Set<String> FILLERS = Set.of("to", "and", "that", "is", "been", "which", "does", "has",
            "with", "at", "of", "same", "but", "resolves", "rejects", "not", "still");
    private static final Set<String> JUNIT = Set.of("assertEquals", "assertNotEquals", "assertTrue", "assertFalse",
            "assertNull", "assertNotNull", "assertSame", "assertNotSame", "assertArrayEquals", "assertIterableEquals",
            "assertLinesMatch", "assertThrows");
    private static final Set<String> ASSERT_HOLDERS = Set.of("", "Assert", "Assertions", "assert", "AssertJUnit");
    private static final Set<String> NODE_ASSERT = Set.of("equal", "strictEqual", "deepEqual", "deepStrictEqual",
            "notEqual", "notStrictEqual", "ok", "match", "throws", "rejects", "doesNotMatch");
    private static final List<String> COMPARISONS = List.of("==", "!=", ">=", "<=", ">", "<", "not in", "in",
            "is not", "is");

    private final Statement s;
    private final Language language;
    private final List<Assertion> out = new ArrayList<>();
    /** The tokens of the assertion being read, for its written form. */
    private int spanFrom;
    private int spanTo;

    private Assertions(Statement s, Language language) {
        this.s = s;
        this.language = language;
    }

    static List<Assertion> in(Statement statement, Language language) {
        Assertions a = new Assertions(statement, language);
        a.read();
        return a.out;
    }

    private void read() {
        if (language == Language.PYTHON && s.get(0).is("assert")) {
            pythonAssert();
            return;
        }
        if (language != Language.JAVA) {
            implicitPresence();
        }
        for (int k = 0; k < s.size(); k++) {
            Token t = s.get(k);
            boolean member = s.is(k - 1, ".") || s.is(k - 1, "?.");
            if (!t.isWord() || !s.is(k + 1, "(") && !s.is(k + 1, ".")) {
                continue;
            }
            boolean assertJ = t.text().equals("assertThat") && s.is(k + 1, "(") && !hamcrest(k);
            if (!member && (t.text().equals("expect") || t.text().endsWith("Expect") || assertJ)
                    || member && assertJ) { // softly.assertThat(x): AssertJ's soft assertions
                chain(k);
            } else if (member && (t.is("should") || t.is("and")) && s.is(k + 1, "(")) {
                should(k);
            } else if (member && t.is("expect") && s.is(k + 1, "(")) {
                supertest(k);
            } else if (t.text().equals("assertThat") && s.is(k + 1, "(")) {
                hamcrestAssert(k);
            } else if (JUNIT.contains(t.text()) && s.is(k + 1, "(") && ASSERT_HOLDERS.contains(holder(k))) {
                junit(k);
            } else if (!member && t.is("assert") && language == Language.JAVASCRIPT) {
                nodeAssert(k);
            } else if (member && t.is("statusCode") && s.is(k + 1, "(")) {
                single(k, "status");
            } else if (member && t.is("until") && s.is(k + 1, "(") && language == Language.JAVA) {
                seleniumWait(k);
            } else if (member && t.is("waitUntil") && s.is(k + 1, "(") && language == Language.JAVASCRIPT) {
                waitUntil(k);
            }
        }
    }

    /** {@code expect[.soft|.poll](subject)[.not].matcher(args)}, chai's property chains included. */
    private void chain(int k) {
        int i = k + 1;
        boolean soft = s.get(k).text().startsWith("soft") || s.is(k - 1, ".") && s.at(k - 2) != null
                && s.get(k - 2).text().toLowerCase(java.util.Locale.ROOT).contains("soft");
        if (s.is(i, ".")) {
            Token w = s.at(i + 1);
            if (w == null || !(w.is("soft") || w.is("poll"))) {
                return; // expect.stringContaining(...) and other asymmetric matchers are values, not assertions
            }
            soft |= w.is("soft");
            i += 2;
        }
        if (!s.is(i, "(") || s.partner(i) < i) {
            return;
        }
        int close = s.partner(i);
        String subject = text(i + 1, close);
        List<String> words = new ArrayList<>();
        int lastOpen = -1;
        boolean negated = false;
        i = close + 1;
        while (s.is(i, ".") && s.at(i + 1) != null && s.get(i + 1).isWord()) {
            String w = s.get(i + 1).text();
            negated |= w.equals("not") || w.startsWith("not_to");
            words.add(w);
            i += 2;
            lastOpen = -1;
            if (s.is(i, "(") && s.partner(i) > i) {
                lastOpen = i;
                i = s.partner(i) + 1;
            }
        }
        List<String> meaningful = words.stream().filter(w -> !FILLERS.contains(w)).toList();
        if (meaningful.isEmpty()) {
            return;
        }
        span(k, i);
        boolean chai = words.size() > 1 && words.get(0).equals("to") || words.contains("should");
        String matcher = chai ? Assertion.canonical(String.join("", meaningful))
                : Assertion.canonical(meaningful.get(meaningful.size() - 1));
        List<Call.Arg> args = lastOpen < 0 ? List.of() : new Call(s, k, lastOpen - 1, lastOpen, s.partner(lastOpen)).args();
        add(subject, matcher, args, valueIndex(matcher), negated, soft);
    }

    /** Cypress {@code .should('have.text', 'x')}; a callback form is read through the expects inside it. */
    private void should(int k) {
        Call c = new Call(s, chainStart(k), k, k + 1, s.partner(k + 1));
        span(c.start(), c.close() + 1);
        Optional<String> chainer = c.arg(0).flatMap(Call.Arg::text);
        if (chainer.isEmpty()) {
            return;
        }
        boolean negated = chainer.get().startsWith("not.");
        String matcher = Assertion.canonical(chainer.get());
        int valueIndex = matcher.equals("haveattr") || matcher.equals("havecss") || matcher.equals("haveprop")
                || matcher.equals("haveattribute") ? 2 : 1;
        add(c.receiver(), matcher, c.args(), valueIndex, negated, false);
    }

    /** supertest's {@code .expect(200)}, {@code .expect('Content-Type', /json/)}, {@code .expect(fn)}. */
    private void supertest(int k) {
        Call c = new Call(s, chainStart(k), k, k + 1, s.partner(k + 1));
        span(k, c.close() + 1);
        List<Call.Arg> args = c.args();
        if (args.isEmpty()) {
            return;
        }
        Expected first = Expected.of(args.get(0));
        if (first.kind() == Expected.Kind.NUMBER) {
            add(c.receiver() + " . status", "status", args, 0, false, false); // as res.status reads
        } else if (first.kind() == Expected.Kind.TEXT && args.size() > 1) {
            add(c.receiver() + " header " + first.text(), "header", args, 1, false, false);
        } else {
            add(c.receiver(), "satisfy", args, -1, false, false);
        }
    }

    private void junit(int k) {
        Call c = new Call(s, chainStart(k), k, k + 1, s.partner(k + 1));
        span(c.start(), c.close() + 1);
        List<Call.Arg> args = c.args();
        String name = c.name();
        if (args.isEmpty()) {
            return;
        }
        switch (name) {
            case "assertEquals", "assertNotEquals", "assertSame", "assertArrayEquals", "assertIterableEquals",
                    "assertLinesMatch" -> {
                if (args.size() < 2) {
                    return;
                }
                if (name.equals("assertEquals") && (args.get(0).normalized().equals("true")
                        || args.get(0).normalized().equals("false"))) {
                    condition(args.get(1), args.get(0).normalized().equals("false")); // assertEquals(true, n >= 3)
                    return;
                }
                boolean firstIsValue = isValue(args.get(0)) || !isValue(args.get(1));
                Call.Arg value = firstIsValue ? args.get(0) : args.get(1);
                Call.Arg subject = firstIsValue ? args.get(1) : args.get(0);
                String matcher = name.equals("assertNotEquals") ? "assertequals" : Assertion.canonical(name);
                add(subject.normalized(), matcher, List.of(value), 0, name.equals("assertNotEquals"), false);
            }
            case "assertTrue", "assertFalse" -> condition(args.get(0), name.equals("assertFalse"));
            default -> add(args.get(0).normalized(), Assertion.canonical(name), List.of(), -1, false, false);
        }
    }

    /** String checks inside a condition: {@code text.startsWith("Remote")}, {@code "x".equals(text)}. */
    private static final java.util.Map<String, String> STRING_CHECKS = java.util.Map.of("contains", "contains",
            "startsWith", "startswith", "endsWith", "endswith", "equals", "equal", "equalsIgnoreCase", "equal",
            "matches", "matches", "includes", "contains");

    /** A boolean condition ({@code assertTrue}, Python {@code assert}): its comparison decides the strength. */
    private void condition(Call.Arg arg, boolean negated) {
        String text = arg.normalized();
        List<Call.Arg> conjuncts = conjuncts(arg);
        if (!negated && conjuncts.size() > 1) {
            conjuncts.forEach(c -> condition(c, false)); // a && b checks a and b, each as strong as it is alone
            return;
        }
        if (negated && (text.endsWith(". isEmpty ( )") || text.endsWith(". isBlank ( )") || text.endsWith("== null") || text.endsWith("= = null"))) {
            add(text, "betruthy", List.of(), -1, false, false); // assertFalse(x.isEmpty() / isBlank()): only that there is one
            return;
        }
        if (!text.contains(" || ") && !text.contains(" && ") && stringCheck(arg, negated)) {
            return;
        }
        if (!negated && oneOfLiterals(text)) {
            return;
        }
        String matcher;
        List<Call.Arg> values = List.of();
        if (text.contains(" || ") || text.contains(" or ")) {
            matcher = "anyof";
        } else if (text.contains(" == ") || text.contains(". equals (") || text.contains(". equalsIgnoreCase (")) {
            matcher = "equal";
        } else if (text.matches(".*\\. (contains|startsWith|endsWith|matches|includes) \\(.*")) {
            matcher = "contains";
        } else if (text.matches(".*(>|>=) 0\\b.*") || text.contains("!= null") || text.contains("! = null")
                || text.contains("isDisplayed") || text.contains("! ") && (text.contains("isEmpty") || text.contains("isBlank"))) {
            matcher = "betruthy";
        } else if (text.matches("[^<>=!]+ (>|>=|<|<=) \\d+(\\.\\d+)?")) {
            // rows.size() >= 10: the size bounded, compared with the exact size it may replace
            int op = text.lastIndexOf(' ', text.lastIndexOf(' ') - 1);
            String subject = text.substring(0, op).strip();
            String bound = text.substring(text.lastIndexOf(' ') + 1);
            String relation = text.substring(op + 1, text.lastIndexOf(' '));
            Expected number = new Expected(Expected.Kind.NUMBER, bound, java.util.Optional.empty(), List.of());
            String named = relation.startsWith(">") ? "begreaterthan" : "belessthan";
            out.add(new Assertion(s, subject, named + (relation.endsWith("=") ? "orequal" : ""), number, negated, false,
                    Assertion.strength(named, number, negated, subject), written()));
            return;
        } else if (text.matches(".*( > | >= | < | <= ).*")) {
            matcher = "begreaterthan";
        } else {
            matcher = "betruthy";
        }
        add(text, matcher, values, -1, negated, false);
    }

    /** The top-level {@code &&} / {@code and} parts of a condition; one part when there is no conjunction. */
    private List<Call.Arg> conjuncts(Call.Arg arg) {
        List<Call.Arg> parts = new ArrayList<>();
        int from = arg.from();
        for (int i = arg.from(); i < arg.to(); i++) {
            Token t = s.get(i);
            if ((t.is("(") || t.is("[") || t.is("{")) && s.partner(i) > i) {
                i = s.partner(i);
            } else if (t.is("||") || t.is("or") || t.is("?")) {
                return List.of(arg); // a disjunction or a choice is not a list of checks
            } else if (t.is("&&") || t.is("and")) {
                parts.add(new Call.Arg(s, from, i));
                from = i + 1;
            }
        }
        parts.add(new Call.Arg(s, from, arg.to()));
        return parts.stream().anyMatch(Call.Arg::isEmpty) ? List.of(arg) : parts;
    }

    /** {@code x.startsWith("lit")} or {@code "lit".equals(x)} as the whole condition: a text assertion on x. */
    private boolean stringCheck(Call.Arg arg, boolean negated) {
        List<Call> calls = Call.all(s, arg.from(), arg.to());
        if (calls.isEmpty()) {
            return false;
        }
        Call last = calls.stream().filter(c -> c.close() == arg.to() - 1).findFirst().orElse(null);
        if (last == null || !STRING_CHECKS.containsKey(last.name()) || last.args().size() != 1) {
            return false;
        }
        Call.Arg value = last.args().get(0);
        String receiver = last.receiver();
        boolean literalReceiver = receiver.startsWith("\"") && receiver.endsWith("\"") && !receiver.contains(" ");
        String subject = literalReceiver ? value.normalized() : receiver;
        List<Call.Arg> values = literalReceiver
                ? List.of(new Call.Arg(s, last.start(), last.start() + 1)) : List.of(value);
        boolean regex = last.name().equals("matches") && Expected.of(values.get(0)).kind() == Expected.Kind.TEXT;
        if (regex) {
            String pattern = Expected.of(values.get(0)).text();
            Expected expected = new Expected(Expected.Kind.REGEX, pattern, java.util.Optional.of(RegexShape.of(pattern,
                    "")), List.of());
            out.add(new Assertion(s, subject, "match", expected, negated, false,
                    Assertion.strength("match", expected, negated, subject), written()));
            return true;
        }
        add(subject, STRING_CHECKS.get(last.name()), values, 0, negated, false);
        return true;
    }

    /**
     * A check a runner makes by itself: a Cypress chain that ends in {@code cy.contains(...)}, {@code get} or
     * {@code find} fails when nothing is found, as does Playwright's {@code locator.waitFor()}.
     */
    private void implicitPresence() {
        int i = s.get(0).is("await") ? 1 : 0;
        boolean cypress = s.is(i, "cy");
        String last = null;
        int lastOpen = -1;
        while (i < s.size()) {
            Token t = s.get(i);
            if (t.isWord() && (last == null || s.is(i - 1, "."))) {
                last = t.text();
                i++;
            } else if (t.is(".") || t.is("?.")) {
                i++;
            } else if (t.is("(") && s.partner(i) > i) {
                lastOpen = i;
                i = s.partner(i) + 1;
            } else if (t.is(";")) {
                i++;
            } else {
                return;
            }
        }
        boolean cypressLookup = cypress && (java.util.Set.of("contains", "get", "find").contains(last));
        boolean waitFor = !cypress && ("waitFor".equals(last) || "wait_for".equals(last)) && lastOpen > 0
                && !Snippet.of(s.tokens()).contains("hidden") && !Snippet.of(s.tokens()).contains("detached");
        if (cypressLookup || waitFor) {
            span(0, s.size());
            String subject = Statement.normalise(s.tokens().subList(s.get(0).is("await") ? 1 : 0,
                    waitFor ? lastOpen - 2 : s.size()));
            out.add(new Assertion(s, subject, Assertion.FOUND, Expected.NONE, false, false, Assertion.PRESENCE,
                    written()));
        }
    }

    /**
     * Selenium's {@code wait.until(ExpectedConditions.textToBe(locator, "x"))}: the wait throws when the condition
     * never holds, so a value condition is an assertion as exact as {@code assertEquals}. Conditions that only wait
     * for an element ({@code visibilityOf...}) are steps, not checks of a value, and are left out.
     */
    /**
     * WebdriverIO's {@code browser.waitUntil(async () => (await el.getText()) === 'Uploaded')}: the condition it
     * waits for is what the test checks, read like a condition in {@code assertTrue}.
     */
    private void waitUntil(int k) {
        int close = s.partner(k + 1);
        int arrow = -1;
        for (int i = k + 2; i < close && arrow < 0; i++) {
            if (s.get(i).is("=>")) {
                arrow = i;
            }
        }
        if (close < k || arrow < 0 || s.is(arrow + 1, "{")) {
            return; // no arrow, or a block body whose return the reader does not follow
        }
        int end = arrow + 1;
        int depth = 0;
        while (end < close && (depth > 0 || !s.get(end).is(","))) {
            depth += s.get(end).is("(") || s.get(end).is("[") || s.get(end).is("{") ? 1
                    : s.get(end).is(")") || s.get(end).is("]") || s.get(end).is("}") ? -1 : 0;
            end++;
        }
        span(chainStart(k), close + 1);
        for (int i = arrow + 1; i < end; i++) {
            if ((s.get(i).is("===") || s.get(i).is("==")) && s.at(i + 1) != null && s.get(i + 1).isText()
                    && i + 2 == end) {
                add(new Call.Arg(s, arrow + 1, i).normalized(), "equal", List.of(new Call.Arg(s, i + 1, i + 2)), 0,
                        false, false);
                return;
            }
        }
        int body = arrow + 1;
        if (s.get(body).kind() == Token.Kind.REGEX && s.is(body + 1, ".") && s.is(body + 2, "test")
                && s.is(body + 3, "(") && s.partner(body + 3) == end - 1) {
            // /^Photo uploaded · \d+ KB$/.test(text): the text matched against the pattern
            Expected expected = Expected.of(new Call.Arg(s, body, body + 1));
            String subject = new Call.Arg(s, body + 4, end - 1).normalized();
            out.add(new Assertion(s, subject, "match", expected, false, false,
                    Assertion.strength("match", expected, false, subject), written()));
            return;
        }
        condition(new Call.Arg(s, arrow + 1, end), false);
    }

    private void seleniumWait(int k) {
        int close = s.partner(k + 1);
        if (close < k) {
            return;
        }
        if (seleniumEither(k, close)) {
            return;
        }
        for (Call c : Call.all(s, k + 2, close)) {
            String matcher = WAIT_CONDITIONS.get(c.name());
            if (matcher != null && !c.args().isEmpty()) {
                span(chainStart(k), close + 1);
                int valueIndex = c.name().startsWith("attribute") || c.name().startsWith("domAttribute") ? 2
                        : c.name().startsWith("url") || c.name().startsWith("title") ? 0 : 1;
                String subject = valueIndex == 0 ? "driver . " + c.name().replaceAll("(To|Is|Contains|Matches).*", "")
                        : c.args().get(0).normalized();
                add(subject, matcher, c.args(), valueIndex, false, false);
                return;
            }
        }
    }

    /**
     * {@code ExpectedConditions.or(textToBe(el, "A"), textToBe(el, "B"))}: one element allowed several texts, read
     * as a membership check so it compares with the single text it replaced.
     */
    private boolean seleniumEither(int k, int close) {
        List<Call> calls = Call.all(s, k + 2, close);
        if (calls.isEmpty() || !calls.get(0).name().equals("or")) {
            return false;
        }
        String subject = null;
        List<String> values = new ArrayList<>();
        for (Call c : calls.subList(1, calls.size())) {
            if (!c.name().equals("textToBe") || c.args().size() != 2) {
                continue;
            }
            String who = c.args().get(0).normalized();
            if (subject != null && !subject.equals(who) || c.args().get(1).text().isEmpty()) {
                return false;
            }
            subject = who;
            values.add(c.args().get(1).text().get());
        }
        if (values.size() < 2) {
            return false;
        }
        span(chainStart(k), close + 1);
        membership(subject, values, String.join(" | ", values));
        return true;
    }

    /** Selenium's value conditions, by the matcher each amounts to. */
    private static final java.util.Map<String, String> WAIT_CONDITIONS = java.util.Map.ofEntries(
            java.util.Map.entry("textToBe", "havetext"), java.util.Map.entry("textToBePresentInElementLocated",
                    "containtext"), java.util.Map.entry("textToBePresentInElement", "containtext"),
            java.util.Map.entry("textToBePresentInElementValue", "havevaluecontaining"),
            java.util.Map.entry("textMatches", "match"), java.util.Map.entry("attributeToBe", "haveattr"),
            java.util.Map.entry("domAttributeToBe", "haveattr"), java.util.Map.entry("attributeContains",
                    "haveattrcontaining"), java.util.Map.entry("urlToBe", "haveurl"),
            java.util.Map.entry("urlContains", "haveurlcontaining"), java.util.Map.entry("urlMatches", "match"),
            java.util.Map.entry("titleIs", "havetitle"), java.util.Map.entry("titleContains", "havetitlecontaining"),
            java.util.Map.entry("numberOfElementsToBe", "havecount"));

    /** Hamcrest: {@code assertThat(actual, matcher(value))}. */
    private void hamcrestAssert(int k) {
        Call c = new Call(s, chainStart(k), k, k + 1, s.partner(k + 1));
        span(c.start(), c.close() + 1);
        List<Call.Arg> args = c.args();
        if (args.size() < 2) {
            return;
        }
        Call.Arg matcherArg = args.get(args.size() - 1);
        List<Call> calls = Call.all(s, matcherArg.from(), matcherArg.to());
        if (calls.isEmpty()) {
            return;
        }
        Call m = calls.get(0);
        boolean negated = m.name().equals("not");
        Call inner = negated && calls.size() > 1 ? calls.get(1) : m;
        add(args.get(args.size() - 2).normalized(), Assertion.canonical(inner.name()), inner.args(), 0, negated,
                false);
    }

    private boolean hamcrest(int k) {
        int close = s.partner(k + 1);
        return close > k && new Call(s, k, k, k + 1, close).args().size() >= 2 && !s.is(close + 1, ".");
    }

    /** Node's {@code assert(x)}, {@code assert.equal(a, b)}. */
    private void nodeAssert(int k) {
        span(k, s.size());
        if (s.is(k + 1, "(")) {
            Call c = new Call(s, k, k, k + 1, s.partner(k + 1));
            c.arg(0).ifPresent(a -> condition(a, false));
        } else if (s.is(k + 1, ".") && s.at(k + 2) != null && NODE_ASSERT.contains(s.get(k + 2).text())
                && s.is(k + 3, "(")) {
            Call c = new Call(s, k, k + 2, k + 3, s.partner(k + 3));
            String name = c.name();
            List<Call.Arg> args = c.args();
            if (name.equals("ok")) {
                args.stream().findFirst().ifPresent(a -> condition(a, false));
            } else if (!args.isEmpty()) {
                add(args.get(0).normalized(), Assertion.canonical(name.replace("not", "")), args, 1,
                        name.startsWith("not") || name.startsWith("doesNot"), false);
            }
        }
    }

    /** {@code assert a == b}, {@code assert x in (200, 201)}, {@code assert "text" in page.content()}. */
    private void pythonAssert() {
        span(0, s.size());
        int end = s.size();
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i).is(",")) {
                end = i;
                break;
            }
            if ((s.get(i).is("(") || s.get(i).is("[") || s.get(i).is("{")) && s.partner(i) > i) {
                i = s.partner(i);
            }
        }
        for (String op : COMPARISONS) {
            int at = find(op, 1, end);
            if (at > 0) {
                comparison(op, at, end);
                return;
            }
        }
        out.add(new Assertion(s, text(1, end), "betruthy", Expected.NONE, false, false,
                Assertion.strength("betruthy", Expected.NONE, false, text(1, end)), written()));
    }

    private void comparison(String op, int at, int end) {
        int width = op.contains(" ") ? 2 : 1;
        Call.Arg left = new Call.Arg(s, 1, at);
        Call.Arg right = new Call.Arg(s, at + width, end);
        switch (op) {
            case "==", "!=" -> {
                boolean leftValue = isValue(left);
                add((leftValue ? right : left).normalized(), "equal", List.of(leftValue ? left : right), 0,
                        op.equals("!="), false);
            }
            case "in", "not in" -> {
                Expected set = Expected.of(right);
                if (set.kind() == Expected.Kind.SET) {
                    add(left.normalized(), "isin", List.of(right), 0, op.equals("not in"), false);
                } else {
                    add(right.normalized(), "contain", List.of(left), 0, op.equals("not in"), false);
                }
            }
            case "is", "is not" -> add(left.normalized(), right.normalized().equals("None") ? "benull" : "be",
                    List.of(right), 0, op.equals("is not"), false);
            default -> add(left.normalized(), op.startsWith(">") ? "begreaterthan" + (op.length() > 1 ? "orequal" : "")
                    : "belessthan", List.of(right), 0, false, false);
        }
    }

    private int find(String op, int from, int to) {
        String[] parts = op.split(" ");
        for (int i = from; i < to; i++) {
            Token t = s.get(i);
            if ((t.is("(") || t.is("[") || t.is("{")) && s.partner(i) > i) {
                i = s.partner(i);
                continue;
            }
            if (t.is(parts[0]) && (parts.length == 1 || s.is(i + 1, parts[1]))) {
                return i;
            }
        }
        return -1;
    }

    private void single(int k, String matcher) {
        Call c = new Call(s, chainStart(k), k, k + 1, s.partner(k + 1));
        span(k, c.close() + 1);
        add(c.receiver(), matcher, c.args(), 0, false, false);
    }

    private void add(String subject, String matcher, List<Call.Arg> args, int valueIndex, boolean negated,
                     boolean soft) {
        Expected expected = valueIndex >= 0 && valueIndex < args.size() ? Expected.of(args.get(valueIndex))
                : Expected.NONE;
        if (expected.kind() == Expected.Kind.NONE && valueIndex > 0 && args.size() == valueIndex
                && (matcher.equals("haveattribute") || matcher.equals("haveproperty") || matcher.equals("haveattr"))) {
            matcher = "exist"; // toHaveAttribute('disabled'): only that the attribute is there
        }
        if (isSetSubject(subject) && !args.isEmpty()) {
            // expect([200, 201]).toContain(res.status): the real subject is the argument, the set is the value
            Expected set = setOf(subject);
            String real = args.get(0).normalized();
            out.add(new Assertion(s, real, "isin", set, negated, soft, Assertion.strength("isin", set, negated, real),
                    written()));
            return;
        }
        int strength = Assertion.strength(matcher, expected, negated, subject);
        if (TYPE_CHECK.matcher(subject).find() && strength > Assertion.PRESENCE) {
            strength = Assertion.PRESENCE; // expect(typeof total).toBe('number'): only that a value of a kind is there
        }
        if (matcher.equals("becloseto") && !negated && args.size() == 2 && args.get(1).normalized().matches("\\d+")
                && Integer.parseInt(args.get(1).normalized()) >= EXACT_DIGITS) {
            strength = Assertion.EXACT; // toBeCloseTo(1, 10): equal but for floating-point rounding
        }
        out.add(new Assertion(s, subject, matcher, expected, negated, soft, strength, written()));
    }

    /** Decimal digits from which {@code toBeCloseTo(x, digits)} is as strict as equality for any real value. */
    private static final int EXACT_DIGITS = 6;

    /** Subjects that reduce a value to its type: {@code typeof x}, {@code Array.isArray(x)}, {@code isinstance}. */
    private static final java.util.regex.Pattern TYPE_CHECK = java.util.regex.Pattern.compile(
            "^(typeof |Array \\. isArray \\(|isinstance \\(|Number \\. isFinite \\(|Number \\. isInteger \\()");

    private void span(int from, int to) {
        spanFrom = Math.max(0, from);
        spanTo = Math.min(to, s.size());
    }

    private String written() {
        return spanTo > spanFrom ? Snippet.of(s.tokens().subList(spanFrom, spanTo)) : "";
    }

    /** One disjunct {@code x . equals ( "a" )}, {@code "a" . equals ( x )} or {@code x == "a"}: subject and literal. */
    private static final java.util.regex.Pattern EQUALS_LITERAL = java.util.regex.Pattern.compile(
            "^(?:(\\S.*?) \\. equals \\( (\"[^\"]*\") \\)|(\"[^\"]*\") \\. equals \\( (\\S.*?) \\)|(\\S.*?) === ?(\"[^\"]*\"))$");

    /**
     * {@code t.equals("a") || t.equals("b")}: one subject allowed several values, read as a membership check so it
     * compares with the single value it replaced.
     */
    private boolean oneOfLiterals(String text) {
        String[] parts = text.split(" \\|\\| ");
        if (parts.length < 2) {
            return false;
        }
        String subject = null;
        List<String> values = new ArrayList<>();
        for (String part : parts) {
            java.util.regex.Matcher m = EQUALS_LITERAL.matcher(part.strip());
            if (!m.matches()) {
                return false;
            }
            String who = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(5);
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(6);
            if (subject != null && !subject.equals(who)) {
                return false;
            }
            subject = who;
            values.add(value.substring(1, value.length() - 1));
        }
        membership(subject, values, text);
        return true;
    }

    /** A subject allowed any of several values, as the {@code isin} check it amounts to. */
    private void membership(String subject, List<String> values, String text) {
        Expected set = new Expected(Expected.Kind.SET, text, java.util.Optional.empty(), values);
        out.add(new Assertion(s, subject, "isin", set, false, false, Assertion.strength("isin", set, false, subject),
                written()));
    }

    /** A Java collection of literals, {@code List.of("a", "b")}, read as the list it holds. */
    private static final java.util.regex.Pattern JAVA_COLLECTION = java.util.regex.Pattern.compile(
            "^(?:List|Set|Arrays) \\. (?:of|asList) \\( ([^()]+) \\)$");

    private static boolean isSetSubject(String subject) {
        return subject.startsWith("[") && subject.endsWith("]") && subject.length() > 2
                && !subject.contains("(") || JAVA_COLLECTION.matcher(subject).matches();
    }

    private Expected setOf(String subject) {
        java.util.regex.Matcher collection = JAVA_COLLECTION.matcher(subject);
        String listed = collection.matches() ? "[" + collection.group(1) + "]" : subject;
        List<Token> tokens = Lexer.tokenize(listed, language);
        Statement st = new Statement(tokens, List.of(), null);
        return Expected.of(new Call.Arg(st, 0, st.size()));
    }

    /** A literal, or an expression without calls or names of the page: the expected side of a comparison. */
    private static boolean isValue(Call.Arg arg) {
        Expected e = Expected.of(arg);
        return e.kind() != Expected.Kind.OTHER || arg.normalized().matches("[A-Z_][A-Z0-9_]*");
    }

    private String holder(int k) {
        if (!s.is(k - 1, ".")) {
            return "";
        }
        return s.at(k - 2) != null && s.get(k - 2).isWord() ? s.get(k - 2).text() : "?";
    }

    private int chainStart(int nameIndex) {
        for (Call c : Call.all(s)) {
            if (c.nameIndex() == nameIndex) {
                return c.start();
            }
        }
        return nameIndex;
    }

    private int valueIndex(String matcher) {
        return switch (matcher) {
            case "haveattribute", "haveattr", "haveproperty", "havecss", "havejsproperty", "haveelementproperty" -> 1;
            default -> 0;
        };
    }

    private String text(int from, int to) {
        List<Token> tokens = s.tokens().subList(Math.max(0, from), Math.min(to, s.size()));
        List<Token> kept = tokens.stream().filter(t -> !t.is("await")).toList();
        return Statement.normalise(kept);
    }
}
