package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.health.RunTally;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.FoldedHealthWrite;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.JudgedRun;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportTally;
import dev.feedbackloop.store.RunJudgement;
import dev.feedbackloop.store.RunVerdict;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link HealthStore} on the one DynamoDB table. Each test's health is one item in the test's partition, replaced
 * on condition of its version (optimistic locking, as the scenario store counts occurrences), in one transaction with
 * the timeline entries the step produced and the test's quarantine marker; tests are written up to
 * {@link #TESTS_PER_TRANSACTION} to a transaction. Key shapes: {@link HealthItems}, docs/STORAGE.md.
 */
public final class DynamoHealthStore implements HealthStore {

    /** Tests written in one transaction: few enough that a conflict re-reads little, many enough to be cheap. */
    static final int TESTS_PER_TRANSACTION = 20;
    /** TransactWriteItems takes at most 100 actions. */
    private static final int MAX_ACTIONS = 100;
    private static final int PAGE = 500;

    private final Table table;
    private final Queries queries;
    private final BatchReader reader;

    public DynamoHealthStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
        this.reader = new BatchReader(table);
    }

    @Override
    public Map<TestId, StoredHealth> find(String project, Collection<TestId> tests) {
        Map<TestId, StoredHealth> found = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (TestId test : new LinkedHashSet<>(tests)) {
            found.put(test, StoredHealth.unseen(project, test));
            keys.add(HealthItems.healthKey(project, test));
        }
        for (Map<String, AttributeValue> item : reader.get("GetHealth", keys)) {
            StoredHealth stored = HealthItems.fromItem(item);
            found.put(stored.health().test(), stored);
        }
        return found;
    }

    @Override
    public Set<TestId> write(String project, List<HealthWrite> writes) {
        List<TestActions> tests = new ArrayList<>(writes.size());
        for (HealthWrite write : writes) {
            requireProject(project, write.health().project(), write.health().test());
            StoredHealth next = new StoredHealth(write.health(), write.readVersion() + 1, write.label());
            tests.add(new TestActions(write.health().test(), actions(next, write.readVersion(),
                    write.changes().isEmpty() ? List.of() : List.of(write))));
        }
        return commitAll(tests);
    }

    /** As {@link #write}, one fold a test: its last health, all its timeline entries, its marker as last left. */
    @Override
    public Set<TestId> writeFolded(String project, List<FoldedHealthWrite> writes) {
        List<TestActions> tests = new ArrayList<>(writes.size());
        for (FoldedHealthWrite fold : writes) {
            HealthWrite last = fold.last();
            requireProject(project, last.health().project(), fold.test());
            StoredHealth next = new StoredHealth(last.health(), fold.version(), last.label());
            List<TransactWriteItem> actions = actions(next, fold.readVersion(), fold.changing());
            if (actions.size() > MAX_ACTIONS) {
                throw new IllegalArgumentException("the folded writes of test " + fold.test() + " need "
                        + actions.size() + " actions, more than one transaction takes (" + MAX_ACTIONS
                        + "): write them in shorter folds");
            }
            tests.add(new TestActions(fold.test(), actions));
        }
        return commitAll(tests);
    }

    /** Each test's actions, all in one transaction. */
    private record TestActions(TestId test, List<TransactWriteItem> actions) {
    }

    private static void requireProject(String project, String healthProject, TestId test) {
        if (!healthProject.equals(project)) {
            throw new IllegalArgumentException("health of test " + test + " in " + healthProject
                    + " written to project " + project);
        }
    }

    /**
     * Packs the tests' actions into transactions, up to {@link #TESTS_PER_TRANSACTION} tests each.
     *
     * @return the tests of the transactions that were cancelled
     */
    private Set<TestId> commitAll(List<TestActions> writes) {
        Set<TestId> retry = new LinkedHashSet<>();
        List<TransactWriteItem> actions = new ArrayList<>();
        List<TestId> tests = new ArrayList<>();
        for (TestActions write : writes) {
            if (tests.size() >= TESTS_PER_TRANSACTION || actions.size() + write.actions().size() > MAX_ACTIONS) {
                retry.addAll(commit(tests, actions));
                actions = new ArrayList<>();
                tests = new ArrayList<>();
            }
            actions.addAll(write.actions());
            tests.add(write.test());
        }
        retry.addAll(commit(tests, actions));
        return retry;
    }

    /** Commits one transaction; the tests to read again when it was cancelled (none of it was written). */
    private List<TestId> commit(List<TestId> tests, List<TransactWriteItem> actions) {
        if (tests.isEmpty()) {
            return List.of();
        }
        Optional<TransactionCanceledException> cancelled = table.transact("WriteHealth",
                Items.describe(actions.get(0).put().item()), actions);
        if (cancelled.isEmpty()) {
            return List.of();
        }
        String reasons = Table.reasons(cancelled.get());
        if (!reasons.contains("ConditionalCheckFailed") && !reasons.contains("TransactionConflict")) {
            throw new StoreException("WriteHealth", Items.describe(actions.get(0).put().item()), reasons,
                    cancelled.get());
        }
        return tests;
    }

    /**
     * The health item at {@code next} on condition of {@code readVersion}, the timeline entries of the changing
     * writes (one per key: a later entry replaces an earlier one, as a later write would), and the quarantine marker
     * as the last changing write that touches it leaves it.
     */
    private List<TransactWriteItem> actions(StoredHealth next, long readVersion, List<HealthWrite> changing) {
        Map<String, AttributeValue> item = ItemSize.check("WriteHealth", HealthItems.toItem(next));
        Put.Builder put = Put.builder().tableName(table.name).item(item);
        if (readVersion == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk",
                    FeedbackTable.PK));
        } else {
            put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", HealthItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", Items.n(readVersion)));
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().put(put.build()).build());
        Map<String, Map<String, AttributeValue>> changes = new LinkedHashMap<>();
        Optional<TransactWriteItem> marker = Optional.empty();
        for (HealthWrite write : changing) {
            for (var change : write.changes()) {
                Map<String, AttributeValue> entry = HealthItems.toItem(TimelineEntry.of(change));
                changes.put(entry.get(FeedbackTable.SK).s(), ItemSize.check("WriteHealth", entry)); // one per key
            }
            Optional<TransactWriteItem> touched = quarantineAction(new StoredHealth(write.health(),
                    write.readVersion() + 1, write.label()), write);
            marker = touched.isPresent() ? touched : marker;
        }
        changes.values().forEach(entry -> actions.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name).item(entry).build()).build()));
        marker.ifPresent(actions::add);
        return actions;
    }

    /**
     * Keeps the quarantine marker in step: written while the test has a quarantine and something changed, deleted
     * when a change ended its quarantine.
     */
    private Optional<TransactWriteItem> quarantineAction(StoredHealth next, HealthWrite write) {
        if (write.changes().isEmpty()) {
            return Optional.empty();
        }
        Optional<Quarantine> quarantine = next.health().quarantine();
        if (quarantine.isPresent()) {
            return Optional.of(TransactWriteItem.builder().put(Put.builder().tableName(table.name)
                    .item(HealthItems.quarantineMarker(next, quarantine.get())).build()).build());
        }
        boolean ended = write.changes().stream().anyMatch(c -> c.from() == HealthState.QUARANTINED);
        return ended ? Optional.of(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name)
                .key(HealthItems.quarantineKey(next.health().project(), next.health().test())).build()).build())
                : Optional.empty();
    }

    /** What reading the health back gives: the item caps long labels and texts. */
    @Override
    public StoredHealth asStored(StoredHealth health) {
        return HealthItems.fromItem(HealthItems.toItem(health));
    }

    @Override
    public Page<StoredHealth> tests(String project, int limit, Optional<String> cursor) {
        return queries.page("ListTests", FeedbackTable.GSI1, FeedbackTable.GSI1PK, HealthItems.testsPk(project),
                FeedbackTable.GSI1SK, "", true, limit, cursor, HealthItems::fromItem);
    }

    @Override
    public List<StoredHealth> withVerdict(String project, HealthState state) {
        requireListable(state);
        return all(cursor -> queries.page("TestsWithVerdict", FeedbackTable.GSI2, FeedbackTable.GSI2PK,
                HealthItems.verdictPk(project, state), FeedbackTable.GSI2SK, "", true, PAGE, cursor,
                HealthItems::fromItem));
    }

    /** Pages of the verdict's index until {@code limit} tests are read: one Query for a page's worth. */
    @Override
    public List<StoredHealth> withVerdict(String project, HealthState state, int limit) {
        requireListable(state);
        List<StoredHealth> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        while (out.size() < limit) {
            Page<StoredHealth> page = queries.page("TestsWithVerdict", FeedbackTable.GSI2, FeedbackTable.GSI2PK,
                    HealthItems.verdictPk(project, state), FeedbackTable.GSI2SK, "", true,
                    Math.min(PAGE, limit - out.size()), cursor, HealthItems::fromItem);
            out.addAll(page.items());
            cursor = page.next();
            if (cursor.isEmpty()) {
                break;
            }
        }
        return List.copyOf(out);
    }

    @Override
    public long countWithVerdict(String project, HealthState state) {
        requireListable(state);
        return queries.count("CountTestsWithVerdict", FeedbackTable.GSI2, FeedbackTable.GSI2PK,
                HealthItems.verdictPk(project, state), FeedbackTable.GSI2SK, "");
    }

    private static void requireListable(HealthState state) {
        if (!state.troubled() && state != HealthState.FIXED) {
            throw new IllegalArgumentException("tests are listed by verdict for flaky, broken and fixed only, not "
                    + state);
        }
    }

    @Override
    public List<TestEntry> quarantined(String project) {
        return all(cursor -> queries.page("QuarantinedTests", null, FeedbackTable.PK,
                HealthItems.quarantinePk(project), FeedbackTable.SK, "", true, PAGE, cursor, HealthItems::entryOf));
    }

    @Override
    public List<TimelineEntry> timeline(String project, TestId test) {
        return all(cursor -> queries.page("Timeline", null, FeedbackTable.PK, Keys.testPk(project, test),
                FeedbackTable.SK, HealthItems.CHANGE_PREFIX, true, PAGE, cursor, HealthItems::entryFrom));
    }

    /** One Query of the test's partition backwards, {@code limit} entries at most. */
    @Override
    public List<TimelineEntry> recentChanges(String project, TestId test, int limit) {
        return queries.page("RecentChanges", null, FeedbackTable.PK, Keys.testPk(project, test), FeedbackTable.SK,
                HealthItems.CHANGE_PREFIX, false, limit, Optional.empty(), HealthItems::entryFrom).items();
    }

    @Override
    public List<TimelineEntry> changesOn(String project, LocalDate day) {
        return all(cursor -> queries.page("ChangesOfDay", FeedbackTable.GSI1, FeedbackTable.GSI1PK,
                HealthItems.changesPk(project, day), FeedbackTable.GSI1SK, "", true, PAGE, cursor,
                HealthItems::entryFrom));
    }

    @Override
    public void putTally(RunKey run, ReportTally tally) {
        Map<String, AttributeValue> item = tallyItem(run, tally);
        table.call("PutTally", Items.describe(item), () -> table.client.putItem(b -> b.tableName(table.name)
                .item(item)));
    }

    private static Map<String, AttributeValue> tallyItem(RunKey run, ReportTally tally) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(Keys.runPk(run),
                HealthItems.TALLY_PREFIX + tally.reportId()));
        item.put("reportId", Items.s(tally.reportId()));
        item.put("ran", Items.n(tally.tally().ran()));
        item.put("failed", Items.n(tally.tally().failed()));
        Map<String, AttributeValue> categories = new LinkedHashMap<>();
        tally.tally().failuresByCategory().forEach((c, n) -> categories.put(c.name(), Items.n(n)));
        item.put("categories", AttributeValue.fromM(categories));
        item.put("appliedOutage", Items.bool(tally.appliedOutage()));
        item.put("classifyMillis", Items.n(tally.classifyMillis()));
        item.put("regenerations", Items.n(tally.regenerations()));
        return item;
    }

    /**
     * Where writes are transactions (DynamoDB Local), the tallies and verdicts in TransactWriteItems of up to 100; a
     * cancelled one (a verdict's run not recorded) is done again one request each, failing as that one does alone.
     * Elsewhere one {@link #putTally} and {@link #putVerdict} each.
     */
    @Override
    public void putJudgements(List<RunJudgement> judgements) {
        List<TransactionBatches.Write> writes = new ArrayList<>();
        for (RunJudgement judgement : judgements) {
            RunKey run = judgement.run();
            for (ReportTally tally : judgement.tallies()) {
                Map<String, AttributeValue> item = tallyItem(run, tally);
                writes.add(new TransactionBatches.Write(List.of(TransactWriteItem.builder()
                        .put(Put.builder().tableName(table.name).item(item).build()).build()),
                        Set.of(Items.describe(item)), ItemSize.of(item), () -> {
                            putTally(run, tally);
                            return true;
                        }));
            }
            judgement.verdict().ifPresent(verdict -> {
                Instant at = judgement.judgedAt().orElseThrow();
                Update update = verdictUpdate(run, verdict, at);
                writes.add(new TransactionBatches.Write(List.of(TransactWriteItem.builder().update(update).build()),
                        Set.of(Items.describe(RunItems.key(run))), 1_000, () -> {
                            putVerdict(run, verdict, at);
                            return true;
                        }));
            });
        }
        new TransactionBatches(table).writeAll("PutJudgements", writes);
    }

    @Override
    public List<ReportTally> tallies(RunKey run) {
        return queries.all("Tallies", Keys.runPk(run), HealthItems.TALLY_PREFIX, List.of()).stream()
                .map(DynamoHealthStore::tallyFrom).toList();
    }

    private static ReportTally tallyFrom(Map<String, AttributeValue> item) {
        Map<Category, Long> categories = new EnumMap<>(Category.class);
        AttributeValue m = item.get("categories");
        if (m != null && m.hasM()) {
            m.m().forEach((name, n) -> categories.put(Category.valueOf(name), Long.parseLong(n.n())));
        }
        return new ReportTally(Items.str(item, "reportId"), new RunTally(Items.num(item, "ran"),
                Items.num(item, "failed"), categories), Items.bool(item, "appliedOutage"),
                Items.num(item, "classifyMillis"), Items.num(item, "regenerations"));
    }

    /** An UpdateItem of the run item's verdict attributes only: the run store's attributes stay as they are. */
    @Override
    public void putVerdict(RunKey run, RunVerdict verdict, Instant at) {
        Update update = verdictUpdate(run, verdict, at);
        table.call("PutRunVerdict", Items.describe(update.key()), () -> table.client.updateItem(b -> b
                .tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues())));
    }

    private Update verdictUpdate(RunKey run, RunVerdict verdict, Instant at) {
        return Update.builder().tableName(table.name).key(RunItems.key(run))
                .updateExpression("SET outage = :o, outageReason = :r, healthReports = :n, analysisMillis = :m, "
                        + "regenerations = :g, judgedAt = :t")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))
                .expressionAttributeValues(Map.of(":o", Items.bool(verdict.outage()),
                        ":r", Items.s(Items.cap(verdict.reason(), 500)), ":n", Items.n(verdict.reports()),
                        ":m", Items.n(verdict.analysisMillis()), ":g", Items.n(verdict.regenerations()),
                        ":t", Items.time(at)))
                .build();
    }

    /** The runs index (GSI1, all attributes projected) read for the day: the run and its verdict attributes at once. */
    @Override
    public Page<JudgedRun> judgedRunsBetween(String project, Instant from, Instant to, int limit,
                                             Optional<String> cursor) {
        dev.feedbackloop.store.RunStore.requireRange(from, to);
        return queries.range("JudgedRunsBetween", FeedbackTable.GSI1, FeedbackTable.GSI1PK, Keys.runsPk(project),
                FeedbackTable.GSI1SK, Keys.time(from), Keys.time(to), true, limit, cursor,
                item -> new JudgedRun(RunItems.fromItem(item), verdictOf(item)));
    }

    /** The verdict {@link #putVerdict} kept on a run item, if one was. */
    static Optional<RunVerdict> verdictOf(Map<String, AttributeValue> item) {
        if (!item.containsKey("judgedAt")) {
            return Optional.empty();
        }
        return Optional.of(new RunVerdict(Items.bool(item, "outage"), Items.optStr(item, "outageReason").orElse(""),
                Items.numOr(item, "healthReports", 0), Items.numOr(item, "analysisMillis", 0),
                Items.numOr(item, "regenerations", 0)));
    }

    private static <T> List<T> all(Function<Optional<String>, Page<T>> pages) {
        List<T> items = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = pages.apply(cursor);
            items.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return items;
    }
}
