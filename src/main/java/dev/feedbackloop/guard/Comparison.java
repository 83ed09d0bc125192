package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The original and the proposed file side by side: their units paired by kind and title, each pair's statement
 * alignment, and which pairs the failing test alone owns. This is what every rule reads.
 */
final class Comparison {

    /** Whose code a unit is. */
    enum Reach {
        /** The failing test itself. */
        FAILING_TEST,
        /** A hook, helper or scope that runs for the failing test and no other. */
        FAILING_ONLY,
        /** Code that other tests run too: hooks, configuration, shared helpers, imports. */
        SHARED,
        /** A shared hook or helper the failure happened in: editing it is part of the fix, reviewed with care. */
        FAILURE_SITE,
        /** Another test. */
        OTHER_TEST
    }

    /**
     * One unit in either file.
     *
     * @param original its original, absent when the proposal added it
     * @param proposed its proposal, absent when the proposal removed it
     * @param diff     the alignment of its statements
     * @param reach    whose code it is
     */
    record UnitChange(Optional<Unit> original, Optional<Unit> proposed, StatementDiff diff, Reach reach) {
        Unit any() {
            return proposed.orElseGet(original::get);
        }
    }

    final ProposedFix fix;
    final Framework framework;
    final FailureText failure;
    final ParsedFile original;
    final ParsedFile proposed;
    final Optional<Unit> failingOriginal;
    final Optional<Unit> failingProposed;
    final List<UnitChange> units;
    private final Set<Unit> failureSites;

    Comparison(ProposedFix fix) {
        this.fix = fix;
        this.framework = fix.framework();
        this.failure = new FailureText(fix.failure());
        this.original = ParsedFile.parse(fix.original(), framework.language());
        this.proposed = ParsedFile.parse(fix.proposed(), framework.language());
        this.failingOriginal = TestFinder.find(original, fix.test(), failure, fix.file());
        this.failureSites = failureSites();
        Map<Unit, Unit> pairs = pair();
        this.failingProposed = failingOriginal.map(pairs::get);
        this.units = changes(pairs);
    }

    Language language() {
        return framework.language();
    }

    /** The failing test's change, if the test was found in the original. */
    Optional<UnitChange> failingTest() {
        return units.stream().filter(u -> u.reach() == Reach.FAILING_TEST).findFirst();
    }

    /** The units the failing test alone owns: the test itself and hooks, helpers and scopes only it uses. */
    List<UnitChange> owned() {
        return units.stream().filter(u -> u.reach() == Reach.FAILING_TEST || u.reach() == Reach.FAILING_ONLY
                || u.reach() == Reach.FAILURE_SITE).toList();
    }

    /** Every string literal's value in the original file. */
    Set<String> originalLiterals() {
        Set<String> values = new HashSet<>();
        for (Token t : original.code.tokens) {
            if (t.isText()) {
                values.add(t.value());
            }
        }
        return values;
    }

    /** The names assigned in the proposed failing test and at scope level, for resolving subjects. */
    Map<String, Names.Value> proposedNames() {
        return names(proposed, failingProposed);
    }

    Map<String, Names.Value> originalNames() {
        return names(original, failingOriginal);
    }

    /** The names assigned outside tests in {@code file} and in {@code unit}, the unit's own taking precedence. */
    static Map<String, Names.Value> names(ParsedFile file, Optional<Unit> unit) {
        List<Statement> statements = new ArrayList<>();
        file.units.stream().filter(u -> u.kind() != Unit.Kind.TEST).forEach(u -> statements.addAll(u.body()));
        unit.ifPresent(t -> statements.addAll(t.body()));
        return Names.values(statements);
    }

    /** Original unit to proposed unit, by kind and title, in order; the failing test by title when renamed. */
    private Map<Unit, Unit> pair() {
        Map<String, List<Unit>> byKey = new LinkedHashMap<>();
        for (Unit u : proposed.units) {
            byKey.computeIfAbsent(u.key(), k -> new ArrayList<>()).add(u);
        }
        Map<Unit, Unit> pairs = new HashMap<>();
        for (Unit u : original.units) {
            List<Unit> candidates = byKey.getOrDefault(u.key(), List.of());
            if (!candidates.isEmpty()) {
                pairs.put(u, candidates.remove(0));
            }
        }
        if (failingOriginal.isPresent() && !pairs.containsKey(failingOriginal.get())) {
            Set<Unit> taken = new HashSet<>(pairs.values());
            TestFinder.find(proposed, fix.test(), failure, fix.file()).filter(t -> !taken.contains(t))
                    .or(() -> renamed(taken)).ifPresent(t -> pairs.put(failingOriginal.get(), t));
        }
        return pairs;
    }

    /** The one proposed test that pairs with nothing, when exactly one original test (the failing one) is unpaired. */
    private Optional<Unit> renamed(Set<Unit> taken) {
        List<Unit> free = proposed.tests().stream().filter(t -> !taken.contains(t)).toList();
        return free.size() == 1 ? Optional.of(free.get(0)) : Optional.empty();
    }

    private List<UnitChange> changes(Map<Unit, Unit> pairs) {
        List<UnitChange> out = new ArrayList<>();
        Set<Unit> seen = new HashSet<>();
        for (Unit o : original.units) {
            Optional<Unit> p = Optional.ofNullable(pairs.get(o));
            p.ifPresent(seen::add);
            int fallback = p.map(Unit::firstLine).orElse(Math.min(o.firstLine(), proposed.code.lineCount()));
            List<Statement> after = p.map(Unit::statements).orElse(List.of());
            out.add(new UnitChange(Optional.of(o), p, new StatementDiff(o.statements(), after, fallback), reach(o)));
        }
        for (Unit p : proposed.units) {
            if (!seen.contains(p)) {
                out.add(new UnitChange(Optional.empty(), Optional.of(p),
                        new StatementDiff(List.of(), p.statements(), p.firstLine()), reachOfNew(p)));
            }
        }
        return out;
    }

    private Reach reach(Unit u) {
        if (failingOriginal.isEmpty()) {
            return u.kind() == Unit.Kind.TEST ? Reach.OTHER_TEST : Reach.SHARED;
        }
        Unit failing = failingOriginal.get();
        if (u == failing) {
            return Reach.FAILING_TEST;
        }
        Reach reach = switch (u.kind()) {
            case TEST -> Reach.OTHER_TEST;
            case HOOK, SCOPE -> reachesOnlyFailing(u) ? Reach.FAILING_ONLY : Reach.SHARED;
            case HELPER -> usedOnlyByFailing(u) ? Reach.FAILING_ONLY : Reach.SHARED;
        };
        return reach == Reach.SHARED && failureSites.contains(u) ? Reach.FAILURE_SITE : reach;
    }

    /** Phrases with which runners say a failure happened in a setup hook or fixture. */
    private static final List<String> HOOK_FAILURES = List.of("\"beforeEach\" hook", "\"before each\" hook",
            "\"beforeAll\" hook", "\"before all\" hook", "ERROR at setup of", "@BeforeEach", "@BeforeAll",
            "in beforeEach", "in before hook");

    /** Phrases with which runners say a failure happened in a teardown hook. */
    private static final List<String> TEARDOWN_FAILURES = List.of("\"afterEach\" hook", "\"after each\" hook",
            "\"afterAll\" hook", "\"after all\" hook", "ERROR at teardown of", "in afterEach", "in the afterEach hook",
            "in after hook");

    /** The hooks of the failing test's scope whose title holds one of the words. */
    private void hooksNamed(Set<Unit> sites, String... words) {
        original.units.stream().filter(u -> u.kind() == Unit.Kind.HOOK && u.reaches(failingOriginal.get().path()))
                .filter(u -> java.util.Arrays.stream(words)
                        .anyMatch(w -> u.title().toLowerCase(java.util.Locale.ROOT).contains(w)))
                .forEach(sites::add);
    }

    /**
     * The hooks and helpers (not tests) the failure happened in: those holding a line the message gives for the
     * file, or, when the message only says a setup hook failed, the setup hooks of the failing test's scope.
     */
    private Set<Unit> failureSites() {
        Set<Unit> sites = new HashSet<>();
        if (failingOriginal.isEmpty()) {
            return sites;
        }
        List<Integer> lines = failure.linesIn(fix.file());
        for (Unit u : original.units) {
            boolean code = u.kind() == Unit.Kind.HOOK || u.kind() == Unit.Kind.HELPER;
            if (code && lines.stream().anyMatch(l -> u.firstLine() <= l && l <= u.lastLine())) {
                sites.add(u);
            }
        }
        if (sites.isEmpty() && HOOK_FAILURES.stream().anyMatch(fix.failure()::contains)) {
            hooksNamed(sites, "before", "setup");
        }
        if (sites.isEmpty() && TEARDOWN_FAILURES.stream().anyMatch(fix.failure()::contains)) {
            hooksNamed(sites, "after", "teardown");
        }
        return sites;
    }

    /** A unit the proposal added: a new test is another test; new code in scope of other tests is shared. */
    private Reach reachOfNew(Unit u) {
        if (u.kind() == Unit.Kind.TEST) {
            return Reach.OTHER_TEST;
        }
        return failingOriginal.isPresent() && reachesOnlyFailing(u) ? Reach.FAILING_ONLY : Reach.SHARED;
    }

    private boolean reachesOnlyFailing(Unit u) {
        Unit failing = failingOriginal.get();
        return u.reaches(failing.path()) && original.tests().stream().filter(t -> t != failing)
                .noneMatch(t -> u.reaches(t.path()));
    }

    /**
     * Whether a name declared outside the tests (a constant of test data) is read by the failing test alone, in
     * the original and in the proposal: then editing it changes that test only, however the file is laid out.
     */
    boolean readOnlyByFailing(String name) {
        if (failingOriginal.isEmpty()) {
            return false;
        }
        return readOnlyBy(original, name, failingOriginal.get()) && failingProposed.isPresent()
                && readOnlyBy(proposed, name, failingProposed.get());
    }

    private static boolean readOnlyBy(ParsedFile file, String name, Unit failing) {
        return file.units.stream().filter(u -> u != failing).flatMap(u -> u.statements().stream())
                .filter(s -> !Names.assignedName(s).filter(name::equals).isPresent())
                .noneMatch(s -> s.contains(name));
    }

    private boolean usedOnlyByFailing(Unit helper) {
        Unit failing = failingOriginal.get();
        return original.units.stream().filter(u -> u != helper && u != failing)
                .noneMatch(u -> u.statements().stream().anyMatch(s -> s.contains(helper.title())));
    }
}
