package dev.feedbackloop.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scope-escape}: the proposal reaches beyond the failing test. It is for another path; it deletes, adds or
 * edits other tests; it configures the file or a {@code describe} block ({@code test.use},
 * {@code test.describe.configure}, {@code Cypress.config}, {@code jest.setTimeout}, class annotations), which changes
 * every test there; or it edits shared hooks and helpers. An edit of a shared hook is only a warning when the
 * failure happened in that hook, or when it reworks an existing step in place that the failure names (the
 * endpoint every test mocks has moved, a link every test follows was renamed), because such a fix may need it; a
 * step reworked that the failure does not name (the shared login switched to another role), a wait or
 * configuration added there, or a step removed, is an error. Either warning becomes an error when the edit removes a
 * value (the role {@code 'mentor'}) that another test running the step is about (its title says "mentors can
 * leave feedback"): that test would silently check something else. A constant of test data that only gains entries,
 * every original one kept, is a warning when the failure names what it gains (a form asking for the 8000 Hz
 * threshold); changed or removed entries stay an error.
 */
final class ScopeRule implements Rule {

    private static final Set<String> CONFIG_CALLS = Set.of("use", "configure", "config", "setTimeout", "retryTimes",
            "slow", "setDefaultTimeout", "setDefaultNavigationTimeout", "set_default_timeout",
            "set_default_navigation_timeout", "set_options", "implicitlyWait", "pageLoadTimeout", "defaults");
    private static final Set<String> WAIT_CALLS = Set.of("wait", "waitFor", "waitForTimeout", "waitForLoadState",
            "waitForResponse", "waitForRequest", "waitForSelector", "waitForURL", "waitForFunction", "until", "pause",
            "sleep", "waitUntil", "waitForDisplayed", "waitForExist", "wait_for_timeout", "wait_for_load_state",
            "wait_for_selector", "wait_for_response", "wait_for_url", "expect_response");

    @Override
    public void check(Comparison c, Findings findings) {
        if (!samePath(c.fix.file(), c.fix.proposedFile())) {
            findings.error(GuardRule.SCOPE_ESCAPE, 0, "the proposal is for " + c.fix.proposedFile()
                    + ", but only the failing test's file " + c.fix.file() + " may change");
        }
        if (c.failingOriginal.isEmpty()) {
            findings.warning(GuardRule.SCOPE_ESCAPE, 0, "the failing test '" + c.fix.test() + "' was not found in "
                    + c.fix.file() + ", so changes could not be confined to it");
            return;
        }
        for (Comparison.UnitChange u : c.units) {
            if (u.diff().unchanged()) {
                continue;
            }
            switch (u.reach()) {
                case OTHER_TEST -> otherTest(c, u, findings);
                case SHARED, FAILURE_SITE -> shared(c, u, findings);
                default -> {
                }
            }
        }
    }

    private static void otherTest(Comparison c, Comparison.UnitChange u, Findings findings) {
        String title = "'" + u.any().title() + "'";
        if (u.original().isPresent() && u.proposed().isPresent() && c.failure.showsFailing(u.any().title())) {
            int line = u.diff().changes().stream().filter(StatementDiff.Change::changed).findFirst()
                    .map(StatementDiff.Change::proposedLine).orElse(u.proposed().get().firstLine());
            findings.warning(GuardRule.SCOPE_ESCAPE, line, "changes the test " + title + ", which the report shows"
                    + " failing too: check that its change fixes the same cause and keeps what it checks");
            return;
        }
        if (u.proposed().isEmpty()) {
            int line = u.diff().changes().isEmpty() ? 0 : u.diff().changes().get(0).proposedLine();
            findings.error(GuardRule.SCOPE_ESCAPE, line, "deletes the test " + title + ", which was not failing");
        } else if (u.original().isEmpty()) {
            findings.error(GuardRule.SCOPE_ESCAPE, u.proposed().get().firstLine(), "adds the test " + title
                    + ": a fix changes the failing test only");
        } else {
            int line = u.diff().changes().stream().filter(StatementDiff.Change::changed).findFirst()
                    .map(StatementDiff.Change::proposedLine).orElse(u.proposed().get().firstLine());
            findings.error(GuardRule.SCOPE_ESCAPE, line, "changes the test " + title + ", which was not failing");
        }
    }

    private static void shared(Comparison c, Comparison.UnitChange u, Findings findings) {
        String where = where(u.any());
        boolean failureSite = u.reach() == Comparison.Reach.FAILURE_SITE;
        for (StatementDiff.Change change : u.diff().changes()) {
            if (!change.changed() || isImport(change) || ownData(c, change) || unread(c, change)) {
                continue;
            }
            Statement s = change.proposed().orElseGet(() -> change.original().get());
            int line = change.proposedLine();
            Optional<RemovedSubjects.Subject> subject = change.type() == StatementDiff.Type.MODIFIED
                    ? RemovedSubjects.of(c, u, change) : Optional.empty();
            if (change.proposed().isPresent() && configures(s)) {
                config(c, change, where, findings);
            } else if (subject.isPresent() && (failureSite || sameStep(change) && (named(c, change) || header(u, s)))) {
                findings.error(GuardRule.SCOPE_ESCAPE, line, "edits " + where + " (" + Snippet.of(s.tokens())
                        + "), removing '" + subject.get().value() + "', which the test '" + subject.get().test()
                        + "' is about: that test now checks something else");
            } else if (failureSite) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "edits " + where + ", where the failure happened ("
                        + Snippet.of(s.tokens()) + "): other tests run it too, so check that they still hold");
            } else if (change.proposed().isPresent() && waits(s) && !change.original().map(ScopeRule::waits)
                    .orElse(false) && awaitsNamed(c, s)) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "adds a wait to " + where + " (" + Snippet.of(s.tokens())
                        + ") for what the failure shows in the way: every test there waits for it too, so check that"
                        + " they all meet it");
            } else if (change.proposed().isPresent() && waits(s) && !change.original().map(ScopeRule::waits)
                    .orElse(false)) {
                findings.error(GuardRule.SCOPE_ESCAPE, line, "adds a wait to " + where + " (" + Snippet.of(s.tokens())
                        + "): every test there now pays for the failing test's timing");
            } else if (change.type() == StatementDiff.Type.MODIFIED && timeoutLowered(c, change)) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "lowers a timeout in " + where + " ("
                        + Snippet.of(s.tokens()) + "): the other tests there get less time too; check that they hold");
            } else if (change.type() == StatementDiff.Type.MODIFIED && awaitAdded(change)) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "adds the missing await to " + where + " ("
                        + Snippet.of(s.tokens()) + "): every test there now waits for the step to finish, which is"
                        + " what it was written for");
            } else if (change.type() == StatementDiff.Type.MODIFIED && sameStep(change)
                    && (named(c, change) || header(u, s) || loginRepaired(c, change))) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "edits " + where + " (" + Snippet.of(s.tokens())
                        + "), which other tests use too, in a step the failure names: check that they still hold");
            } else if (change.type() == StatementDiff.Type.MODIFIED && u.any().kind() == Unit.Kind.SCOPE
                    && addsNamedEntries(c, change)) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "adds entries to " + where + " ("
                        + Snippet.of(s.tokens()) + "), keeping every one it had: it adds data the failure asks for;"
                        + " check the other tests using it");
            } else if (change.type() == StatementDiff.Type.MODIFIED && sameStep(change)) {
                findings.error(GuardRule.SCOPE_ESCAPE, line, "edits " + where + " (" + Snippet.of(s.tokens())
                        + "), which other tests use too, though the failure is in the test and does not name this"
                        + " step: the change reaches every test there instead of fixing the failing one");
            } else if (change.type() == StatementDiff.Type.REMOVED && loginRepaired(c, change)) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "removes " + Snippet.of(s.tokens()) + " from " + where
                        + ": the failure says the login is gone, and this is how the tests got it; check that they"
                        + " all log in another way now");
            } else if (change.type() == StatementDiff.Type.ADDED) {
                findings.warning(GuardRule.SCOPE_ESCAPE, line, "adds " + Snippet.of(s.tokens()) + " to " + where
                        + ", which other tests run too: check that they still hold");
            } else {
                String verb = switch (change.type()) {
                    case REMOVED -> "removes";
                    case ADDED -> "adds";
                    default -> "changes";
                };
                findings.error(GuardRule.SCOPE_ESCAPE, line, verb + " " + Snippet.of(s.tokens()) + " in " + where
                        + ", which other tests use too");
            }
        }
    }

    /**
     * A declaration at file or block level (test data, a constant) that only the failing test reads, before and
     * after: editing it edits that test, and the other rules judge what the edit does.
     */
    private static boolean ownData(Comparison c, StatementDiff.Change change) {
        return java.util.stream.Stream.of(change.original(), change.proposed()).flatMap(Optional::stream)
                .allMatch(s -> Names.assignedName(s).filter(c::readOnlyByFailing).isPresent());
    }

    /**
     * A declaration removed whose name the proposal no longer reads anywhere: what it held reached the tests only
     * through the statements that read it, and those changed too and are judged where they are.
     */
    private static boolean unread(Comparison c, StatementDiff.Change change) {
        if (change.type() != StatementDiff.Type.REMOVED) {
            return false;
        }
        Statement s = change.original().get();
        return Names.assignedName(s)
                .filter(name -> c.proposed.units.stream().flatMap(u -> u.statements().stream())
                        .noneMatch(st -> st.contains(name)))
                .isPresent();
    }

    /** Timing and retry options: never a need of one failing test. */
    private static final Set<String> TIMING_KEYS = Set.of("timeout", "actionTimeout", "navigationTimeout", "retries",
            "defaultCommandTimeout", "requestTimeout", "responseTimeout", "pageLoadTimeout", "execTimeout",
            "taskTimeout", "expect", "slow", "mode", "repeatEach", "workers", "fullyParallel", "testTimeout",
            "implicit", "pageLoad", "script", "waitforTimeout", "retryTimes", "setTimeout", "slowMo");

    /**
     * Configuration reaching other tests: an error, unless every option it adds or changes is a capability the
     * failure names (a permission denied, a locale, a geolocation) rather than timing or retries.
     */
    private static void config(Comparison c, StatementDiff.Change change, String where, Findings findings) {
        Statement s = change.proposed().get();
        Map<String, String> now = options(s);
        Map<String, String> before = change.original().map(ScopeRule::options).orElse(Map.of());
        List<String> changed = now.keySet().stream().filter(k -> !now.get(k).equals(before.get(k))).toList();
        boolean needed = !changed.isEmpty() && changed.stream().noneMatch(TIMING_KEYS::contains)
                && changed.stream().allMatch(k -> c.failure.mentions(k) || c.failure.mentions(stem(k))
                || shownBy(c.failure, k));
        String text = "configures " + where + " (" + Snippet.of(s.tokens()) + "): the setting reaches every test"
                + " there, not only the failing one";
        if (needed) {
            findings.warning(GuardRule.SCOPE_ESCAPE, change.proposedLine(), text + "; the failure names "
                    + String.join(", ", changed) + ", so the fix may need it");
        } else {
            findings.error(GuardRule.SCOPE_ESCAPE, change.proposedLine(), text);
        }
    }

    /** The options a configuration statement sets: object keys with their values, and Cypress.config's key. */
    private static Map<String, String> options(Statement s) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (Call call : Call.all(s)) {
            if (!CONFIG_CALLS.contains(call.name())) {
                continue;
            }
            if (call.arg(0).flatMap(Call.Arg::text).isPresent() && call.args().size() == 2) {
                options.put(call.arg(0).get().text().get(), call.args().get(1).normalized());
            }
            if (call.name().equals("setTimeout") || call.name().equals("slow") || call.name().equals("retryTimes")) {
                options.put(call.name(), call.text());
            }
        }
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).isWord() && s.is(i + 1, ":") && (s.is(i - 1, "{") || s.is(i - 1, ","))) {
                int end = i + 2;
                int depth = 0;
                while (end < s.size() && (depth > 0 || !s.get(end).is(",") && !s.get(end).is("}"))) {
                    depth += s.get(end).is("[") || s.get(end).is("{") || s.get(end).is("(") ? 1
                            : s.get(end).is("]") || s.get(end).is("}") || s.get(end).is(")") ? -1 : 0;
                    end++;
                }
                options.put(s.get(i).text(), Statement.normalise(s.tokens().subList(i + 2, Math.min(end, s.size()))));
            }
        }
        if (options.isEmpty()) {
            options.put("?", s.text());
        }
        return options;
    }

    private static final java.util.regex.Pattern ZONE = java.util.regex.Pattern.compile(
            "(?i)\\bTZ=|time ?zone|\\b(UTC|GMT)[+-]\\d");
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile("(?i)\\bLANG=|\\bLC_[A-Z]+=");
    private static final java.util.regex.Pattern CLOCK = java.util.regex.Pattern.compile("\\d{1,2}:\\d{2}");

    /**
     * Whether the failure shows the need for a locale or time zone without naming the option: the runner's
     * {@code TZ=}/{@code LANG=}, or the received value being the expected one written the way another locale
     * writes it (the same digits in another order, "14/03/2025" as "03/14/2025") or at another hour of the clock.
     */
    private static boolean shownBy(FailureText failure, String key) {
        String text = failure.text();
        Optional<String> expected = failure.expected();
        Optional<String> received = failure.received();
        boolean both = expected.isPresent() && received.isPresent() && !expected.equals(received);
        if (key.equals("timezoneId") || key.equals("timezone_id") || key.equals("timeZone")) {
            return ZONE.matcher(text).find() || both && CLOCK.matcher(expected.get()).find()
                    && CLOCK.matcher(received.get()).find();
        }
        if (key.equals("locale")) {
            return LANGUAGE.matcher(text).find() || both && (digits(expected.get()).length() >= 4
                    && digits(expected.get()).equals(digits(received.get()))
                    || dateParts(expected.get()).filter(d -> d.equals(dateParts(received.get()).orElse(""))).isPresent());
        }
        return false;
    }

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "\\b(\\d{1,4})[/.-](\\d{1,2})[/.-](\\d{1,4})\\b");

    /** A date's day, month and year, sorted: equal for 14/03/2025 and 03/14/2025. */
    private static Optional<String> dateParts(String value) {
        java.util.regex.Matcher m = DATE.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(java.util.stream.Stream.of(m.group(1), m.group(2), m.group(3))
                .map(p -> p.replaceFirst("^0+(?=\\d)", "")).sorted().toList().toString());
    }

    /** The digits of a value, sorted: equal for one date or number written in two locales' orders. */
    private static String digits(String value) {
        char[] d = value.replaceAll("\\D", "").toCharArray();
        java.util.Arrays.sort(d);
        return new String(d);
    }

    /** A key's word stem for looking it up in the failure message: permissions to permission. */
    private static String stem(String key) {
        String k = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return k.endsWith("s") && k.length() > 5 ? k.substring(0, k.length() - 1) : k;
    }

    /** How a unit is named in messages: the shared hook of a scope, a helper, or the scope itself. */
    static String where(Unit unit) {
        String scope = unit.path().isEmpty() ? "the file" : "'" + String.join(" › ", unit.path()) + "'";
        return switch (unit.kind()) {
            case HOOK -> "the shared " + unit.title() + " of " + scope;
            case HELPER -> "the shared helper " + unit.title();
            default -> scope;
        };
    }

    /** A statement that configures the tests around it. */
    static boolean configures(Statement s) {
        if (s.get(0).is("pytestmark") || s.get(0).is("@") && s.size() > 1
                && Set.of("Timeout", "Disabled", "Tag", "TestInstance", "Execution").contains(s.get(1).text())) {
            return true;
        }
        for (Call call : Call.all(s)) {
            List<String> head = call.head();
            String receiver = call.receiver();
            boolean framework = !head.isEmpty() && Set.of("test", "Cypress", "jest", "expect", "page", "context",
                    "browser", "driver", "describe", "this", "mocha").contains(head.get(0));
            if (framework && CONFIG_CALLS.contains(call.name())
                    && !(call.name().equals("configure") && receiver.equals("expect") && assigned(s))) {
                return true;
            }
            if (call.name().equals("timeouts") || call.name().equals("setTimeout") && receiver.startsWith("browser")) {
                return true;
            }
            if ((call.name().equals("on") || call.name().equals("once"))
                    && Set.of("Cypress", "cy", "process").contains(receiver)) {
                return true; // an event handler for every test from here on
            }
            if ((call.name().equals("overwrite") || call.name().equals("add")) && receiver.equals("Cypress . Commands")) {
                return true; // a custom command redefined for every test that runs after it
            }
        }
        return false;
    }

    /** The same statement with {@code await} (or {@code return}) put before it: a missing wait restored. */
    private static boolean awaitAdded(StatementDiff.Change change) {
        List<String> before = change.original().get().tokens().stream().map(Token::normalized)
                .filter(t -> !t.equals(";")).toList();
        List<String> after = change.proposed().get().tokens().stream().map(Token::normalized)
                .filter(t -> !t.equals(";")).toList();
        return after.size() == before.size() + 1 && (after.get(0).equals("await") || after.get(0).equals("return"))
                && after.subList(1, after.size()).equals(before);
    }

    /** {@code const slow = expect.configure(...)} configures only where {@code slow} is used. */
    private static boolean assigned(Statement s) {
        return Names.assigned(s).isPresent();
    }

    static boolean waits(Statement s) {
        return Call.all(s).stream().anyMatch(call -> WAIT_CALLS.contains(call.name()))
                || !NetworkIdleRule.idleWaits(s).isEmpty() || !SleepRule.sleeps(s).isEmpty();
    }

    /**
     * Whether the failure names what the edited step works with: one of its texts before or after (a link, a
     * label, a URL, a selector, a scope the response asks for; template literals and route globs by their fixed
     * parts, {@code '**}{@code /api/v3/forecast*'} by {@code /api/v3/forecast}). Then the
     * fix may need the shared step changed (a renamed link every test follows). A hook's header (its parameters)
     * is not a step.
     */
    private static boolean named(Comparison c, StatementDiff.Change change) {
        boolean texts = java.util.stream.Stream.concat(change.original().get().tokens().stream(),
                        change.proposed().get().tokens().stream())
                .filter(Token::isText).flatMap(t -> java.util.Arrays.stream(t.value().split("\\$\\{[^}]*}|\\*+")))
                .map(String::strip).anyMatch(v -> v.length() >= 4 && c.failure.mentionsAny(List.of(v)));
        return texts || changedKeyNamed(c, change) || coveringNamed(c, change.proposed().get());
    }

    /**
     * A field the edit changes, adds or removes, named by the failure ({@code deliveryWindow: {...}} replaced where
     * the API answered "deliveryWindow.start must be in the future"; a stub given the {@code remaining} field the
     * contract the failure quotes has).
     */
    private static boolean changedKeyNamed(Comparison c, StatementDiff.Change change) {
        Map<String, String> before = options(change.original().get());
        Map<String, String> after = options(change.proposed().get());
        java.util.Set<String> keys = new java.util.HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        if (keys.stream().filter(k -> !k.equals("?") && !java.util.Objects.equals(before.get(k), after.get(k)))
                .anyMatch(k -> k.length() >= 5 && c.failure.mentions(k))) {
            return true;
        }
        // a stub given the shape the failure quotes ({ data, meta }): two new fields named, short names included
        List<String> added = after.keySet().stream().filter(k -> !k.equals("?") && !before.containsKey(k)).toList();
        return added.stream().filter(k -> java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(k)
                + "\\b").matcher(c.failure.text()).find()).count() >= 2;
    }

    /**
     * A step that works with the element the failure says covered the target (a consent banner stored as
     * accepted, a loading overlay waited out): the fix for every test that meets it.
     */
    private static boolean coveringNamed(Comparison c, Statement s) {
        java.util.Set<String> covering = c.failure.coveringWords();
        return !covering.isEmpty() && s.tokens().stream()
                .flatMap(t -> java.util.Arrays.stream((t.isText() ? t.value() : t.text()).toLowerCase(java.util.Locale.ROOT)
                        .split("[^a-z]+")))
                .anyMatch(covering::contains);
    }

    /** A wait (not a sleep, not for the network to go idle) for something the failure names. */
    private static boolean awaitsNamed(Comparison c, Statement s) {
        if (!SleepRule.sleeps(s).isEmpty() || !NetworkIdleRule.idleWaits(s).isEmpty()) {
            return false;
        }
        return coveringNamed(c, s) || s.tokens().stream().filter(Token::isText).map(Token::value)
                .map(String::strip).anyMatch(v -> v.length() >= 6 && c.failure.mentionsAny(List.of(v)));
    }

    /** Words of a step that logs the tests in: a stored state, a session cookie, a token header, a login call. */
    private static final java.util.regex.Pattern LOGIN_STEP = java.util.regex.Pattern.compile(
            "(?i)authori[sz]ation|bearer|token|cookie|storage_?state|session|log_?in|sign_?in|password|credential"
                    + "|api_?key|\\bauth");

    /**
     * A shared login step reworked where the failure says the tests are signed out (a 401, an expired session or
     * token, a redirect to the login page): the fix needs it, as every test there lost its login too. What the
     * rework puts in its place is judged by the other rules (a literal credential, a wait).
     */
    private static boolean loginRepaired(Comparison c, StatementDiff.Change change) {
        if (!c.failure.signedOut()) {
            return false;
        }
        return java.util.stream.Stream.of(change.original(), change.proposed()).flatMap(Optional::stream)
                .flatMap(st -> st.tokens().stream()).anyMatch(t -> LOGIN_STEP.matcher(t.isText() ? t.value()
                        : t.text()).find());
    }

    /**
     * A shared statement changed only in its numbers, every timeout in it lowered ({@code Duration.ofSeconds(30)} to
     * {@code 10}): lowering a timeout is fine, wherever it is set.
     */
    private static boolean timeoutLowered(Comparison c, StatementDiff.Change change) {
        Statement before = change.original().get();
        Statement after = change.proposed().get();
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            boolean number = before.get(i).kind() == Token.Kind.NUMBER && after.get(i).kind() == Token.Kind.NUMBER;
            if (!number && !before.get(i).text().equals(after.get(i).text())) {
                return false;
            }
        }
        List<Timeouts.Setting> was = Timeouts.in(before, c.framework);
        List<Timeouts.Setting> now = Timeouts.in(after, c.framework);
        if (now.isEmpty() || was.size() != now.size()) {
            return false;
        }
        boolean lower = false;
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i).slow() || was.get(i).slow() || now.get(i).millis() > was.get(i).millis()) {
                return false;
            }
            lower |= now.get(i).millis() < was.get(i).millis();
        }
        return lower;
    }

    /** A constant whose edit only adds entries (every original one kept as it was) that the failure names. */
    private static boolean addsNamedEntries(Comparison c, StatementDiff.Change change) {
        return declares(change.original().get()) && AddedEntries.of(change.original().get(), change.proposed().get())
                .filter(added -> AddedEntries.named(added, c.fix.failure())).isPresent();
    }

    /**
     * The unit's own first statement: a hook's or helper's header, whose parameters are not a step. A scope has no
     * header: its first statement (a class's first field) is a step like any other.
     */
    private static boolean header(Comparison.UnitChange u, Statement s) {
        return u.any().kind() != Unit.Kind.SCOPE && u.proposed().map(p -> p.firstLine() == s.line()).orElse(false);
    }

    /** A modified statement that is still the same step: same first call, or the same name assigned. */
    private static boolean sameStep(StatementDiff.Change change) {
        Statement before = change.original().get();
        Statement after = change.proposed().get();
        List<Call> b = Call.all(before);
        List<Call> a = Call.all(after);
        if (!b.isEmpty() && !a.isEmpty() && b.get(0).name().equals(a.get(0).name())
                && b.get(0).receiver().equals(a.get(0).receiver())) {
            return true;
        }
        if (Names.assignedName(before).filter(name -> Names.assignedName(after).filter(name::equals).isPresent())
                .isPresent()) {
            return true;
        }
        Optional<String> left = assignedTarget(before);
        return left.isPresent() && left.equals(assignedTarget(after)); // s.headers["Authorization"] = ... both times
    }

    /** What a statement assigns to, written out ({@code s . headers [ "Authorization" ]}), if it is an assignment. */
    private static Optional<String> assignedTarget(Statement s) {
        for (int i = 1; i < s.size() - 1; i++) {
            if (s.get(i).is("=")) {
                return Optional.of(Statement.normalise(s.tokens().subList(0, i)));
            }
            if (s.get(i).is("(") || s.get(i).is("==")) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean declares(Statement s) {
        return Set.of("const", "let", "var", "function", "def", "class", "private", "static", "async")
                .contains(s.get(0).text()) || Names.assigned(s).isPresent();
    }

    private static boolean isImport(StatementDiff.Change change) {
        Statement s = change.proposed().orElseGet(() -> change.original().get());
        Token first = s.get(0);
        return first.is("import") || first.is("from") || first.is("package")
                || s.tokens().stream().anyMatch(t -> t.is("require")) && s.size() < 16;
    }

    private static boolean samePath(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String path) {
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.replaceAll("/+", "/");
    }

    private static String clip(String text) {
        return Snippet.clip(AssertionRule.shorten(text), 60);
    }
}
