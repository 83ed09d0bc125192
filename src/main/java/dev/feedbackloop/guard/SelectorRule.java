package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code brittle-selector}: a stable locator (role, label, text, test id; or at least an id or name) replaced by a
 * brittle one (position, layout chain, XPath index, generated class), a positional pick ({@code .first()},
 * {@code .nth(1)}) added to get past a strict-mode violation, and, when the page snapshot is known, a new
 * user-facing locator that names nothing on the page (a hallucinated selector).
 */
final class SelectorRule implements Rule {

    @Override
    public void check(Comparison c, Findings findings) {
        Set<String> originalLocators = new HashSet<>();
        c.original.units.forEach(u -> u.statements().forEach(s -> Locators.in(s)
                .forEach(l -> originalLocators.add(l.describe()))));
        for (Comparison.UnitChange u : c.units) {
            for (List<StatementDiff.Change> hunk : hunks(u.diff())) {
                replaced(hunk, findings);
                positional(c, hunk, findings);
                optionByIndex(hunk, findings);
                hunk.forEach(change -> textCut(c, change, findings));
            }
        }
        c.fix.pageSnapshot().map(PageSnapshot::new).filter(p -> !p.isEmpty())
                .ifPresent(page -> onPage(c, page, originalLocators, findings));
    }

    /** A text locator's selector syntax before its text ({@code button=}, {@code button*=}, {@code text=}). */
    private static final java.util.regex.Pattern TEXT_PREFIX = java.util.regex.Pattern.compile("^(?:[a-z0-9]*\\*?=|text=)");

    /**
     * A locator an action uses, its text cut to a fragment that drops a number ({@code button=Pay 96.00 CHF} to
     * {@code button*=Pay}): the amount the locator pinned is no longer checked, and the fragment matches any
     * element that contains it.
     */
    private static void textCut(Comparison c, StatementDiff.Change change, Findings findings) {
        if (change.type() != StatementDiff.Type.MODIFIED
                || !Assertions.in(change.proposed().get(), c.language()).isEmpty()) {
            return;
        }
        Set<String> before = texts(change.original().get());
        Set<String> after = texts(change.proposed().get());
        for (String now : after) {
            if (before.contains(now) || now.length() < 2) {
                continue;
            }
            for (String was : before) {
                if (!was.contains(now) || was.equals(now) || after.contains(was) || was.contains("/")) {
                    // an address or path cut to its path (a base URL taken out) is no locator text
                    continue;
                }
                String dropped = (was.substring(0, was.indexOf(now)) + was.substring(was.indexOf(now) + now.length())).strip();
                if (dropped.matches(".*\\d.*")) {
                    findings.error(GuardRule.ASSERTION_WEAKENED, change.proposedLine(), "cuts the text the step looks"
                            + " for from '" + was + "' to '" + now + "': '" + dropped + "' is no longer checked");
                    findings.error(GuardRule.BRITTLE_SELECTOR, change.proposedLine(), "looks for any element containing '"
                            + now + "' where it named '" + was + "': the fragment matches other elements too");
                    return;
                }
            }
        }
    }

    /** The texts a statement's literals look for, selector syntax before them taken off. */
    private static Set<String> texts(Statement s) {
        Set<String> out = new HashSet<>();
        s.tokens().stream().filter(Token::isText)
                .forEach(t -> out.add(TEXT_PREFIX.matcher(t.value()).replaceFirst("").strip()));
        return out;
    }

    private static List<List<StatementDiff.Change>> hunks(StatementDiff diff) {
        Map<Integer, List<StatementDiff.Change>> byHunk = new HashMap<>();
        for (StatementDiff.Change change : diff.changes()) {
            if (change.changed()) {
                byHunk.computeIfAbsent(change.hunk(), h -> new ArrayList<>()).add(change);
            }
        }
        return new ArrayList<>(byHunk.values());
    }

    /** Brittle locators introduced where a more stable one went away. */
    private static void replaced(List<StatementDiff.Change> hunk, Findings findings) {
        List<Locators.Locator> before = new ArrayList<>();
        List<Locators.Locator> after = new ArrayList<>();
        Map<Locators.Locator, Integer> lines = new HashMap<>();
        for (StatementDiff.Change change : hunk) {
            change.original().ifPresent(s -> before.addAll(Locators.in(s)));
            change.proposed().ifPresent(s -> Locators.in(s).forEach(l -> {
                after.add(l);
                lines.putIfAbsent(l, s.line());
            }));
        }
        Set<String> kept = new HashSet<>();
        after.forEach(l -> kept.add(l.describe()));
        Set<String> had = new HashSet<>();
        before.forEach(l -> had.add(l.describe()));
        Optional<Locators.Locator> gone = before.stream().filter(l -> !kept.contains(l.describe()))
                .max((a, b) -> a.stability().compareTo(b.stability()));
        int picksBefore = hunk.stream().flatMap(ch -> ch.original().stream())
                .mapToInt(st -> Locators.positionalPicks(st).size()).sum();
        List<String> picksAfter = hunk.stream().flatMap(ch -> ch.proposed().stream())
                .flatMap(st -> Locators.positionalPicks(st).stream()).toList();
        if (picksAfter.size() > picksBefore && gone.isPresent()
                && gone.get().stability().compareTo(Locators.Stability.WEAK) > 0) {
            int line = hunk.stream().flatMap(ch -> ch.proposed().stream())
                    .filter(st -> !Locators.positionalPicks(st).isEmpty()).mapToInt(Statement::line).findFirst()
                    .orElse(hunk.get(0).proposedLine());
            findings.error(GuardRule.BRITTLE_SELECTOR, line, "replaces " + gone.get().describe() + " with a pick by"
                    + " position (" + picksAfter.get(picksAfter.size() - 1) + "): it depends on the order of elements"
                    + " on the page and can silently pick another one; name the element instead");
            return;
        }
        Optional<String> textChoice = gone.isPresent() ? Optional.empty() : choiceByText(hunk);
        for (Locators.Locator l : after) {
            if (had.contains(l.describe())) {
                continue;
            }
            boolean styling = l.stability() == Locators.Stability.WEAK && gone.isPresent()
                    && gone.get().stability() == Locators.Stability.STABLE;
            if (styling) {
                findings.error(GuardRule.BRITTLE_SELECTOR, lines.get(l), "replaces " + gone.get().describe()
                        + ", a locator the page offers for users or tests, with " + l.describe() + ", which depends on "
                        + l.why() + " used for styling: it changes with the next redesign");
                continue;
            }
            if (l.stability() != Locators.Stability.BRITTLE) {
                continue;
            }
            if (textChoice.isPresent()) {
                findings.error(GuardRule.BRITTLE_SELECTOR, lines.get(l), "replaces " + textChoice.get()
                        + ", a choice by the text a user reads, with " + l.describe() + ", which depends on "
                        + l.why() + ": it picks whatever is at that place in the page");
            } else if (gone.isPresent() && gone.get().stability().compareTo(Locators.Stability.BRITTLE) > 0) {
                findings.error(GuardRule.BRITTLE_SELECTOR, lines.get(l), "replaces " + gone.get().describe()
                        + " with " + l.describe() + ", which depends on " + l.why() + ": it breaks on the next layout"
                        + " change and can silently pick another element; use a role, label or test id");
            } else {
                findings.warning(GuardRule.BRITTLE_SELECTOR, lines.get(l), "adds " + l.describe() + ", which depends"
                        + " on " + l.why());
            }
        }
    }

    /** Calls that choose an option by its visible text. */
    private static final Set<String> TEXT_CHOICES = Set.of("selectByVisibleText", "selectOption", "select_option",
            "select");

    /** An option chosen by its text in a statement the hunk removed or changed ({@code selectByVisibleText("...")}). */
    private static Optional<String> choiceByText(List<StatementDiff.Change> hunk) {
        for (StatementDiff.Change change : hunk) {
            if (change.original().isEmpty()) {
                continue;
            }
            for (Call call : Call.all(change.original().get())) {
                if (TEXT_CHOICES.contains(call.name()) && call.arg(0).flatMap(Call.Arg::text)
                        .filter(t -> t.matches(".*[A-Za-z].*")).isPresent()) {
                    return Optional.of(call.name() + "('" + call.arg(0).get().text().get() + "')");
                }
            }
        }
        return Optional.empty();
    }

    /** A positional pick added to a locator, worst when the failure was a strict-mode violation. */
    private static void positional(Comparison c, List<StatementDiff.Change> hunk, Findings findings) {
        for (StatementDiff.Change change : hunk) {
            if (change.proposed().isEmpty()) {
                continue;
            }
            Statement s = change.proposed().get();
            List<String> now = Locators.positionalPicks(s);
            List<String> was = change.original().map(Locators::positionalPicks).orElse(List.of());
            if (now.size() <= was.size() || change.original().isEmpty() && !c.failure.strictModeViolation()) {
                continue;
            }
            String pick = now.get(now.size() - 1);
            if (c.failure.strictModeViolation()) {
                findings.error(GuardRule.BRITTLE_SELECTOR, s.line(), "adds " + pick + " to get past a strict-mode"
                        + " violation: it picks one of several matching elements by position, which may be the wrong"
                        + " one; scope the locator to its container or name it exactly");
            } else {
                findings.warning(GuardRule.BRITTLE_SELECTOR, s.line(), "adds the positional pick " + pick
                        + ": it depends on the order of elements on the page");
            }
        }
    }

    /** An option of a select chosen by its position where the original chose it by its text, label or value. */
    private static void optionByIndex(List<StatementDiff.Change> hunk, Findings findings) {
        List<OptionPicks.Pick> before = hunk.stream().flatMap(ch -> ch.original().stream())
                .flatMap(st -> OptionPicks.in(st).stream()).toList();
        long indexBefore = before.stream().filter(OptionPicks.Pick::byIndex).count();
        Optional<OptionPicks.Pick> byText = before.stream().filter(p -> !p.byIndex()).findFirst();
        long textAfter = hunk.stream().flatMap(ch -> ch.proposed().stream())
                .flatMap(st -> OptionPicks.in(st).stream()).filter(p -> !p.byIndex()).count();
        if (byText.isEmpty() || textAfter >= before.size() - indexBefore) {
            return;
        }
        int seen = 0;
        for (StatementDiff.Change change : hunk) {
            if (change.proposed().isEmpty()) {
                continue;
            }
            for (OptionPicks.Pick p : OptionPicks.in(change.proposed().get())) {
                if (p.byIndex() && ++seen > indexBefore) {
                    findings.error(GuardRule.BRITTLE_SELECTOR, change.proposed().get().line(), "chooses the option by"
                            + " its position (" + p.shown() + ") where the original chose it by its text or value ("
                            + byText.get().shown() + "): it picks whatever option sits there, even after the options"
                            + " change; choose it by its label or value");
                    return;
                }
            }
        }
    }

    /** New user-facing locators must name something in the page snapshot. */
    private static void onPage(Comparison c, PageSnapshot page, Set<String> originalLocators, Findings findings) {
        for (Comparison.UnitChange u : c.owned()) {
            for (Statement s : u.diff().newStatements()) {
                for (Locators.Locator l : Locators.in(s)) {
                    if (!l.semantic() || originalLocators.contains(l.describe()) || present(page, l)) {
                        continue;
                    }
                    findings.error(GuardRule.BRITTLE_SELECTOR, s.line(), l.describe() + " names nothing in the page"
                            + " snapshot taken at the failure: the locator looks invented; use one that matches an"
                            + " element the snapshot shows");
                }
            }
        }
    }

    private static boolean present(PageSnapshot page, Locators.Locator l) {
        String kind = Locators.semanticKind(l.method());
        return switch (kind) {
            case "role" -> page.hasRole(l.value(), l.name(), l.regex());
            case "label", "text" -> page.hasText(l.value(), l.regex());
            default -> true; // test ids and CSS are not in an ARIA snapshot: cannot tell
        };
    }
}
