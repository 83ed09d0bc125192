package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Evidence;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.FlakyTally;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.health.Verdict;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Test health as items (docs/STORAGE.md, patterns 31-36): one {@code HEALTH} item per test in the test's partition,
 * holding the whole bounded {@link TestHealth} (its window of executions, what slid out of it, the verdict and the
 * quarantine) with a version; one item per timeline entry beside it; one marker per quarantined test; one tally per
 * report in the run's partition. Mapped by hand, as every item of the table.
 */
final class HealthItems {

    static final String HEALTH_SK = "HEALTH";
    static final String CHANGE_PREFIX = "CHANGE#";
    static final String TALLY_PREFIX = "TALLY#";
    static final String VERSION = "version";
    private static final int MAX_LABEL = 500;

    private HealthItems() {
    }

    /** GSI1 partition listing a project's tests by id. */
    static String testsPk(String project) {
        return "TESTS#" + project;
    }

    /** GSI2 partition listing a project's tests with one verdict (a sparse index: flaky, broken and fixed only). */
    static String verdictPk(String project, HealthState state) {
        return "VERDICT#" + project + "#" + state.name();
    }

    /** Partition of a project's quarantine markers: the quarantine list CI reads, in one query. */
    static String quarantinePk(String project) {
        return "QUARANTINE#" + project;
    }

    /** GSI1 partition of a project's timeline entries of one UTC day: what the nightly rollup reads. */
    static String changesPk(String project, java.time.LocalDate day) {
        return "CHANGES#" + project + "#" + day;
    }

    /** A timeline entry's key within its test: a retried write of the same change lands on the same key. */
    static String changeSk(TimelineEntry entry) {
        return CHANGE_PREFIX + Keys.time(entry.at()) + "#" + entry.from() + ">" + entry.to();
    }

    /** The attributes of a health item that name its test: what {@link #uncutLabel} reads. */
    static final List<String> LABEL_ATTRIBUTES = List.of("testId", "label");

    /**
     * The label kept on a health item, when none of its parts can have been cut to {@link #MAX_LABEL}: a cut text
     * keeps {@code MAX_LABEL - 40} characters and an elision ({@code TextLimits.cap}), so a shorter part is whole.
     */
    static Optional<TestLabel> uncutLabel(Map<String, AttributeValue> item) {
        if (!item.containsKey("label")) {
            return Optional.empty();
        }
        TestLabel label = label(map(item, "label"));
        boolean whole = label.suite().length() < MAX_LABEL - 40 && label.name().length() < MAX_LABEL - 40
                && label.file().map(f -> f.length() < MAX_LABEL - 40).orElse(true);
        return whole ? Optional.of(label) : Optional.empty();
    }

    static Map<String, AttributeValue> healthKey(String project, TestId test) {
        return Items.key(Keys.testPk(project, test), HEALTH_SK);
    }

    // ---- the health item

    static Map<String, AttributeValue> toItem(StoredHealth stored) {
        TestHealth health = stored.health();
        Map<String, AttributeValue> item = new LinkedHashMap<>(healthKey(health.project(), health.test()));
        item.put("project", Items.s(health.project()));
        item.put("testId", Items.s(health.test().value()));
        item.put(VERSION, Items.n(stored.version()));
        item.put(FeedbackTable.GSI1PK, Items.s(testsPk(health.project())));
        item.put(FeedbackTable.GSI1SK, Items.s(health.test().value()));
        HealthState state = health.verdict().state();
        if (state.troubled() || state == HealthState.FIXED) {
            item.put(FeedbackTable.GSI2PK, Items.s(verdictPk(health.project(), state)));
            item.put(FeedbackTable.GSI2SK, Items.s(health.test().value()));
        }
        stored.label().ifPresent(label -> item.put("label", label(label)));
        item.put("window", AttributeValue.fromL(health.window().stream().map(HealthItems::execution).toList()));
        item.put("cleanBefore", Items.n(health.cleanBeforeWindow()));
        item.put("streaksBefore", AttributeValue.fromL(health.streaksBeforeWindow().values().stream()
                .map(HealthItems::streak).toList()));
        if (!health.flakyBeforeWindow().equals(FlakyTally.NONE)) {
            item.put("flakyBefore", AttributeValue.fromM(Map.of(
                    "n", Items.n(health.flakyBeforeWindow().executions()),
                    "f", Items.n(health.flakyBeforeWindow().failing()))));
        }
        item.put("verdict", verdict(health.verdict()));
        health.recoveringFrom().ifPresent(r -> item.put("recoveringFrom", Items.s(r.name())));
        health.quarantine().ifPresent(q -> item.put("quarantine", quarantine(q)));
        return item;
    }

    static StoredHealth fromItem(Map<String, AttributeValue> item) {
        String project = Items.str(item, "project");
        TestId test = new TestId(Items.str(item, "testId"));
        List<Execution> window = new ArrayList<>();
        list(item, "window").forEach(e -> window.add(execution(e.m(), project, test)));
        Map<String, Evidence.FailureStreak> streaks = new TreeMap<>();
        list(item, "streaksBefore").forEach(s -> {
            Evidence.FailureStreak streak = streak(s.m(), project);
            streaks.put(streak.branch(), streak);
        });
        // An item written before the flaky tally was kept has none: the spell's memory starts at the window.
        FlakyTally flaky = item.containsKey("flakyBefore") ? new FlakyTally(
                (int) Items.num(map(item, "flakyBefore"), "n"), (int) Items.num(map(item, "flakyBefore"), "f"))
                : FlakyTally.NONE;
        TestHealth health = new TestHealth(project, test, window, (int) Items.num(item, "cleanBefore"), streaks,
                flaky, verdict(map(item, "verdict")), Items.optStr(item, "recoveringFrom").map(HealthState::valueOf),
                item.containsKey("quarantine") ? Optional.of(quarantine(map(item, "quarantine"))) : Optional.empty());
        Optional<TestLabel> label = item.containsKey("label") ? Optional.of(label(map(item, "label")))
                : Optional.empty();
        return new StoredHealth(health, Items.num(item, VERSION), label);
    }

    // ---- timeline entries

    static Map<String, AttributeValue> toItem(TimelineEntry entry) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.testPk(entry.project(), entry.test()),
                changeSk(entry)));
        item.put("project", Items.s(entry.project()));
        item.put("testId", Items.s(entry.test().value()));
        item.put("at", Items.s(Keys.time(entry.at())));
        item.put("from", Items.s(entry.from().name()));
        item.put("to", Items.s(entry.to().name()));
        item.put("reason", Items.s(entry.reason()));
        item.put("evidence", Items.strings(entry.evidence()));
        entry.cause().ifPresent(c -> item.put("cause", run(c)));
        Items.putIfPresent(item, "actor", entry.actor());
        item.put(FeedbackTable.GSI1PK, Items.s(changesPk(entry.project(), entry.at().atZone(ZoneOffset.UTC)
                .toLocalDate())));
        item.put(FeedbackTable.GSI1SK, Items.s(Keys.time(entry.at()) + "#" + entry.from() + ">" + entry.to() + "#"
                + entry.test().value()));
        return item;
    }

    static TimelineEntry entryFrom(Map<String, AttributeValue> item) {
        String project = Items.str(item, "project");
        return new TimelineEntry(project, new TestId(Items.str(item, "testId")), Items.instant(item, "at"),
                Items.enumValue(item, "from", HealthState.class), Items.enumValue(item, "to", HealthState.class),
                Items.str(item, "reason"), Items.stringList(item, "evidence"),
                item.containsKey("cause") ? Optional.of(run(map(item, "cause"), project)) : Optional.empty(),
                Items.optStr(item, "actor"));
    }

    // ---- quarantine markers

    static Map<String, AttributeValue> quarantineKey(String project, TestId test) {
        return Items.key(quarantinePk(project), test.value());
    }

    static Map<String, AttributeValue> quarantineMarker(StoredHealth stored, Quarantine quarantine) {
        TestHealth health = stored.health();
        Map<String, AttributeValue> item = new LinkedHashMap<>(quarantineKey(health.project(), health.test()));
        item.put("project", Items.s(health.project()));
        item.put("testId", Items.s(health.test().value()));
        stored.label().ifPresent(label -> item.put("label", label(label)));
        item.put("verdict", verdict(health.verdict()));
        item.put("quarantine", quarantine(quarantine));
        return item;
    }

    static TestEntry entryOf(Map<String, AttributeValue> item) {
        String project = Items.str(item, "project");
        TestId test = new TestId(Items.str(item, "testId"));
        Verdict verdict = verdict(map(item, "verdict"));
        TestLabel label = item.containsKey("label") ? label(map(item, "label"))
                : new TestLabel("", test.value(), Optional.empty());
        return new TestEntry(project, test, label, verdict.state(), verdict.since(),
                Optional.of(quarantine(map(item, "quarantine"))));
    }

    // ---- parts

    private static AttributeValue label(TestLabel label) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("suite", Items.s(Items.cap(label.suite(), MAX_LABEL)));
        m.put("name", Items.s(Items.cap(label.name(), MAX_LABEL)));
        label.file().ifPresent(f -> m.put("file", Items.s(Items.cap(f, MAX_LABEL))));
        return AttributeValue.fromM(m);
    }

    private static TestLabel label(Map<String, AttributeValue> m) {
        return new TestLabel(Items.optStr(m, "suite").orElse(""), Items.str(m, "name"), Items.optStr(m, "file"));
    }

    private static AttributeValue execution(Execution e) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("r", Items.s(e.run().runId()));
        m.put("a", Items.n(e.run().attempt()));
        m.put("t", Items.time(e.time()));
        Items.putIfPresent(m, "c", e.commit());
        Items.putIfPresent(m, "b", e.branch());
        m.put("o", Items.s(e.outcome().name()));
        e.category().ifPresent(c -> m.put("k", Items.s(c.name())));
        e.fingerprint().ifPresent(f -> m.put("f", Items.s(f.value())));
        return AttributeValue.fromM(m);
    }

    private static Execution execution(Map<String, AttributeValue> m, String project, TestId test) {
        return new Execution(test, new RunKey(project, Items.str(m, "r"), (int) Items.num(m, "a")),
                Items.instant(m, "t"), Items.optStr(m, "c"), Items.optStr(m, "b"),
                Items.enumValue(m, "o", Outcome.class), Items.optStr(m, "k").map(Category::valueOf),
                Items.optStr(m, "f").map(Fingerprint::new), false);
    }

    private static AttributeValue streak(Evidence.FailureStreak s) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("branch", Items.s(s.branch()));
        m.put("startRun", run(s.startRun()));
        Items.putIfPresent(m, "startCommit", s.startCommit());
        m.put("startTime", Items.time(s.startTime()));
        m.put("lastRun", run(s.lastRun()));
        m.put("lastTime", Items.time(s.lastTime()));
        m.put("runs", Items.n(s.runs()));
        s.sharedFingerprint().ifPresent(f -> m.put("fingerprint", Items.s(f.value())));
        return AttributeValue.fromM(m);
    }

    private static Evidence.FailureStreak streak(Map<String, AttributeValue> m, String project) {
        return new Evidence.FailureStreak(Items.str(m, "branch"), run(map(m, "startRun"), project),
                Items.optStr(m, "startCommit"), Items.instant(m, "startTime"), run(map(m, "lastRun"), project),
                Items.instant(m, "lastTime"), (int) Items.num(m, "runs"),
                Items.optStr(m, "fingerprint").map(Fingerprint::new));
    }

    private static AttributeValue verdict(Verdict v) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("state", Items.s(v.state().name()));
        v.since().ifPresent(s -> m.put("since", Items.time(s)));
        m.put("reason", Items.s(Items.cap(v.reason(), TimelineEntry.MAX_REASON_LENGTH)));
        return AttributeValue.fromM(m);
    }

    private static Verdict verdict(Map<String, AttributeValue> m) {
        return new Verdict(Items.enumValue(m, "state", HealthState.class), Items.optInstant(m, "since"),
                Items.str(m, "reason"));
    }

    private static AttributeValue quarantine(Quarantine q) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("source", Items.s(q.source().name()));
        m.put("by", Items.s(q.by()));
        m.put("reason", Items.s(q.reason()));
        m.put("since", Items.time(q.since()));
        m.put("expires", Items.time(q.expires()));
        return AttributeValue.fromM(m);
    }

    private static Quarantine quarantine(Map<String, AttributeValue> m) {
        return new Quarantine(Items.enumValue(m, "source", Quarantine.Source.class), Items.str(m, "by"),
                Items.str(m, "reason"), Items.instant(m, "since"), Items.instant(m, "expires"));
    }

    private static AttributeValue run(RunKey run) {
        return AttributeValue.fromM(Map.of("r", Items.s(run.runId()), "a", Items.n(run.attempt())));
    }

    private static RunKey run(Map<String, AttributeValue> m, String project) {
        return new RunKey(project, Items.str(m, "r"), (int) Items.num(m, "a"));
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    private static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            throw Items.corrupt(item, name, "missing map");
        }
        return value.m();
    }

}
