package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code assertion-removed} and {@code assertion-weakened}. The assertions of each changed statement are read
 * ({@link Assertions}) and paired with what replaced them: in a modified statement by position, otherwise by what
 * they check (the same element or value after resolving local names) and then by place (the same stretch of
 * changes). A paired assertion is compared semantically ({@link AssertionComparison}). An unpaired one is removed,
 * unless what it checked is still checked: its expected text inside another assertion's value, a presence check
 * next to a stronger check that replaced it.
 */
final class AssertionRule implements Rule {

    @Override
    public void check(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            if (u.original().isPresent() && u.proposed().isPresent() && !u.diff().unchanged()) {
                new UnitCheck(c, u, findings).run();
            }
        }
    }

    /** An assertion with the change it came from. */
    private record Located(Assertion assertion, StatementDiff.Change change, String target) {
    }

    private static final class UnitCheck {
        private final Comparison c;
        private final Comparison.UnitChange u;
        private final Findings findings;
        private final Map<String, Names.Value> originalNames;
        private final Map<String, Names.Value> proposedNames;
        private final List<Located> removed = new ArrayList<>();
        private final List<Located> added = new ArrayList<>();
        /** Every assertion on the proposed side of a change, paired or not. */
        private final List<Located> fresh = new ArrayList<>();
        private final Set<Located> used = new HashSet<>();
        private final AssertionComparison compare;

        UnitCheck(Comparison c, Comparison.UnitChange u, Findings findings) {
            this.c = c;
            this.u = u;
            this.findings = findings;
            this.originalNames = withLocals(c.originalNames(), u.original().get());
            this.proposedNames = withLocals(c.proposedNames(), u.proposed().get());
            this.compare = new AssertionComparison(c, u.original().get(), u.proposed().get());
        }

        private static Map<String, Names.Value> withLocals(Map<String, Names.Value> scope, Unit unit) {
            Map<String, Names.Value> all = new java.util.HashMap<>(scope);
            all.putAll(Names.values(unit.body()));
            return all;
        }

        void run() {
            for (StatementDiff.Change change : u.diff().changes()) {
                switch (change.type()) {
                    case MODIFIED -> modified(change);
                    case REMOVED -> read(change, change.original().get(), originalNames).forEach(removed::add);
                    case ADDED -> read(change, change.proposed().get(), proposedNames).forEach(a -> {
                        added.add(a);
                        fresh.add(a);
                    });
                    default -> {
                    }
                }
            }
            List<Located> left = new ArrayList<>();
            for (Located r : removed) {
                if (!pairBy(r, a -> a.target().equals(r.target()))) {
                    left.add(r);
                }
            }
            reshapedValues();
            selfCompared();
            fieldsBounded();
            for (Located r : left) {
                if (!covered(r) && !pairBy(r, a -> sameSubject(r, a) || sizeOf(r, a)) && !pairAcross(r) && !implied(r)
                        && !retargeted(r)) {
                    findings.error(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(), "removes "
                            + r.assertion().describe() + " (line "
                            + r.assertion().line() + " of the original) and nothing as strong checks it now: the"
                            + " test can pass without the behaviour it verified");
                }
            }
        }

        private void modified(StatementDiff.Change change) {
            List<Located> before = read(change, change.original().get(), originalNames);
            List<Located> after = read(change, change.proposed().get(), proposedNames);
            fresh.addAll(after);
            // pair each check with the one expecting the same value first (a check moved into a callback beside a
            // new one), then the rest by position
            List<Located> left = new ArrayList<>(before);
            List<Located> right = new ArrayList<>(after);
            for (Located b : before) {
                right.stream().filter(a -> sameExpectation(b, a)).findFirst().ifPresent(a -> {
                    judge(b, a);
                    left.remove(b);
                    right.remove(a);
                });
            }
            int n = Math.min(left.size(), right.size());
            for (int i = 0; i < n; i++) {
                judge(left.get(i), right.get(i));
            }
            removed.addAll(left.subList(n, left.size()));
            added.addAll(right.subList(n, right.size()));
        }

        private static boolean sameExpectation(Located b, Located a) {
            Expected x = b.assertion().expected();
            Expected y = a.assertion().expected();
            return x.kind() != Expected.Kind.NONE && x.kind() == y.kind() && x.text().equals(y.text());
        }

        private boolean pairBy(Located r, java.util.function.Predicate<Located> fits) {
            for (Located a : added) {
                if (!used.contains(a) && fits.test(a)) {
                    used.add(a);
                    judge(r, a);
                    return true;
                }
            }
            return false;
        }

        /**
         * The same subject as written, in the same stretch of changes, though its resolved target changed: a local the
         * fix also changed ({@code res} from a request whose body the fix corrected) still names what is checked.
         */
        private static boolean sameSubject(Located r, Located a) {
            return a.change().hunk() == r.change().hunk()
                    && a.assertion().subject().equals(r.assertion().subject());
        }

        private static final java.util.regex.Pattern DEDUPLICATED = java.util.regex.Pattern.compile(
                "new Set \\(|(?<!\\. )\\bset \\(|\\. distinct \\( \\)|\\buniq(By)? \\(|\\bunique \\(|dict \\. fromkeys");
        private static final java.util.regex.Pattern SORTED = java.util.regex.Pattern.compile(
                "\\. sort \\(|\\bsorted \\(|\\. toSorted \\(|\\. sorted \\(|Collections \\. sort");
        private static final Set<String> EQUALITY = Set.of("equal", "strictequal", "eql", "eq", "deepequal",
                "equals", "assertequals", "isequalto", "containsexactly");

        /**
         * A list compared for equality through a local the proposal reshaped: deduplicated (the duplicate the app
         * shows passes) or sorted in a test about order (the order is no longer checked), though the assertion
         * itself may be unchanged.
         */
        private void reshapedValues() {
            Set<String> reported = new HashSet<>();
            for (Statement s : u.proposed().get().body()) {
                for (Assertion a : Assertions.in(s, c.language())) {
                    String head = a.subject().strip().split(" ")[0];
                    Names.Value now = proposedNames.get(head);
                    if (!EQUALITY.contains(a.matcher()) || a.negated() || now == null || !reported.add(head)) {
                        continue;
                    }
                    String was = Optional.ofNullable(originalNames.get(head)).map(Names.Value::text).orElse("");
                    if (DEDUPLICATED.matcher(now.text()).find() && !DEDUPLICATED.matcher(was).find()) {
                        findings.error(GuardRule.ASSERTION_WEAKENED, a.line(), "compares " + head + " after removing"
                                + " duplicates from it (" + AssertionRule.shorten(now.text()) + "): a duplicate the app"
                                + " shows, which the test would catch, passes now");
                    } else if (SORTED.matcher(now.text()).find() && !SORTED.matcher(was).find()
                            && AssertionComparison.aboutOrder(c.fix.test())) {
                        findings.error(GuardRule.ASSERTION_WEAKENED, a.line(), "compares " + head + " after sorting it ("
                                + AssertionRule.shorten(now.text()) + "), in a test about order: the order the app"
                                + " gives is no longer checked");
                    }
                }
            }
        }

        /**
         * An expectation read from the element it checks, in the statement just before ({@code const size = await
         * box.textContent(); await expect(box).toHaveText(size ?? '')}): the element is compared with itself, so
         * the check can never fail.
         */
        private void selfCompared() {
            List<Statement> body = u.proposed().get().body();
            for (Located a : fresh) {
                Assertion check = a.assertion();
                String expected = check.expected().text().strip();
                if (check.negated() || expected.isEmpty() || !Character.isJavaIdentifierStart(expected.charAt(0))) {
                    continue;
                }
                if (listedBeside(check.subject().strip(), expected)) {
                    findings.error(GuardRule.ASSERTION_WEAKENED, check.line(), "checks that a list holding " + expected
                            + " contains " + expected + " (" + check.describe() + "): the value is compared with"
                            + " itself and the check can never fail");
                    continue;
                }
                String name = expected.split(" ")[0];
                Names.Value read = proposedNames.get(name);
                int at = body.indexOf(check.statement());
                if (read == null || at < 1 || body.get(at - 1) != read.statement()
                        || !Targets.of(read.text(), proposedNames).equals(a.target())) {
                    continue;
                }
                findings.error(GuardRule.ASSERTION_WEAKENED, check.line(), "compares " + check.describe() + " with "
                        + name + ", which the line before read from the same element: the element is checked"
                        + " against itself and the check can never fail");
            }
        }

        private static final java.util.regex.Pattern KEYED_NUMBER = java.util.regex.Pattern.compile(
                "(?:^|[{,] )(\\w+) : (-?\\d+(?:\\.\\d+)?)(?= [,}])");

        /**
         * A field an object match pinned ({@code toMatchObject({ total: 86.4 })}) checked afterwards only against a
         * bound ({@code expect(res.body.total).toBeGreaterThanOrEqual(86.4)}): any larger amount passes now.
         */
        private void fieldsBounded() {
            Map<String, String> pinned = new java.util.HashMap<>();
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.type() == StatementDiff.Type.SAME || change.original().isEmpty()) {
                    continue;
                }
                for (Assertion a : Assertions.in(change.original().get(), c.language())) {
                    java.util.regex.Matcher m = KEYED_NUMBER.matcher(a.expected().text());
                    while (a.expected().kind() == Expected.Kind.OTHER && !a.negated() && m.find()) {
                        pinned.put(a.subject().strip() + " . " + m.group(1), m.group(2));
                    }
                }
            }
            for (Located a : fresh) {
                Assertion now = a.assertion();
                String value = pinned.get(now.subject().strip());
                if (value != null && now.matcher().matches("be(greater|less)than(orequal)?") && !now.negated()
                        && now.expected().number().isPresent()
                        && now.expected().number().getAsDouble() == Double.parseDouble(value)) {
                    findings.error(GuardRule.ASSERTION_WEAKENED, now.line(), "checks " + now.subject().strip()
                            + " only against a bound (" + now.describe() + ") where the original pinned it to " + value
                            + ": other amounts pass now");
                }
            }
        }

        /** {@code [todayLabel(), shown]} and {@code shown}: the list the check looks in holds the value itself. */
        private static boolean listedBeside(String subject, String expected) {
            if (!subject.startsWith("[") || !subject.endsWith("]")) {
                return false;
            }
            for (String element : subject.substring(1, subject.length() - 1).split(" , ")) {
                if (element.strip().equals(expected)) {
                    return true;
                }
            }
            return false;
        }

        private static final java.util.regex.Pattern SIZE_READ = java.util.regex.Pattern.compile(
                "^await |( \\. (count|length|size)( \\( \\))?)$");

        /**
         * A count check on a locator replaced by a check of the number read from it ({@code toHaveCount(3)} to
         * {@code expect(await rows.count()).toBeGreaterThanOrEqual(3)}): the same thing checked, compared by value.
         */
        private static boolean sizeOf(Located r, Located a) {
            String read = a.target().strip();
            return a.change().hunk() == r.change().hunk() && !read.equals(r.target())
                    && SIZE_READ.matcher(read).replaceAll("").strip().equals(SIZE_READ.matcher(r.target().strip())
                    .replaceAll("").strip());
        }

        /** Pairs with an unused new assertion in the same stretch of changes that checks something else. */
        private boolean pairAcross(Located r) {
            for (Located a : added) {
                if (!used.contains(a) && a.change().hunk() == r.change().hunk()) {
                    used.add(a);
                    if (narrowedToOne(r.assertion(), a.assertion())) {
                        return true;
                    }
                    compare.weakeningAcross(r.assertion(), a.assertion(), a.target()).ifPresent(why -> {
                        findings.error(GuardRule.ASSERTION_WEAKENED, a.assertion().line(), why);
                        findings.error(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(), "removes "
                                + r.assertion().describe() + " (line " + r.assertion().line() + " of the original):"
                                + " what takes its place checks less");
                    });
                    return true;
                }
            }
            return false;
        }

        /**
         * An assertion on the locator the failure names, replaced in the same stretch by a check as strong on
         * another element: the fix moved the check to where the behaviour now shows.
         */
        private boolean retargeted(Located r) {
            if (!c.failure.namesLocator(r.target())) {
                return false;
            }
            Optional<Located> instead = fresh.stream().filter(a -> a.change().hunk() == r.change().hunk()
                    && a.assertion().strength() >= r.assertion().strength() && !a.assertion().soft()).findFirst();
            instead.ifPresent(a -> findings.warning(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(),
                    "drops " + r.assertion().describe() + " on the locator the failure names, for "
                            + a.assertion().describe()));
            return instead.isPresent();
        }

        private void judge(Located before, Located after) {
            if (narrowedToOne(before.assertion(), after.assertion())) {
                return;
            }
            if (!before.target().equals(after.target()) && !retargetedInPlace(before, after)) {
                Optional<String> across = compare.weakening(before.assertion(), after.assertion(), after.target())
                        .or(() -> compare.weakeningAcross(before.assertion(), after.assertion(), after.target()));
                across.ifPresent(why -> {
                    findings.error(GuardRule.ASSERTION_WEAKENED, after.assertion().line(), why);
                    findings.error(GuardRule.ASSERTION_REMOVED, after.assertion().line(), "removes the check of "
                            + before.assertion().describe() + ": what takes its place checks another element, and"
                            + " less");
                });
                return;
            }
            compare.weakening(before.assertion(), after.assertion(), after.target()).ifPresent(why -> {
                findings.error(GuardRule.ASSERTION_WEAKENED, after.assertion().line(), why);
                if (after.assertion().matcher().equals(Assertion.FOUND)
                        && !before.assertion().matcher().equals(Assertion.FOUND)) {
                    findings.error(GuardRule.ASSERTION_REMOVED, after.assertion().line(), "removes the check of "
                            + before.assertion().describe() + ": only the lookup is left");
                }
            });
        }

        /**
         * The same kind of check moved to another element in one statement (the element the behaviour shows on
         * now): the locator changed, not the strength.
         */
        private static boolean retargetedInPlace(Located before, Located after) {
            return before.assertion().matcher().equals(after.assertion().matcher())
                    && after.assertion().strength() >= before.assertion().strength();
        }

        /** What the removed assertion checked is still checked by an assertion of the proposal. */
        private boolean covered(Located r) {
            Assertion gone = r.assertion();
            for (Statement s : u.proposed().get().body()) {
                for (Assertion a : Assertions.in(s, c.language())) {
                    String target = Targets.of(a.subject(), proposedNames);
                    if (textShown(gone, a, target)) {
                        findings.warning(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(), "drops "
                                + gone.describe() + "; line " + a.line() + " looks for the same words on the page ("
                                + a.describe() + ")");
                        return true;
                    }
                    if (visibilityRead(gone, a)) {
                        findings.warning(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(), "drops "
                                + gone.describe() + ", which read the visibility once; line " + a.line() + " waits"
                                + " for the same element (" + a.describe() + ")");
                        return true;
                    }
                    if (a.strength() < gone.strength() || a.soft() && !gone.soft()) {
                        continue;
                    }
                    // the same matcher on the same element covers it only for the same value: two texts looked
                    // for in one summary are two checks
                    boolean sameCheck = target.equals(r.target()) && a.matcher().equals(gone.matcher())
                            && (gone.expected().kind() == Expected.Kind.NONE
                            || gone.expected().text().equals(a.expected().text()));
                    if (sameCheck || contains(a.expected(), gone.expected()) || wholeList(r, a, target)
                            || namedInside(r, a, target)
                            || gone.expected().kind() == Expected.Kind.NONE && target.equals(r.target())) {
                        if (narrowedToOne(gone, a)) {
                            return true;
                        }
                        findings.warning(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(), "drops "
                                + gone.describe() + ", which line " + a.line()
                                + " still covers (" + a.describe() + ")");
                        return true;
                    }
                }
            }
            return false;
        }

        private static final Set<String> SHOWN = Set.of("bevisible", "bedisplayed", "exist", "beattached",
                "isdisplayed");

        /**
         * An exact text checked on an element, now looked for as a text on the page that holds every word of it
         * ("Expires 31 March 2027" in "Your permit RP-551204 now expires on 31 March 2027."): where the page moved
         * the value into a sentence, finding that sentence still pins the value.
         */
        private static boolean textShown(Assertion gone, Assertion now, String nowTarget) {
            Expected was = gone.expected();
            if (was.kind() != Expected.Kind.TEXT || gone.negated() || now.negated() || now.soft()
                    || now.expected().kind() != Expected.Kind.NONE || !SHOWN.contains(now.matcher())
                    || !TEXT_LOOKUP.matcher(nowTarget).find()) {
                return false;
            }
            List<String> words = contentWords(was.text());
            java.util.Set<String> there = new HashSet<>(contentWords(nowTarget));
            return words.size() >= 2 && there.containsAll(words);
        }

        private static List<String> contentWords(String text) {
            return java.util.Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                    .filter(w -> !w.isEmpty()).toList();
        }

        private static final java.util.regex.Pattern VISIBILITY_READ = java.util.regex.Pattern.compile(
                "^(?:await )?(.+) \\. (?:isVisible|is_visible) \\( \\)$");

        /**
         * {@code expect(await alert.isVisible()).toBe(true)}, a one-shot read that races the page, beside a
         * web-first check on the same element that waits for it ({@code await expect(alert).toHaveText(...)}).
         */
        private static boolean visibilityRead(Assertion gone, Assertion now) {
            java.util.regex.Matcher m = VISIBILITY_READ.matcher(gone.subject().strip());
            boolean yes = gone.expected().text().strip().equalsIgnoreCase("true")
                    || gone.matcher().equals("betruthy") || gone.matcher().equals("istrue")
                    || gone.matcher().equals("asserttrue");
            return m.matches() && yes && !gone.negated() && !now.negated() && !now.soft()
                    && now.strength() >= Assertion.PRESENCE && m.group(1).strip().equals(now.subject().strip());
        }

        private static final java.util.regex.Pattern TEXT_LOOKUP = java.util.regex.Pattern.compile(
                "(?:getByText|get_by_text|contains) \\( (?:\"[^\"]*\" , )?\"([^\"]{2,})\"");

        /**
         * A presence check of an element found by its text ({@code getByText('ALT')} visible), next to a kept or
         * new check at least as strong on an element the same text names ({@code getByRole('row', { name: /ALT/ })}
         * containing its range): the text must be there for that check to pass.
         */
        private static boolean namedInside(Located gone, Assertion now, String nowTarget) {
            if (gone.assertion().expected().kind() != Expected.Kind.NONE || gone.assertion().negated() || now.negated()
                    || nowTarget.equals(gone.target())) {
                return false;
            }
            java.util.regex.Matcher m = TEXT_LOOKUP.matcher(gone.target());
            return m.find() && (nowTarget.contains("\"" + m.group(1)) || nowTarget.contains("/" + m.group(1))
                    || nowTarget.contains(m.group(1) + "/") || nowTarget.contains(m.group(1) + "\""));
        }

        private static final java.util.regex.Pattern PICKED = java.util.regex.Pattern.compile(
                " \\. (first|last) \\( \\)$| \\. nth \\( \\d+ \\)$");

        /**
         * A text checked on elements picked by position ({@code cards.nth(2)} contains 'Baler') now checked on the
         * whole list, one text per element ({@code toHaveText([/^Round baler .../, ...])}) that still says it: the
         * list check pins every element and how many there are.
         */
        private static boolean wholeList(Located gone, Assertion now, String nowTarget) {
            // the resolved target leaves positional picks out; the subject as written keeps them
            java.util.regex.Matcher picked = PICKED.matcher(gone.assertion().subject().strip());
            Expected was = gone.assertion().expected();
            String text = now.expected().text();
            if (!picked.find() || now.negated() || !(now.matcher().equals("havetext")
                    || now.matcher().equals("containtext")) || !text.startsWith("[")
                    || was.kind() != Expected.Kind.TEXT || was.text().isBlank()) {
                return false;
            }
            return gone.target().equals(nowTarget)
                    && text.toLowerCase(java.util.Locale.ROOT).contains(was.text().toLowerCase(java.util.Locale.ROOT));
        }

        /** A check the original made per element, now made on one element picked by position (reported). */
        private boolean narrowedToOne(Assertion gone, Assertion now) {
            if (!iterated(gone.statement(), u.original().get()) || Locators.positionalPicks(now.statement()).isEmpty()
                    || iterated(now.statement(), u.proposed().get())) {
                return false;
            }
            findings.error(GuardRule.ASSERTION_WEAKENED, now.line(), "replaces " + gone.describe() + ", which the"
                    + " original checked for every element in a loop, with " + now.describe() + " on one element"
                    + " picked by position: the others are no longer checked");
            return true;
        }

        /**
         * Whether the statement runs once per element: in a loop, or in a callback whose header calls each/forEach
         * (the header's call is still open there, so its words are read).
         */
        private static boolean iterated(Statement s, Unit unit) {
            if (s.inContext(Block.Kind.LOOP) || Call.all(s).stream().anyMatch(c -> ITERATIONS.contains(c.name()))) {
                return true; // a loop around it, or the callback written inside the statement itself
            }
            for (Block b : s.context()) {
                if (b.kind() != Block.Kind.FUNCTION) {
                    continue;
                }
                boolean perElement = unit.statements().stream()
                        .filter(h -> h.opens().filter(o -> o.id() == b.id()).isPresent())
                        .flatMap(h -> h.tokens().stream()).anyMatch(t -> t.isWord() && ITERATIONS.contains(t.text()));
                if (perElement) {
                    return true;
                }
            }
            return false;
        }

        private static final Set<String> ITERATIONS = Set.of("each", "forEach", "every", "map", "for_each");

        /** A presence check dropped where the same stretch of changes adds a stronger check. */
        private boolean implied(Located r) {
            if (r.assertion().strength() > Assertion.PRESENCE) {
                return false;
            }
            Optional<Located> stronger = fresh.stream().filter(a -> a.change().hunk() == r.change().hunk()
                    && a.assertion().strength() > r.assertion().strength()).findFirst();
            stronger.ifPresent(a -> findings.warning(GuardRule.ASSERTION_REMOVED, r.change().proposedLine(),
                    "drops " + r.assertion().describe() + " next to a stronger check ("
                            + a.assertion().describe() + ")"));
            return stronger.isPresent();
        }

        private static boolean contains(Expected outer, Expected inner) {
            if (inner.kind() != Expected.Kind.TEXT && inner.kind() != Expected.Kind.SUBSTRING
                    || inner.text().isBlank()) {
                return false;
            }
            return switch (outer.kind()) {
                case TEXT -> outer.text().contains(inner.text());
                case REGEX -> outer.regex().get().literal().contains(inner.text());
                default -> false;
            };
        }

        /** A subject computed from values ({@code posted || count > 0}) rather than an element found by its text. */
        private static final java.util.regex.Pattern COMPUTED = java.util.regex.Pattern.compile(
                "\\|\\||&&|\\?\\?| [<>]=? | [!=]==? | or | and |^! |^not ");

        private List<Located> read(StatementDiff.Change change, Statement s, Map<String, Names.Value> names) {
            List<Located> out = new ArrayList<>();
            for (Assertion a : Assertions.in(s, c.language())) {
                String target = Targets.inStatement(Targets.of(a.subject(), names), s);
                boolean namedPresence = a.strength() == Assertion.PRESENCE && !a.negated() && Targets.carriesText(target)
                        && !Targets.readsValue(a.subject(), names) && !COMPUTED.matcher(a.subject()).find();
                out.add(new Located(namedPresence ? a.withStrength(Assertion.PARTIAL) : a, change, target));
            }
            return out;
        }
    }

    static String shorten(String s) {
        String t = s.replace(" . ", ".").replace(" ( ", "(").replace(" )", ")").replace("( )", "()")
                .replace(" , ", ", ");
        return Snippet.clip(t, 70);
    }
}
