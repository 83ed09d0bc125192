package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a proposed assertion is weaker than the original one it replaced: softer ({@code expect.soft}),
 * conditional (moved under an {@code if}), caught (inside a {@code try} that swallows), unable to fail, looser in
 * its value (an exact text turned into a catch-all or case-blind regex, a text cut down to a fragment, a number
 * turned into a bound, one status into a set), aimed at a wider locator ({@code .or(...)}, a text locator turned
 * into a broad regex), or simply a weaker kind of check ({@code toHaveCount(3)} to {@code not.toHaveCount(0)}).
 */
final class AssertionComparison {

    /** Words from which a text looked for is a message (cut to a fragment, it matches other messages). */
    private static final int SENTENCE_WORDS = 4;
    /** Share of the original expected text a replacing pattern must keep as literal text. */
    private static final double MIN_RETENTION = 0.5;
    /**
     * A pattern that admits at most this many texts is a list of allowed values, not a format: when one of them is
     * the value the failure received, the pattern was written to let that value pass.
     */
    private static final double NARROW_LANGUAGE = 12;
    /** Matchers that need the element seen, and the weaker ones that only need it in the page. */
    private static final java.util.Set<String> VISIBLE = java.util.Set.of("bevisible", "bedisplayed",
            "bedisplayedinviewport", "beinviewport", "isdisplayed");
    private static final java.util.Set<String> ATTACHED = java.util.Set.of("beattached", "exist", "beexisting",
            "bepresent", "found");
    /** A strength drop of a whole class (exact to partial, partial to presence) is a weakening. */
    private static final int CLASS_DROP = 10;

    private final Comparison c;
    private final Unit originalUnit;
    private final Unit proposedUnit;

    AssertionComparison(Comparison c, Unit originalUnit, Unit proposedUnit) {
        this.c = c;
        this.originalUnit = originalUnit;
        this.proposedUnit = proposedUnit;
    }

    /** Why {@code after} is weaker than {@code before}, or empty when it is not. */
    Optional<String> weakening(Assertion before, Assertion after) {
        return weakening(before, after, after.subject());
    }

    /** As {@link #weakening(Assertion, Assertion)}, with the new assertion's subject as the proposal resolves it. */
    Optional<String> weakening(Assertion before, Assertion after, String afterTarget) {
        String was = before.describe();
        String now = after.describe();
        Optional<String> structural = structural(before, after);
        if (structural.isPresent()) {
            return structural;
        }
        if (before.matcher().equals(after.matcher()) && before.negated() == after.negated()
                && before.expected().kind() != Expected.Kind.NONE && after.expected().kind() == Expected.Kind.NONE
                && VALUED.contains(before.matcher())) {
            return Optional.of("drops the expected value of " + before.describe() + " (" + after.describe() + "): it"
                    + " only checks that the " + before.matcher().replace("have", "") + " exists, so any value passes");
        }
        Optional<String> typed = fieldsTyped(before, after);
        if (typed.isPresent()) {
            return typed;
        }
        if (strictSingle(before, after)) {
            return Optional.empty();
        }
        if (listPerElement(before) && before.expected().text().strip().startsWith("[") && !before.negated()
                && PICK.matcher(after.subject()).find() && !PICK.matcher(before.subject()).find()
                && !after.expected().text().strip().startsWith("[")) {
            return Optional.of("replaces " + was + ", one text per element and so how many there are, with " + now
                    + " on one element picked by position: the others, and any extra one, pass unchecked");
        }
        if (before.subject().strip().equals(after.subject().strip()) && !after.negated() && !before.negated()
                && after.expected().kind() == Expected.Kind.NONE && onlyThere(after) && textual(before.expected())) {
            return Optional.of("replaces " + was + " with " + now + " on the same element: it only checks that the"
                    + " element is there, no longer that it says '" + clip(before.expected().text()) + "'");
        }
        if (before.negated() && after.negated() && ATTACHED.contains(before.matcher())
                && VISIBLE.contains(after.matcher())) {
            return Optional.of("replaces " + was + " with " + now + ": an element still in the page but hidden passes"
                    + " now, where the original required it gone");
        }
        if (!before.negated() && after.negated() && before.strength() >= Assertion.PARTIAL
                && after.strength() < before.strength()) {
            return Optional.of("replaces " + was + " with " + now + ": it only rules one value out, so anything else"
                    + " passes where the original asked for one");
        }
        Optional<Verdict> value = value(before, after);
        if (value.isPresent()) {
            return value.get().reason();
        }
        if (VISIBLE.contains(before.matcher()) && ATTACHED.contains(after.matcher())
                && before.negated() == after.negated() && !before.negated()) {
            return Optional.of("replaces " + was + " with " + now + ": an element that is in the page but hidden,"
                    + " off-screen or covered passes now, which is what a user cannot see");
        }
        Optional<String> locator = widerLocator(before.subject(), after.subject());
        if (locator.isPresent()) {
            return locator;
        }
        Optional<String> size = sizeOnly(before, after);
        if (size.isPresent()) {
            return size;
        }
        Optional<String> order = orderDropped(before, after).or(() -> anyOrder(before, after))
                .or(() -> textDropped(before, after, afterTarget));
        if (order.isPresent()) {
            return order;
        }
        // an element now found by the very value the original expected it to show ('Dr A. Mensah' the cell's name)
        boolean foundByValue = !before.negated() && onlyThere(after) && namesExpected(afterTarget, before.expected());
        if (after.strength() <= before.strength() - CLASS_DROP && !foundByValue) {
            return Optional.of("replaces " + was + " with the weaker " + now + ": it passes for values the original"
                    + " rejected");
        }
        return Optional.empty();
    }

    /**
     * Why {@code after}, which checks something else than {@code before} did, is no real replacement: it cannot
     * fail, is soft, conditional or caught, or only checks that some element exists where a value was checked.
     */
    Optional<String> weakeningAcross(Assertion before, Assertion after, String afterTarget) {
        Optional<String> structural = structural(before, after).or(() -> sizeOnly(before, after))
                .or(() -> orderDropped(before, after)).or(() -> anyOrder(before, after))
                .or(() -> textDropped(before, after, afterTarget));
        if (structural.isPresent()) {
            return structural;
        }
        if (after.strength() <= Assertion.PRESENCE && before.strength() >= Assertion.STATE) {
            return Optional.of("replaces " + before.describe() + " with " + after.describe() + ", which only checks"
                    + " that an element is there");
        }
        // A value or state check traded for another element being visible (a heading, a row, named or not) checks
        // something that held before the behaviour ran, unless the new element is named by the very value the
        // original expected.
        if (before.strength() >= Assertion.STATE && after.strength() < before.strength() && onlyThere(after)
                && !aboutThePage(before) && !namesExpected(afterTarget, before.expected())) {
            return Optional.of("replaces " + before.describe() + " with " + after.describe() + " on another element,"
                    + " which checks less: the value or state the original pinned down is no longer checked");
        }
        return Optional.empty();
    }

    private static final Pattern PAGE_SUBJECT = Pattern.compile("(?i)\\b(url|location|title|getcurrenturl|pathname)\\b");

    /**
     * A check of where the page is (its URL, path or title) rather than of what it shows: trading it for a check of
     * the content is the advice for a redirect or a changed route, not a weakening.
     */
    private static boolean aboutThePage(Assertion a) {
        return a.matcher().equals("haveurl") || a.matcher().equals("havetitle")
                || PAGE_SUBJECT.matcher(a.subject()).find();
    }

    /** A media type or header value received with a parameter after it: {@code type/sub; charset=utf-8}. */
    private static boolean parameterAdded(String expected, String received) {
        return expected.matches("[\\w.+-]+/[\\w.+-]+") && received.matches(Pattern.quote(expected)
                + "\\s*;\\s*[\\w.-]+=\\S.*");
    }

    private static boolean textual(Expected e) {
        return (e.kind() == Expected.Kind.TEXT || e.kind() == Expected.Kind.SUBSTRING || e.kind() == Expected.Kind.REGEX)
                && !e.text().isBlank();
    }

    private static final Pattern COUNT_READ = Pattern.compile("^(?:await )?(.+) \\. count \\( \\)$");

    /**
     * {@code expect(await locator.count()).toBe(1)} traded for a web-first check on the locator itself
     * ({@code toBeVisible()}): Playwright's strict mode fails that check unless exactly one element matches.
     */
    private boolean strictSingle(Assertion before, Assertion after) {
        Matcher m = COUNT_READ.matcher(before.subject().strip());
        return c.framework.isPlaywright() && c.framework != Framework.PLAYWRIGHT_JAVA && m.matches()
                && before.expected().kind() == Expected.Kind.NUMBER && before.expected().text().strip().equals("1")
                && !before.negated() && !after.negated() && m.group(1).strip().equals(after.subject().strip())
                && (VISIBLE.contains(after.matcher()) || after.matcher().equals("havetext")
                || after.matcher().equals("containtext"));
    }

    /** A check that an element is shown or present, whatever it is named. */
    private static boolean onlyThere(Assertion a) {
        return !a.negated() && (VISIBLE.contains(a.matcher()) || ATTACHED.contains(a.matcher()));
    }

    private static boolean namesExpected(String target, Expected expected) {
        return (expected.kind() == Expected.Kind.TEXT || expected.kind() == Expected.Kind.SUBSTRING)
                && !expected.text().isBlank() && target.contains(expected.text());
    }

    private Optional<String> structural(Assertion before, Assertion after) {
        String was = before.describe();
        String now = after.describe();
        if (after.soft() && !before.soft()) {
            return Optional.of("turns " + was + " into a soft assertion: the test no longer stops where the behaviour"
                    + " breaks, which is what the rewrite is after");
        }
        if (conditionals(after.statement()) > conditionals(before.statement())
                || inlineConditionals(after.statement()) > inlineConditionals(before.statement())) {
            return Optional.of("moves " + now + " under a condition: it only runs when the condition holds, so the"
                    + " test passes whenever it does not");
        }
        if (swallowed(after.statement(), proposedUnit) && !swallowed(before.statement(), originalUnit)) {
            return Optional.of("puts " + now + " inside a try whose handler drops the failure: the assertion can no"
                    + " longer fail the test");
        }
        if (after.strength() == Assertion.NEVER_FAILS && before.strength() > Assertion.NEVER_FAILS) {
            return Optional.of(now + " can never fail (it replaced " + was + ")");
        }
        return fieldLoosened(before, after).or(() -> positionDropped(before, after));
    }

    private static final Pattern PICK = Pattern.compile(":first-child|:last-child|:nth-child\\(|:first-of-type"
            + "|:last-of-type|:nth-of-type\\(|\\. (first|last) \\( \\)|\\. nth \\(|\\. eq \\(|\\. first\\b"
            + "|\\. last\\b|\\[ ?[01] ?\\]");
    private static final Pattern POSITION_WORDS = Pattern.compile("(?i)\\b(top|first|last|bottom|head|front"
            + "|position|pinned|latest|newest|oldest|earliest|next in line)\\b");

    /**
     * A check made on the element at a position (the queue's first item) moved to the whole list, in a test about
     * that position ("urgent requests go to the top of the queue"): the item anywhere in the list passes now.
     */
    private Optional<String> positionDropped(Assertion before, Assertion after) {
        boolean inOrder = listPerElement(after) && after.expected().text().strip().startsWith("[");
        if (inOrder || !PICK.matcher(before.subject()).find() || PICK.matcher(after.subject()).find() || before.negated()
                || after.negated() || !(POSITION_WORDS.matcher(titleWords(c.fix.test())).find() || aboutOrder(c.fix.test()))) {
            return Optional.empty();
        }
        return Optional.of("checks " + after.describe() + " on the whole list where " + before.describe() + " checked one"
                + " position, which the test '" + clip(c.fix.test()) + "' is about: the value anywhere in the list"
                + " passes now");
    }

    /** Matchers that check a named property and, given one, its value ({@code have.prop, 'paused', false}). */
    private static final java.util.Set<String> VALUED = java.util.Set.of("haveprop", "haveattr", "haveattribute",
            "havecss", "haveproperty", "havecssproperty", "havedata", "haveelementproperty");

    private static final java.util.Set<String> EQUALITY = java.util.Set.of("equal", "strictequal", "eql", "eq",
            "deepequal", "equals", "assertequals", "isequalto", "containsexactly", "assertiterableequals",
            "assertarrayequals", "be", "assertlinesmatch");
    private static final java.util.Set<String> SIZE = java.util.Set.of("havelength", "havecount", "hassize",
            "beelementsarrayofsize");
    private static final Pattern SIZE_SUBJECT = Pattern.compile(
            "(\\. length|\\. size \\( \\)|\\. count \\( \\)|\\. count)$|^len \\(");

    /**
     * A list's contents checked, then only its size: {@code toEqual([{...}, {...}])} traded for
     * {@code toHaveLength(2)}, {@code assert rows == [...]} for {@code assert len(rows) == 2}. Any two items pass.
     */
    private static Optional<String> sizeOnly(Assertion before, Assertion after) {
        boolean contents = EQUALITY.contains(before.matcher()) && !before.negated() && listed(before.expected());
        boolean size = !after.negated() && after.expected().kind() == Expected.Kind.NUMBER
                && (SIZE.contains(after.matcher())
                || EQUALITY.contains(after.matcher()) && SIZE_SUBJECT.matcher(after.subject().strip()).find());
        if (contents && size) {
            return Optional.of("replaces " + before.describe() + " with " + after.describe() + ": it checks how many"
                    + " there are, no longer which: any " + after.expected().text() + " items pass");
        }
        return Optional.empty();
    }

    private static boolean listed(Expected expected) {
        String text = expected.text().strip();
        return (expected.kind() == Expected.Kind.SET && expected.values().size() > 1)
                || expected.kind() == Expected.Kind.OTHER && (text.startsWith("[") || text.startsWith("List . of")
                || text.startsWith("Arrays . asList") || text.startsWith("("))
                && !text.replace(" ", "").matches("\\[]|\\(\\)|List\\.of\\(\\)");
    }

    private static final Pattern SORTED = Pattern.compile(
            "^(sorted \\(|set \\(|new Set \\(|\\[ \\. \\. \\.)|\\. sort \\( \\)|\\. toSorted \\( \\)|\\. sorted \\( \\)");
    /** A title about order: "sorted", "in order", "orders stops by distance"; not "lists the open orders". */
    private static final Pattern ORDER_WORDS = Pattern.compile("(?i)\\b(sort|sorts|sorted|sorting|ordered|ordering"
            + "|reorder\\w*|rank|ranks|ranked|ranking|sequence|ascending|descending|chronological\\w*"
            + "|alphabetical\\w*|newest|oldest|earliest|nearest|closest)\\b|\\bin (\\w+ ){0,2}order\\b"
            + "|\\borders? (\\w+ ){0,2}by\\b|\\bby (distance|date|time|priority|price|name|rank|score)\\b");

    /**
     * An ordered comparison made blind to order by sorting (or turning into sets) what is compared, in a test whose
     * title is about order: the unordered list the test was written to catch passes.
     */
    private Optional<String> orderDropped(Assertion before, Assertion after) {
        if (!EQUALITY.contains(before.matcher()) || !EQUALITY.contains(after.matcher())
                || SORTED.matcher(before.subject().strip()).find() || !SORTED.matcher(after.subject().strip()).find()
                || !ORDER_WORDS.matcher(titleWords(c.fix.test())).find()) {
            return Optional.empty();
        }
        return Optional.of("compares " + after.describe() + " where " + before.describe() + " compared in order: the"
                + " order, which the test '" + clip(c.fix.test()) + "' is about, is no longer checked");
    }

    private static final Pattern KEYED_TEXT = Pattern.compile("(\\w+) : \"([^\"]{3,})\"");

    /**
     * A field whose expected value the test's title names ({@code type: 'underperformance'} in "raises an
     * underperformance alert") given another value ({@code type: 'inverter_offline'}): the test no longer checks
     * what it is named for.
     */
    private Optional<String> titleValueReplaced(String was, String now) {
        java.util.Map<String, String> before = keyedTexts(was);
        java.util.Map<String, String> after = keyedTexts(now);
        String title = titleWords(c.fix.test());
        for (java.util.Map.Entry<String, String> e : before.entrySet()) {
            String then = e.getValue();
            String later = after.get(e.getKey());
            if (later == null || later.equals(then)) {
                continue;
            }
            String words = titleWords(then).strip();
            if (words.length() >= 4 && title.contains(words) && !title.contains(titleWords(later).strip())) {
                return Optional.of("expects " + e.getKey() + " '" + later + "' where it expected '" + then + "', which"
                        + " the test's title is about: it no longer checks what it is named for");
            }
        }
        return Optional.empty();
    }

    private static java.util.Map<String, String> keyedTexts(String text) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        Matcher m = KEYED_TEXT.matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        return out;
    }

    /** Statuses that say a resource is not there (any more). */
    private static final java.util.Set<String> GONE = java.util.Set.of("404", "410");
    private static final Pattern TEARDOWN = Pattern.compile("(?i)^(after|afterEach|afterAll|after_each|after_all"
            + "|teardown|tearDown|teardown_method|tearDownClass|cleanup|clean_up)$");

    /**
     * A teardown's DELETE that now also accepts "not found": the test may have removed the resource itself, and
     * a clean-up only has to leave it gone. The tests' own checks are untouched.
     */
    private boolean cleanupGone(Expected was, Expected now) {
        boolean teardown = proposedUnit.kind() == Unit.Kind.HOOK && TEARDOWN.matcher(proposedUnit.title()).matches();
        boolean deletes = proposedUnit.statements().stream().anyMatch(st -> Call.all(st).stream()
                .anyMatch(call -> call.name().equalsIgnoreCase("delete") || call.name().equals("del")));
        java.util.Set<String> extra = new java.util.HashSet<>(now.values());
        extra.remove(was.text());
        return teardown && deletes && !extra.isEmpty() && GONE.containsAll(extra);
    }

    /**
     * The literal a named constant holds ({@code ADULT_DAY} for {@code const ADULT_DAY = 'CHF 79.00'}), so that a
     * check of the constant compares by its value; the expected value itself otherwise.
     */
    private static Expected literalOf(Expected expected, java.util.Map<String, Names.Value> names) {
        if (expected.kind() != Expected.Kind.OTHER || !expected.text().matches("[A-Za-z_$][\\w$]*")) {
            return expected;
        }
        Names.Value value = names.get(expected.text());
        if (value == null) {
            return expected;
        }
        Statement s = value.statement();
        boolean single = s.size() - value.from() >= 1 && s.get(value.from()).isText()
                && (s.size() == value.from() + 1 || s.is(value.from() + 1, ";"));
        return single ? Expected.text(s.get(value.from()).value()) : expected;
    }

    /** Matchers that compare a list as a bag ({@code arrayContaining}, {@code have.members}, ...). */
    private static final Pattern ANY_ORDER = Pattern.compile("\\b(arrayContaining|containsInAnyOrder"
            + "|containsExactlyInAnyOrder|containsAll|containsOnly|assertCountEqual|sameMembers|have \\. members"
            + "|include \\. members|members|Counter)\\b");
    /** Of those, the ones that also let extra items pass. */
    private static final Pattern EXTRAS_PASS = Pattern.compile("\\b(arrayContaining|containsAll|include \\. members)\\b");

    /**
     * A list compared in order traded for a comparison in any order ({@code toEqual(expect.arrayContaining([...]))}):
     * a weakening in a test about order, and wherever extra items now pass unnoticed (no size check beside it).
     */
    private Optional<String> anyOrder(Assertion before, Assertion after) {
        String was = before.statement().toString();
        String now = after.statement().toString();
        if (!EQUALITY.contains(before.matcher()) || !listed(before.expected()) && !was.contains("[")
                || ANY_ORDER.matcher(was).find() || !ANY_ORDER.matcher(now).find()) {
            return Optional.empty();
        }
        if (ORDER_WORDS.matcher(titleWords(c.fix.test())).find()) {
            return Optional.of("replaces " + before.describe() + " with " + after.describe() + ", which ignores the"
                    + " order the test '" + clip(c.fix.test()) + "' is about");
        }
        boolean sized = c.failingProposed.map(unit -> unit.body().stream().flatMap(st -> Assertions.in(st,
                c.framework.language()).stream()).anyMatch(a -> a.subject().equals(after.subject())
                && (SIZE.contains(a.matcher()) || a.matcher().equals("havelength")))).orElse(false);
        if (EXTRAS_PASS.matcher(now).find() && !sized) {
            return Optional.of("replaces " + before.describe() + " with " + after.describe() + ": items in any order"
                    + " and any extra ones pass now");
        }
        return Optional.empty();
    }

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'|`([^`]*)`");

    /**
     * A lookup by text turned into one without: {@code cy.contains('[data-cy=notice]', 'Swap requested')} checked
     * that the notice says it; {@code cy.get('[data-cy=notice]').should('exist')} passes for any notice, an error
     * included.
     */
    private static Optional<String> textDropped(Assertion before, Assertion after, String afterTarget) {
        if (after.strength() > Assertion.PRESENCE || after.negated() || before.negated()) {
            return Optional.empty();
        }
        List<String> was = prose(before.subject());
        // the new subject as the proposal resolves it too: a local holding a locator named by a template; a bare
        // name left unresolved (a local inside a helper function) may hold any locator, so nothing is claimed
        boolean unresolved = afterTarget.strip().matches("[A-Za-z_$][\\w$]*");
        if (was.isEmpty() || unresolved || !prose(after.subject()).isEmpty() || !prose(afterTarget).isEmpty()
                || after.expected().kind() != Expected.Kind.NONE) {
            return Optional.empty();
        }
        return Optional.of("replaces " + before.describe() + " with " + after.describe() + ": the text '"
                + clip(was.get(0)) + "' is no longer looked for, so the element passes whatever it says");
    }

    private static final Pattern LITERAL_FIELD = Pattern.compile("(\\w+) : (\"[^\"]*\"|'[^']*'|-?\\d[\\d_.]*)(?= [,}\\]])");
    /** Fields the system generates anew each run (ids, times, tokens): matching them by type is the fix. */
    private static final java.util.Set<String> GENERATED_FIELD = java.util.Set.of("id", "uuid", "guid", "key",
            "token", "at", "on", "date", "time", "timestamp", "stamp", "created", "updated", "expires", "expiry",
            "nonce", "etag", "version", "ref", "reference", "number", "no", "url", "link", "path", "hash", "seed",
            "session");

    /** Whether the field's last word ({@code createdAt}: at, {@code order_id}: id) names a generated value. */
    private static boolean generated(String field) {
        String[] words = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').strip().split(" +");
        return GENERATED_FIELD.contains(words[words.length - 1].toLowerCase(java.util.Locale.ROOT));
    }
    private static final Pattern TYPED_FIELD = Pattern.compile("(\\w+) : expect \\. (any|anything) \\(");

    /**
     * Fields an object match pinned to values, now matched by type only ({@code insuranceCents: 62000} to
     * {@code insuranceCents: expect.any(Number)}): any amount passes, the wrong one the test caught included.
     */
    private static Optional<String> fieldsTyped(Assertion before, Assertion after) {
        if (before.negated() || after.negated() || before.expected().kind() != Expected.Kind.OTHER) {
            return Optional.empty();
        }
        java.util.Set<String> pinned = new java.util.HashSet<>();
        Matcher literal = LITERAL_FIELD.matcher(before.expected().text());
        while (literal.find()) {
            pinned.add(literal.group(1));
        }
        List<String> loosened = new java.util.ArrayList<>();
        Matcher typed = TYPED_FIELD.matcher(after.expected().text());
        while (typed.find()) {
            if (pinned.contains(typed.group(1)) && !generated(typed.group(1))) {
                loosened.add(typed.group(1));
            }
        }
        if (loosened.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("matches " + String.join(", ", loosened) + " only by type (" + clip(after.describe())
                + ") where the original pinned " + (loosened.size() == 1 ? "its value" : "their values")
                + ": any value passes, the wrong one the test caught included");
    }

    private static final Pattern ANY_VALUE = Pattern.compile("expect \\. (any|anything) \\(|\\bany\\b \\(|\\bANY\\b");

    /**
     * A field's exact value traded for an object match that only asks for its type: {@code
     * expect(res.body.status).toBe('submitted')} to {@code expect(res.body).toMatchObject({ status: expect.any(String)
     * })}; any status passes now.
     */
    private static Optional<String> fieldLoosened(Assertion before, Assertion after) {
        String field = before.subject().strip();
        String holder = after.subject().strip();
        if (before.negated() || after.negated() || before.strength() < Assertion.PARTIAL
                || !field.startsWith(holder + " . ")) {
            return Optional.empty();
        }
        String key = field.substring(holder.length() + 3).split(" ")[0];
        Matcher value = Pattern.compile("(?:^|[{,] )['\"]?" + Pattern.quote(key) + "['\"]? : (.*?)(?= [,}]|$)")
                .matcher(after.expected().text());
        if (!value.find() || !ANY_VALUE.matcher(value.group(1)).find()) {
            return Optional.empty();
        }
        return Optional.of("replaces " + before.describe() + " with " + after.describe() + ": " + key
                + " is only checked to be of a type now, so any value passes where the original pinned it");
    }

    /** The literals of a locator that read as text a user sees, not as selector syntax. */
    private static List<String> prose(String subject) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = QUOTED.matcher(subject);
        while (m.find()) {
            String text = (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3))
                    .replaceAll("\\$\\{[^}]*}", "x"); // a template's fixed parts are its text
            if (text.matches(".*[A-Za-z].*") && !text.matches(".*[\\[\\]#=>:/.()*^$@].*")
                    && !text.matches("[a-z0-9_-]+")) {
                out.add(text);
            }
        }
        return out;
    }

    /** Whether a test's title is about order ("returns the pairings in seed order", "sorted by date"). */
    static boolean aboutOrder(String title) {
        return ORDER_WORDS.matcher(titleWords(title)).find();
    }

    /** A test's title as words: {@code test_orders_stops} and {@code ordersStopsByDistance} read as prose. */
    static String titleWords(String title) {
        return title.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("[_.\\-]+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /** A decision from the values alone: weaker (with why) or fine; empty when the values do not decide. */
    private record Verdict(Optional<String> reason) {
        static Verdict fine() {
            return new Verdict(Optional.empty());
        }

        static Verdict weaker(String why) {
            return new Verdict(Optional.of(why));
        }
    }

    private Optional<Verdict> value(Assertion before, Assertion after) {
        return compareValues(withLiteral(before, c.originalNames()), withLiteral(after, c.proposedNames()));
    }

    /** The assertion with the literal its named expected value holds, if it holds one. */
    private static Assertion withLiteral(Assertion a, java.util.Map<String, Names.Value> names) {
        Expected e = literalOf(a.expected(), names);
        return e == a.expected() ? a : new Assertion(a.statement(), a.subject(), a.matcher(), e, a.negated(), a.soft(),
                Assertion.strength(a.matcher(), e, a.negated(), a.subject()), a.written());
    }

    private Optional<Verdict> compareValues(Assertion before, Assertion after) {
        Expected was = before.expected();
        Expected now = after.expected();
        if (now.kind() == Expected.Kind.ANY && was.kind() != Expected.Kind.ANY) {
            return Optional.of(Verdict.weaker("accepts anything (" + after.describe() + ") where " + before.describe()
                    + " was required"));
        }
        if (was.kind() == Expected.Kind.TEXT && now.kind() == Expected.Kind.REGEX && before.strength() >= Assertion.STATE) {
            return Optional.of(textToPattern(before.matcher(), was.text(), now.regex().get(), after.describe()));
        }
        if (was.kind() == Expected.Kind.TEXT && now.kind() == Expected.Kind.REGEX && before.strength() == Assertion.PARTIAL) {
            // a fragment looked for (a URL's path) turned into a pattern: judged by what it lets through
            Optional<String> received = c.failure.received();
            Optional<Verdict> admitted = received.filter(r -> now.regex().get().matches(r).orElse(false))
                    .flatMap(r -> receivedAdmitted(was.text(), r, now.regex().get(), after.describe()));
            if (admitted.isPresent()) {
                return admitted;
            }
            boolean sentence = was.text().strip().split("\\s+").length >= SENTENCE_WORDS;
            if (sentence && now.regex().get().retention(was.text()) < MIN_RETENTION) {
                return Optional.of(Verdict.weaker("cuts the text looked for, '" + clip(was.text()) + "', to "
                        + after.describe() + ", which keeps only '" + clip(now.regex().get().literal().strip())
                        + "' of it: any message with those words passes"
                        + received.filter(r -> now.regex().get().matches(r).orElse(false))
                        .map(r -> ", the received '" + clip(r) + "' included").orElse("")));
            }
            return Optional.empty();
        }
        if (was.kind() == Expected.Kind.TEXT && (now.kind() == Expected.Kind.TEXT || now.kind() == Expected.Kind.SUBSTRING)
                && before.strength() >= Assertion.STATE) {
            return textToText(before, after);
        }
        if (was.kind() == Expected.Kind.TEXT && now.kind() == Expected.Kind.TEXT && before.strength() == Assertion.PARTIAL
                && after.strength() == Assertion.PARTIAL) {
            return Optional.of(fragmentCut(was.text(), now.text()));
        }
        if (was.kind() == Expected.Kind.TEXT && now.kind() == Expected.Kind.SET && now.values().size() > 1
                && now.values().contains(was.text()) && !listPerElement(after)) {
            return Optional.of(Verdict.weaker("accepts any of " + now.values() + " where '" + clip(was.text()) + "' was"
                    + " required: the other state passes too"
                    + c.failure.received().filter(now.values()::contains).map(r -> ", the received '" + clip(r)
                    + "' included").orElse("")));
        }
        if (was.kind() == Expected.Kind.REGEX && now.kind() == Expected.Kind.REGEX) {
            return Optional.of(patternLoosened(was.regex().get(), now.regex().get(), after.describe()));
        }
        if (was.kind() == Expected.Kind.NUMBER && now.kind() == Expected.Kind.SET && cleanupGone(was, now)) {
            return Optional.of(Verdict.fine());
        }
        if (was.kind() == Expected.Kind.NUMBER && now.kind() == Expected.Kind.SET && now.values().size() > 1
                && !listPerElement(after)) {
            return Optional.of(Verdict.weaker("accepts any of " + now.values() + " where " + was.text() + " was"
                    + " required" + (serverError(now.values()) ? ", a server error included" : "")));
        }
        if (was.kind() == Expected.Kind.SET && now.kind() == Expected.Kind.SET && !listPerElement(after)
                && now.values().containsAll(was.values()) && now.values().size() > was.values().size()) {
            return Optional.of(Verdict.weaker("widens the accepted values from " + was.values() + " to "
                    + now.values()));
        }
        if (was.kind() == Expected.Kind.OTHER && now.kind() == Expected.Kind.OTHER) {
            java.util.Set<String> keysBefore = ObjectKeys.of(was.text());
            java.util.Set<String> keysAfter = ObjectKeys.of(now.text());
            if (!keysBefore.isEmpty() && keysBefore.containsAll(keysAfter) && keysAfter.size() < keysBefore.size()) {
                java.util.Set<String> dropped = new java.util.TreeSet<>(keysBefore);
                dropped.removeAll(keysAfter);
                return Optional.of(Verdict.weaker(keysAfter.isEmpty() ? "checks no fields at all" : "checks fewer fields: "
                        + String.join(", ", dropped) + " no longer checked"));
            }
            Optional<String> named = titleValueReplaced(was.text(), now.text());
            if (named.isPresent()) {
                return Optional.of(Verdict.weaker(named.get()));
            }
        }
        if (was.kind() == Expected.Kind.NUMBER && now.kind() == Expected.Kind.NUMBER
                && before.matcher().equals(after.matcher()) && before.negated() == after.negated()) {
            Optional<String> inverted = refusalTurnedSuccess(before, was.text(), now.text());
            if (inverted.isPresent()) {
                return Optional.of(Verdict.weaker(inverted.get()));
            }
            Optional<String> zero = receivedAdopted(was.text(), now.text());
            if (zero.isPresent()) {
                return Optional.of(Verdict.weaker(zero.get()));
            }
            if (countAdopted(before, was.text(), now.text())) {
                return Optional.of(Verdict.weaker("copies the received count " + now.text() + " over the expected "
                        + was.text() + ": the test now expects what the app did, and nothing in the failure says the"
                        + " product changed (leftover or leaking data reads the same)"));
            }
            return Optional.of(Verdict.fine()); // an updated status: the reviewer judges the number
        }
        return Optional.empty();
    }

    /**
     * A pattern replaced by a looser one that lets the received value pass, by dropping what pinned it down: its
     * anchors, its digit classes, part of its literal text ({@code /\/berths\/allocations\/\d+$/} to
     * {@code /allocations/}).
     */
    private Verdict patternLoosened(RegexShape was, RegexShape now, String described) {
        Optional<String> received = c.failure.received();
        if (received.isEmpty() || was.matches(received.get()).orElse(true) || !now.matches(received.get()).orElse(false)) {
            return Verdict.fine();
        }
        for (java.util.Map.Entry<String, String> choice : now.groupChoices().entrySet()) {
            RegexShape alone = RegexShape.of(choice.getValue(), now.caseInsensitive() ? "i" : "");
            if (alone.matches(received.get()).orElse(false)) {
                return Verdict.weaker("adds the choice '" + clip(choice.getKey()) + "' in " + described + ": it lets the"
                        + " received '" + clip(received.get()) + "' pass, the very value the test caught");
            }
        }
        String before = was.literal().strip();
        String after = now.literal().strip();
        boolean literalCut = !after.equals(before) && (before.contains(after) || now.caseInsensitive()
                && before.toLowerCase(java.util.Locale.ROOT).contains(after.toLowerCase(java.util.Locale.ROOT)));
        boolean unpinned = was.anchored() && !now.anchored() || was.digits() && !now.digits()
                || was.pattern().endsWith("$") && !now.pattern().endsWith("$");
        if (literalCut && unpinned || now.catchAll()) {
            return Verdict.weaker("loosens the pattern to " + described + ", which keeps only '" + clip(after)
                    + "' of it: the received '" + clip(received.get()) + "' the test caught passes now");
        }
        return Verdict.fine();
    }

    /**
     * Playwright's {@code toHaveText([...])} and {@code toContainText([...])} check one text per element, in order:
     * a list there is more to match, not a choice (WebdriverIO's arrays are a choice).
     */
    private boolean listPerElement(Assertion after) {
        return c.framework.isPlaywright() && (after.matcher().equals("havetext") || after.matcher().equals("containtext"));
    }

    /** An exact text replaced by a pattern: fine when the pattern keeps the text's substance and format. */
    private Verdict textToPattern(String matcher, String text, RegexShape regex, String now) {
        String compared = matcher.equals("haveurl") ? text.replaceFirst("^[a-z]+://[^/]+", "") : text;
        if (regex.catchAll()) {
            return Verdict.weaker("replaces the exact '" + clip(text) + "' with the catch-all " + now);
        }
        Optional<String> received = c.failure.received();
        if (regex.caseInsensitive() && received.isPresent() && received.get().equalsIgnoreCase(text)
                && !received.get().equals(text)) {
            return Verdict.weaker("makes the check case-blind (" + now + ") so the received '" + received.get()
                    + "' passes where '" + text + "' was expected: a case difference is usually the bug");
        }
        if (received.isPresent() && parameterAdded(text, received.get()) && regex.literal().contains(text)) {
            return Verdict.fine(); // 'application/pdf' sent as 'application/pdf; charset=binary': the same type
        }
        if (received.isPresent() && !received.get().equals(text) && regex.matches(received.get()).orElse(false)
                && regex.languageSize() <= NARROW_LANGUAGE) {
            return Verdict.weaker("replaces '" + clip(text) + "' with " + now + ", which allows only a few values and"
                    + " one of them is the received '" + clip(received.get()) + "' the test rejected");
        }
        if (received.isPresent() && !received.get().equals(text) && regex.matches(received.get()).orElse(false)) {
            Optional<Verdict> admitted = receivedAdmitted(text, received.get(), regex, now);
            if (admitted.isPresent()) {
                return admitted.get();
            }
        }
        if (received.isPresent() && regex.matches(received.get()).orElse(false)) {
            Optional<String> count = ReceivedCount.differing(text, received.get());
            if (count.isPresent()) {
                return Verdict.weaker("replaces '" + clip(text) + "' with " + now + ", which lets its number vary: the"
                        + " received '" + clip(received.get()) + "' passes, though " + count.get() + " is the very"
                        + " count the test checks");
            }
        }
        if (regex.retention(compared) < MIN_RETENTION) {
            return Verdict.weaker("replaces the exact '" + clip(text) + "' with " + now + ", which keeps only '"
                    + clip(regex.literal().strip()) + "' of it and so passes for unrelated text");
        }
        if (hasDigits(compared) && !regex.digits() && !keepsDigits(regex.literal(), compared)) {
            return Verdict.weaker("replaces '" + clip(text) + "' with " + now + ", which drops its number: any"
                    + " count or amount now passes");
        }
        if (MONEY.matcher(text).find() && regex.matches(text).orElse(false)
                && regex.matches(otherAmount(text)).orElse(false)) {
            return Verdict.weaker("replaces the amount '" + clip(text) + "' with " + now + ", which lets it vary ('"
                    + clip(otherAmount(text)) + "' passes too): a price the app computes is the behaviour under test,"
                    + " not a dynamic value");
        }
        return Verdict.fine();
    }

    /** An amount with its currency: the digits {@link #otherAmount} moves. */
    private static final Pattern AMOUNT = Pattern.compile("(?:[£$€¥₹]|\\b(?:USD|EUR|GBP|CHF|NOK|SEK|DKK|kr))\\s?\\d[\\d,.]*"
            + "|\\d[\\d,.]*\\s?(?:[£$€¥₹]|(?:USD|EUR|GBP|CHF|NOK|SEK|DKK|kr)\\b)");

    /** The text with each digit of its amounts moved by one ({@code 1 item · CHF 79.00} to {@code 1 item · CHF 80.11}). */
    private static String otherAmount(String text) {
        Matcher m = AMOUNT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder moved = new StringBuilder();
            for (char ch : m.group().toCharArray()) {
                moved.append(Character.isDigit(ch) ? (char) ('0' + (ch - '0' + 1) % 10) : ch);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(moved.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An amount of money: a currency sign or code beside a number. */
    private static final Pattern MONEY = Pattern.compile("[£$€¥₹]\\s?\\d|\\d\\s?[£$€¥₹]|\\b(USD|EUR|GBP|CHF|NOK|SEK|DKK|kr)\\b");

    /**
     * A pattern that lets the received value the test rejected pass, by a shape that only serves that: an
     * alternative added for it, a number pinned in part ({@code £8\d\.\d0} for {@code £84.00}), or an amount of
     * money let vary (a computed price is not a dynamic value such as an id or a time).
     */
    private static Optional<Verdict> receivedAdmitted(String text, String received, RegexShape regex, String now) {
        if (regex.alternatives() > 1) {
            for (String alternative : regex.topLevelAlternatives()) {
                RegexShape alone = RegexShape.of(alternative, regex.caseInsensitive() ? "i" : "");
                if (alone.matches(received).orElse(false) && !alone.matches(text).orElse(true)) {
                    return Optional.of(Verdict.weaker("adds the alternative /" + clip(alternative) + "/ to " + now
                            + ": it lets the received '" + clip(received) + "' pass, the very value the test caught"));
                }
            }
        }
        for (java.util.Map.Entry<String, String> choice : regex.groupChoices().entrySet()) {
            RegexShape alone = RegexShape.of(choice.getValue(), regex.caseInsensitive() ? "i" : "");
            if (alone.matches(received).orElse(false) && !alone.matches(text).orElse(true)) {
                return Optional.of(Verdict.weaker("adds the choice '" + clip(choice.getKey()) + "' in " + now
                        + ": it lets the received '" + clip(received) + "' pass, the very value the test caught"));
            }
        }
        boolean numbersDiffer = !text.equals(received) && DIGIT.matcher(text).replaceAll("#")
                .equals(DIGIT.matcher(received).replaceAll("#"));
        if (numbersDiffer && regex.pinsPartOfANumber()) {
            return Optional.of(Verdict.weaker("replaces '" + clip(text) + "' with " + now + ", which keeps some digits"
                    + " and lets the others vary: a range of values, the received '" + clip(received) + "' included,"
                    + " instead of the one expected"));
        }
        if (numbersDiffer && MONEY.matcher(text).find()) {
            return Optional.of(Verdict.weaker("replaces the amount '" + clip(text) + "' with " + now + ": any amount"
                    + " passes, the received '" + clip(received) + "' included; a price the app computes is the"
                    + " behaviour under test, not a dynamic value"));
        }
        return Optional.empty();
    }

    private static final Pattern DIGIT = Pattern.compile("\\d");

    private Optional<Verdict> textToText(Assertion before, Assertion after) {
        String was = before.expected().text();
        String now = after.expected().text();
        Optional<String> received = c.failure.received();
        Optional<String> zero = receivedAdopted(was, now);
        if (zero.isPresent()) {
            return Optional.of(Verdict.weaker(zero.get()));
        }
        boolean adopted = now.equals(received.orElse(null)); // the received value written over the expected one
        Optional<String> count = adopted && !ReceivedCount.measured(before.subject())
                && !ReceivedCount.measuredDifference(was, now) ? ReceivedCount.differing(was, now) : Optional.empty();
        if (count.isPresent() && !PRODUCT_CHANGE.matcher(c.fix.failure()).find()) {
            return Optional.of(Verdict.weaker("copies the received '" + clip(now) + "' over the expected '" + clip(was)
                    + "': only its count " + count.get() + " differs, so the test now"
                    + " expects the count the app gave, and nothing in the failure says the product changed"));
        }
        Optional<String> amount = adopted ? AdoptedAmount.why(c.fix.test(), was, now) : Optional.empty();
        if (amount.isPresent()) {
            return Optional.of(Verdict.weaker("copies the received '" + clip(now) + "' over the expected '" + clip(was)
                    + "': " + amount.get()));
        }
        if (adopted && BROKEN_RENDERING.matcher(now).find()
                && !BROKEN_RENDERING.matcher(was).find()) {
            return Optional.of(Verdict.weaker("copies the received '" + clip(now) + "' over the expected '" + clip(was)
                    + "': it shows the page rendering a missing value (undefined, NaN, null, [object Object]), so the"
                    + " test now asserts the bug it caught"));
        }
        if (adopted && REFUSAL.matcher(now).find() && !REFUSAL.matcher(was).find()) {
            return Optional.of(Verdict.weaker("copies the received '" + clip(now) + "' over the expected '" + clip(was)
                    + "': it reads as the app refusing or failing, so the test now passes when the action fails"));
        }
        if (adopted && now.equalsIgnoreCase(was) && !now.equals(was)) {
            return Optional.of(Verdict.weaker("copies the received '" + now + "' over the expected '" + was
                    + "': they differ only in case, which is usually the bug the test caught"));
        }
        boolean partial = after.strength() <= Assertion.PARTIAL && before.strength() > Assertion.PARTIAL;
        if (!partial) {
            return Optional.of(Verdict.fine());
        }
        if (now.isBlank()) {
            return Optional.of(Verdict.weaker(after.describe() + " matches any text"));
        }
        if (was.contains(now) && !was.equals(now)) {
            return Optional.of(Verdict.weaker("cuts the expected '" + clip(was) + "' down to '" + clip(now) + "' ("
                    + after.describe() + "): the dropped part is no longer checked"));
        }
        return Optional.of(now.length() >= was.length() ? Verdict.fine()
                : Verdict.weaker("replaces " + before.describe() + " with the looser " + after.describe()));
    }

    /**
     * A text looked for inside an element cut down to a fragment of itself ({@code "PL-03 en route"} to
     * {@code "PL-03"}): the dropped words were the part under test (the state the action should reach) and what is
     * left also holds before the action.
     */
    private static Verdict fragmentCut(String was, String now) {
        if (now.isBlank() || !was.contains(now) || was.equals(now)) {
            return Verdict.fine();
        }
        return Verdict.weaker("cuts the text looked for from '" + clip(was) + "' down to '" + clip(now) + "': '"
                + clip(dropped(was, now)) + "' is no longer checked");
    }

    /** What cutting {@code now} out of {@code was} leaves, trimmed. */
    private static String dropped(String was, String now) {
        int at = was.indexOf(now);
        return (was.substring(0, at) + " " + was.substring(at + now.length())).strip();
    }

    /** What a page shows when a template reads a value that is not there. */
    private static final Pattern BROKEN_RENDERING = Pattern.compile("\\b(undefined|NaN|null)\\b|\\[object Object\\]"
            + "|Invalid Date|\\{\\{\\s*\\w+");
    /** Words with which an app says an action failed or was refused. */
    private static final Pattern REFUSAL = Pattern.compile("(?i)\\b(error|errors|failed|failure|cannot|can't|could not"
            + "|couldn't|unable|invalid|not allowed|not permitted|denied|forbidden|already|expired|unavailable"
            + "|went wrong|try again|refused|rejected|no longer|not found|too many|exceeded|is full|sold out)\\b");

    private static final Pattern STATUS_SUBJECT = Pattern.compile("(?i)status");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    /**
     * An HTTP status the test expected as a refusal (4xx) turned into a success (2xx): the test no longer checks
     * that the request is refused, it checks the opposite. A changed success code (201 to 200) stays the
     * reviewer's call.
     */
    private static Optional<String> refusalTurnedSuccess(Assertion before, String was, String now) {
        if (!STATUS_SUBJECT.matcher(before.subject() + " " + before.matcher()).find()) {
            return Optional.empty();
        }
        try {
            int from = Integer.parseInt(Numbers.canonical(was));
            int to = Integer.parseInt(Numbers.canonical(now));
            if (from >= 400 && from < 500 && to >= 200 && to < 300) {
                return Optional.of("turns the expected refusal (status " + from + ") into a success (" + to + "):"
                        + " the test now checks the opposite of what it did, so the request it guarded against passes");
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The received value copied over the expected one when it is a zero where the original expected an amount or
     * count: nothing computed or loaded is the usual bug behind a zero, so adopting it turns the bug into the spec.
     */
    private Optional<String> receivedAdopted(String was, String now) {
        Optional<String> received = c.failure.received();
        if (received.isEmpty() || was.equals(now) || !sameValue(now, received.get())) {
            return Optional.empty();
        }
        if (allZero(now) && hasNumber(was) && !allZero(was)) {
            return Optional.of("copies the received '" + clip(now) + "' over the expected '" + clip(was) + "': a"
                    + " zero where a value was expected is usually the bug (nothing computed or loaded), not a"
                    + " change of the product");
        }
        return ActionQuantity.undone(was, now, c.fix.test(), typedNumbers())
                .map(quantity -> "copies the received '" + clip(now) + "' over the expected '" + clip(was) + "': they"
                        + " differ by exactly " + quantity + ", so the received value is what there was before the"
                        + " action: the test caught the action not happening, and now expects that");
    }

    /** Words with which a failure says the product changed on purpose, so a new count may be the spec. */
    private static final Pattern PRODUCT_CHANGE = Pattern.compile("(?i)changelog|release note|product note"
            + "|\\bnow (shows|lists|returns|has|includes)\\b|by design|deliberate|\\bPR\\b|pull request|migration|seed data"
            + "|fixture (now|was updated)");

    /** The received count (not a status) written back as the expected one, with no word of a product change. */
    private boolean countAdopted(Assertion before, String was, String now) {
        boolean status = STATUS_SUBJECT.matcher(before.subject() + " " + before.matcher()).find()
                || before.matcher().equals("status");
        return !status && !ReceivedCount.measured(before.subject()) && !differenceAccounted(was, now)
                && c.failure.received().filter(r -> sameValue(now, r)).isPresent() && !was.equals(now)
                && !PRODUCT_CHANGE.matcher(c.fix.failure()).find();
    }

    /**
     * Whether the proposal adds a check of the difference itself (14 expected, 13 received: a new check that one
     * row is held): the fix accounts for the item the count lost instead of only copying the count.
     */
    private boolean differenceAccounted(String was, String now) {
        java.util.OptionalDouble a = Numbers.value(was);
        java.util.OptionalDouble b = Numbers.value(now);
        if (a.isEmpty() || b.isEmpty() || a.getAsDouble() == b.getAsDouble()) {
            return false;
        }
        double difference = Math.abs(a.getAsDouble() - b.getAsDouble());
        return proposedUnit.body().stream().flatMap(st -> Assertions.in(st, c.language()).stream())
                .filter(x -> !x.negated() && !c.fix.original().contains(x.written()))
                .anyMatch(x -> x.expected().number().isPresent() && x.expected().number().getAsDouble() == difference);
    }

    /** Numbers the failing test types into the page ({@code fill('2')}): quantities its actions move. */
    private List<String> typedNumbers() {
        List<String> typed = new java.util.ArrayList<>();
        c.failingProposed.ifPresent(unit -> unit.body().forEach(statement -> Call.all(statement).stream()
                .filter(call -> ActionQuantity.INPUT_CALLS.contains(call.name()) && !call.args().isEmpty())
                .forEach(call -> call.args().get(call.args().size() - 1).text().ifPresent(typed::add))));
        return typed;
    }

    private static boolean sameValue(String a, String b) {
        return a.strip().equals(b.strip()) || NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()
                && Numbers.canonical(a).equals(Numbers.canonical(b));
    }

    private static boolean hasNumber(String s) {
        return NUMBER.matcher(s).find();
    }

    private static boolean allZero(String s) {
        Matcher m = NUMBER.matcher(s);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!m.group().replaceAll("[.,0]", "").isEmpty()) {
                return false;
            }
        }
        return any;
    }

    /** The locator of the subject made wider: {@code .or(...)}, or a text argument turned into a broad pattern. */
    private Optional<String> widerLocator(String before, String after) {
        if (after.matches(".* \\. or_? \\(.*") && !before.matches(".* \\. or_? \\(.*")) {
            return Optional.of("widens the asserted locator with .or(...): the assertion now passes on another element"
                    + " as well");
        }
        List<String[]> was = locatorTexts(before);
        List<String[]> now = locatorTexts(after);
        for (String[] w : was) {
            for (String[] n : now) {
                if (w[0].equals(n[0]) && w[2].equals("text") && n[2].equals("regex")) {
                    RegexShape shape = RegexShape.of(n[1], n[3]);
                    Verdict v = textToPattern("", w[1], shape, "/" + n[1] + "/" + n[3]);
                    if (v.reason().isPresent()) {
                        return Optional.of("widens the locator " + w[0] + "('" + clip(w[1]) + "'): "
                                + v.reason().get());
                    }
                    Optional<String> instead = shownInstead(w[1], shape);
                    if (instead.isPresent()) {
                        return Optional.of("widens the locator " + w[0] + "('" + clip(w[1]) + "') to /" + n[1] + "/,"
                                + " which also matches '" + clip(instead.get()) + "', what the page shows instead: the"
                                + " wrong element passes");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A name the page snapshot shows (in the failure, or given with the proposal) that a widened locator pattern
     * matches besides the name the test looked for: the element the test failed on, now accepted.
     */
    private Optional<String> shownInstead(String wanted, RegexShape pattern) {
        if (!pattern.matches(wanted).orElse(false)) {
            return Optional.empty();
        }
        PageSnapshot page = new PageSnapshot(c.fix.pageSnapshot().orElse("") + "\n" + c.fix.failure());
        String lower = wanted.strip().toLowerCase(java.util.Locale.ROOT);
        // a name the original already matched (Playwright matches names as case-blind substrings) is no widening
        return page.names().stream().filter(name -> !name.toLowerCase(java.util.Locale.ROOT).contains(lower)
                        && name.length() <= 80)
                .filter(name -> pattern.matches(name).orElse(false)).findFirst();
    }

    /** [call, value, text|regex, flags] for each call with a literal first argument in a subject. */
    private List<String[]> locatorTexts(String subject) {
        List<String[]> out = new ArrayList<>();
        Statement s = new Statement(Lexer.tokenize(subject.isBlank() ? "_" : subject, Language.JAVASCRIPT),
                List.of(), null);
        for (Call call : Call.all(s)) {
            // getByRole('heading', { name: 'Lane 7' }): the name option is what names the element
            for (int i = call.open() + 1; i + 2 < call.close(); i++) {
                if (s.get(i).is("name") && (s.is(i + 1, ":") || s.is(i + 1, "="))) {
                    Token t = s.get(i + 2);
                    if (t.kind() == Token.Kind.STRING) {
                        out.add(new String[] {call.name() + ":name", t.value(), "text", ""});
                    } else if (t.kind() == Token.Kind.REGEX) {
                        out.add(new String[] {call.name() + ":name", t.value(), "regex", t.flags()});
                    }
                }
            }
            call.arg(0).filter(Call.Arg::single).ifPresent(a -> {
                Token t = a.first();
                if (t.kind() == Token.Kind.STRING) {
                    out.add(new String[] {call.name(), t.value(), "text", ""});
                } else if (t.kind() == Token.Kind.REGEX) {
                    out.add(new String[] {call.name(), t.value(), "regex", t.flags()});
                }
            });
        }
        return out;
    }

    /**
     * {@code if}s written inside the statement itself: a JavaScript callback ({@code cy.get('body').then(($b) =>
     * { if (...) { ... } })}) stays one statement, so a check wrapped in a condition there has no block around it.
     */
    private static int inlineConditionals(Statement s) {
        List<Token> tokens = s.tokens();
        int count = 0;
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord() && tokens.get(i).is("if") && tokens.get(i + 1).is("(")) {
                count++;
            }
        }
        return count;
    }

    private static int conditionals(Statement s) {
        return (int) s.context().stream().filter(Block::conditional).count();
    }

    /** Whether the statement sits in a try whose catch handler drops what it catches. */
    private static boolean swallowed(Statement s, Unit unit) {
        for (Block b : s.context()) {
            if (b.kind() != Block.Kind.TRY) {
                continue;
            }
            for (Statement other : unit.body()) {
                Optional<Block> opened = other.opens();
                if (opened.isPresent() && opened.get().group() == b.group() && opened.get().kind() == Block.Kind.CATCH
                        && SwallowRule.inBlock(unit.body(), opened.get()).stream()
                        .noneMatch(SwallowRule::rethrows)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean serverError(List<String> values) {
        return values.stream().anyMatch(v -> v.matches("5\\d\\d"));
    }

    private static boolean hasDigits(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    private static boolean keepsDigits(String literal, String text) {
        String digits = text.replaceAll("\\D+", " ").trim();
        for (String run : digits.split(" ")) {
            if (!run.isEmpty() && literal.contains(run)) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return Snippet.clip(s.replace("\n", " "), 50);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
