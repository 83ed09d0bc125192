package dev.feedbackloop.guard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code timeout-bump}: a timeout raised instead of the cause fixed. Each timeout the proposal sets in a new or
 * modified statement is compared with what applied before: the same setting in the statement it replaced, else
 * the original file's own configuration of that kind, else the framework's implicit default
 * ({@link TimeoutDefaults}). Lowering a timeout, or deleting one so the default applies again, is fine. A raise that
 * a removed fixed sleep paid for (the step's longest wait does not grow) is only a warning.
 */
final class TimeoutRule implements Rule {

    /**
     * How far above the old longest wait a step's timeout may go and still read as a budget for one known slow step
     * (with a comment or a sleep it replaces). The labelled sets' accepted budgets are 1.5-2.4 times the old wait;
     * their rejected raises 4 to 24 times; a raise without a comment or a replaced sleep is a bump at any size.
     */
    static final long MODEST_FACTOR = 3;

    @Override
    public void check(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            Durations now = new Durations(Comparison.names(c.proposed, u.proposed()));
            Durations then = new Durations(Comparison.names(c.original, u.original()));
            long sleptBefore = removedSleep(u);
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.proposed().isEmpty()) {
                    continue;
                }
                for (Timeouts.Setting setting : Timeouts.in(change.proposed().get(), c.framework, now)) {
                    List<Timeouts.Setting> before = change.original()
                            .map(o -> Timeouts.in(o, c.framework, then)).orElse(List.of());
                    if (change.type() == StatementDiff.Type.SAME) {
                        raisedThroughName(setting, before, findings);
                    } else {
                        judge(c, u, newAliasWait(u, change, setting), before, sleptBefore, findings);
                    }
                }
            }
        }
    }

    /**
     * A Cypress alias wait the proposal adds ({@code cy.wait('@orders', { timeout: 15000 })}) waits for a request
     * the test did not wait for before: a condition, judged against the response timeout it mostly spends. An alias
     * wait the original had, given a timeout, raises the request's 5 s first (a request never sent waits longer).
     */
    private static Timeouts.Setting newAliasWait(Comparison.UnitChange u, StatementDiff.Change change,
                                                 Timeouts.Setting setting) {
        Optional<String> alias = Call.all(setting.statement()).stream().filter(call -> call.name().equals("wait"))
                .findFirst().flatMap(call -> call.arg(0)).flatMap(Call.Arg::text);
        boolean waitedBefore = alias.isPresent() && u.original().map(o -> o.statements().stream()
                .flatMap(st -> Call.all(st).stream()).anyMatch(call -> call.name().equals("wait")
                        && call.arg(0).flatMap(Call.Arg::text).equals(alias))).orElse(false);
        return setting.kind() == Timeouts.Kind.REQUEST && alias.isPresent()
                && change.type() == StatementDiff.Type.ADDED && !waitedBefore
                ? new Timeouts.Setting(Timeouts.Kind.RESPONSE, setting.millis(), setting.statement(), setting.what())
                : setting;
    }

    /** An unchanged statement whose timeout grew because the constant it reads did. */
    private static void raisedThroughName(Timeouts.Setting setting, List<Timeouts.Setting> before, Findings findings) {
        max(before, setting.kind()).filter(old -> setting.millis() > old).ifPresent(old ->
                findings.error(GuardRule.TIMEOUT_BUMP, setting.statement().line(), "raises the "
                        + setting.kind().label + " of " + setting.what() + " from " + format(old) + " to "
                        + format(setting.millis()) + " through the value it reads: waiting longer hides a slow or"
                        + " wrong step instead of fixing it"));
    }

    private static void judge(Comparison c, Comparison.UnitChange u, Timeouts.Setting setting,
                              List<Timeouts.Setting> replaced, long sleptBefore, Findings findings) {
        Baseline before = baseline(c, u, setting.kind(), replaced);
        long after = setting.slow() ? multiply(before.millis, setting.factor()) : setting.millis();
        if (after <= before.millis) {
            return;
        }
        String change = " from " + format(before.millis) + " (" + before.source + ") to " + format(after);
        String message = (setting.slow() ? setting.what() + " multiplies the test timeout by " + setting.factor()
                + change : "raises the " + setting.kind().label + change + " (" + setting.what() + ")")
                + ": waiting longer hides a slow or wrong step instead of fixing it";
        Optional<String> slowStep = oneStep(u, setting) && !otherOutcome(c, setting)
                ? knownSlowStep(c, setting, before.millis, after, sleptBefore) : Optional.empty();
        if (slowStep.isPresent()) {
            findings.warning(GuardRule.TIMEOUT_BUMP, setting.statement().line(), message.replace(": waiting longer",
                    ", " + slowStep.get() + "; check that the step is known to be slow. Waiting longer"));
        } else {
            findings.error(GuardRule.TIMEOUT_BUMP, setting.statement().line(), message);
        }
    }

    private static final java.util.regex.Pattern PAGE_WIDE = java.util.regex.Pattern.compile(
            "setDefault|set_default|Cypress \\. config|implicitlyWait|\\. configure \\(|set_options|test \\. use");

    /**
     * Whether the setting bounds one step of the failing test: not a page-, file- or suite-wide default
     * ({@code page.setDefaultTimeout}, {@code Cypress.config}, an implicit wait), nor anything set in a hook or at
     * file level, which every test inherits. Only a single step can be a known slow one.
     */
    private static boolean oneStep(Comparison.UnitChange u, Timeouts.Setting setting) {
        return u.any().kind() == Unit.Kind.TEST && !PAGE_WIDE.matcher(setting.statement().text()).find();
    }

    /** What a step shows while it is still working: nothing yet, "Loading…", "Calculating…", a status on the way. */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("(?i)^\\s*$|^(loading"
            + "|calculating|pending|processing|generating|updating|saving|uploading|preparing|please wait|fetching"
            + "|syncing|queued|in progress|rendering|waiting)\\b|(…|\\.\\.\\.)$|^[-–—]+$|^0$|element\\(s\\) not found"
            + "|^<element");
    private static final java.util.regex.Pattern NAVIGATED = java.util.regex.Pattern.compile("navigated to \"[^\"]+\"");

    /**
     * Whether the failure shows the step ending in another outcome rather than still under way: the element held a
     * value of its own ("$845 / year" where "$612 / year" was expected; not a placeholder such as "Calculating…"),
     * or the page navigated somewhere else than the URL waited for. Waiting longer cannot change either.
     */
    private static boolean otherOutcome(Comparison c, Timeouts.Setting setting) {
        if (setting.kind() == Timeouts.Kind.NAVIGATION && NAVIGATED.matcher(c.failure.text()).find()) {
            return true;
        }
        Optional<String> expected = c.failure.expected();
        Optional<String> received = c.failure.received();
        return expected.isPresent() && received.isPresent() && !expected.get().equals(received.get())
                && !PLACEHOLDER.matcher(received.get().strip()).find() && !progressing(c.failure.text());
    }

    private static final java.util.regex.Pattern UNEXPECTED = java.util.regex.Pattern.compile(
            "unexpected value \"([^\"]*)\"");

    /** Whether the call log shows the value still changing while it was waited for (12, 41, 87 of an upload). */
    private static boolean progressing(String failure) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.regex.Matcher m = UNEXPECTED.matcher(failure);
        while (m.find()) {
            seen.add(m.group(1));
        }
        return seen.size() >= 2;
    }

    /**
     * Why a raise on one step reads as a budget for a known slow step rather than a bump: it replaces a fixed
     * sleep without the step's longest wait growing, or it stays within {@link #MODEST_FACTOR} times the old
     * longest wait (default plus removed sleep) and either replaces a sleep or is explained by a comment, or stays
     * within that factor of how long the failure's log shows the operation taking, when that is longer than the old
     * wait (the evidence that the step is slow). A test-level timeout is never a single step.
     */
    private static Optional<String> knownSlowStep(Comparison c, Timeouts.Setting setting, long before, long after,
                                                  long sleptBefore) {
        if (after == TimeoutDefaults.UNLIMITED || before == TimeoutDefaults.UNLIMITED) {
            return Optional.empty();
        }
        java.util.OptionalLong observed = c.failure.longestOperation();
        boolean shownSlow = observed.isPresent() && observed.getAsLong() > before
                && after <= MODEST_FACTOR * observed.getAsLong();
        if (setting.kind() == Timeouts.Kind.TEST || setting.slow()) {
            // a test's whole budget: only evidence that one of its operations outlasts it justifies more
            return shownSlow ? Optional.of("for a test whose failure shows one operation taking "
                    + format(observed.getAsLong()) + ", longer than the " + format(before) + " it was given")
                    : Optional.empty();
        }
        long worstBefore = before + sleptBefore;
        if (sleptBefore > 0 && after <= worstBefore) {
            return Optional.of("in place of a removed " + format(sleptBefore) + " sleep, so the step's longest wait"
                    + " does not grow");
        }
        if (shownSlow) {
            return Optional.of("on one step the failure shows taking " + format(observed.getAsLong()) + ", longer"
                    + " than the " + format(before) + " it was given");
        }
        boolean explained = Comments.above(c.proposed.code, setting.statement().line()).isPresent();
        if (after <= MODEST_FACTOR * worstBefore && (sleptBefore > 0 || explained)) {
            return Optional.of(sleptBefore > 0 ? "replacing a fixed " + format(sleptBefore) + " sleep with a bounded"
                    + " wait on one step" : "on one step a comment explains");
        }
        return Optional.empty();
    }

    private record Baseline(long millis, String source) {
    }

    /** What applied before: the replaced statement's setting, the original file's configuration, or the default. */
    private static Baseline baseline(Comparison c, Comparison.UnitChange u, Timeouts.Kind kind,
                                     List<Timeouts.Setting> replaced) {
        Optional<Long> own = max(replaced, kind);
        if (own.isPresent()) {
            return new Baseline(own.get(), "its value before");
        }
        if ((kind == Timeouts.Kind.ACTION || kind == Timeouts.Kind.NAVIGATION) && c.framework.isPlaywright()) {
            Optional<Long> configured = configured(c, u, kind);
            if (c.framework == Framework.PYTEST_PLAYWRIGHT || c.framework == Framework.PLAYWRIGHT_JAVA) {
                // pytest and JUnit have no test timeout; Playwright's library bounds each action and navigation
                String binding = c.framework == Framework.PLAYWRIGHT_JAVA ? "Java" : "Python";
                return configured.map(v -> new Baseline(v, "set in the file")).orElseGet(() -> new Baseline(
                        TimeoutDefaults.PLAYWRIGHT_PYTHON_ACTION, "Playwright for " + binding + "'s default"));
            }
            return configured.map(v -> new Baseline(v, "set in the file"))
                    .orElseGet(() -> new Baseline(testTimeout(c, u).millis, "bounded by the test timeout"));
        }
        if (kind == Timeouts.Kind.TEST) {
            return testTimeout(c, u);
        }
        return configured(c, u, kind).map(v -> new Baseline(v, "set in the file"))
                .orElseGet(() -> new Baseline(TimeoutDefaults.of(c.framework, kind),
                        TimeoutDefaults.source(c.framework, kind)));
    }

    private static Baseline testTimeout(Comparison c, Comparison.UnitChange u) {
        Optional<Long> inTest = u.original().flatMap(o -> max(o.statements().stream()
                .flatMap(s -> Timeouts.in(s, c.framework).stream()).toList(), Timeouts.Kind.TEST));
        if (inTest.isPresent()) {
            return new Baseline(inTest.get(), "its value before");
        }
        return configured(c, u, Timeouts.Kind.TEST).map(v -> new Baseline(v, "set in the file"))
                .orElseGet(() -> new Baseline(TimeoutDefaults.of(c.framework, Timeouts.Kind.TEST),
                        TimeoutDefaults.source(c.framework, Timeouts.Kind.TEST)));
    }

    /** The largest setting of {@code kind} in the original file outside tests (configuration, hooks, fields). */
    private static Optional<Long> configured(Comparison c, Comparison.UnitChange u, Timeouts.Kind kind) {
        List<Timeouts.Setting> settings = c.original.units.stream().filter(unit -> unit.kind() != Unit.Kind.TEST
                        || kind == Timeouts.Kind.WAIT && c.framework == Framework.SELENIUM_JAVA)
                .flatMap(unit -> unit.statements().stream()).flatMap(s -> Timeouts.in(s, c.framework).stream())
                .toList();
        return max(settings, kind);
    }

    private static Optional<Long> max(List<Timeouts.Setting> settings, Timeouts.Kind kind) {
        return settings.stream().filter(s -> s.kind() == kind && !s.slow()).map(Timeouts.Setting::millis)
                .max(Long::compare);
    }

    /** The time fixed sleeps removed from this unit used to wait, in milliseconds. */
    private static long removedSleep(Comparison.UnitChange u) {
        long before = u.original().map(o -> sleepTotal(o.statements())).orElse(0L);
        long after = u.proposed().map(p -> sleepTotal(p.statements())).orElse(0L);
        return Math.max(0, before - after);
    }

    private static long sleepTotal(List<Statement> statements) {
        long total = 0;
        for (Statement s : statements) {
            for (Call call : Call.all(s)) {
                if (!SleepRule.sleeps(new Statement(s.tokens().subList(call.start(), call.close() + 1), List.of(),
                        null)).isEmpty()) {
                    total += SleepRule.millis(call);
                }
            }
        }
        return total;
    }

    private static long multiply(long millis, long factor) {
        return millis == TimeoutDefaults.UNLIMITED ? millis : millis * factor;
    }

    static String format(long millis) {
        if (millis == TimeoutDefaults.UNLIMITED) {
            return "no limit";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
