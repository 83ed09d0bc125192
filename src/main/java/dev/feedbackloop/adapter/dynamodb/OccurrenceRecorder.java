package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoreException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Adds a run's scenario observations to the stored scenarios, counting each (run, test) occurrence exactly once.
 *
 * <p>Per scenario and up to {@link #TESTS_PER_TRANSACTION} tests (a "chunk"), a set of actions that together do: put
 * an occurrence marker per (run, test) on condition it is new; put or update the scenario's link to each test (a new
 * link counts a test affected); put the scenario's link to the run on condition it is new (counts a run affected);
 * put or update the scenario with its new counters and sort keys, on condition its version is the one read. Chunks of
 * different scenarios share one TransactWriteItems up to its limit of {@link #MAX_ACTIONS} actions, so a run whose
 * failures spread over many small scenarios still makes few requests; a transaction holds at most one chunk per
 * scenario, and a scenario's next chunk waits for the previous one to commit.
 *
 * <p>A transaction does all or nothing. So a retry after a failure half-way finds the markers of what was counted
 * and counts only the rest, and concurrent writers (CI shards, redeliveries, other runs) cancel each other's
 * transaction instead of double counting: the loser re-reads and tries again with backoff.
 *
 * <p>Reads first, in bulk: one Query for the run's existing markers, BatchGetItem for the scenarios and for the
 * test links of scenarios that exist.
 */
final class OccurrenceRecorder {

    /** Most actions TransactWriteItems takes. */
    static final int MAX_ACTIONS = 100;
    /** Tests per chunk: two actions each, plus run link and scenario, within {@link #MAX_ACTIONS}. */
    static final int TESTS_PER_TRANSACTION = 48;
    private static final String OPERATION = "RecordOccurrences";
    /** Cancellation reasons a re-read and retry resolves; anything else (validation) is a bug to report. */
    private static final Set<String> RETRYABLE = Set.of("None", "ConditionalCheckFailed", "TransactionConflict",
            "ThrottlingError", "ProvisionedThroughputExceeded");

    private final Table table;
    private final Queries queries;
    private final BatchReader reader;

    OccurrenceRecorder(Table table) {
        this.table = table;
        this.queries = new Queries(table);
        this.reader = new BatchReader(table);
    }

    OccurrenceOutcome record(RunKey run, Instant seenAt, List<ScenarioObservation> observations, Instant now) {
        Map<Fingerprint, ScenarioObservation> merged = merge(observations);
        Map<TestId, Fingerprint> counted = countedOccurrences(run);
        Map<Fingerprint, List<TestId>> pending = new LinkedHashMap<>();
        long alreadyCounted = 0;
        for (ScenarioObservation observation : merged.values()) {
            List<TestId> fresh = observation.tests().stream().filter(t -> !counted.containsKey(t)).toList();
            alreadyCounted += observation.tests().size() - fresh.size();
            if (!fresh.isEmpty()) {
                pending.put(observation.fingerprint(), fresh);
            }
        }
        Map<Fingerprint, State> states = readStates(run.project(), pending);
        Map<Fingerprint, ArrayDeque<Work>> queued = new LinkedHashMap<>();
        for (Map.Entry<Fingerprint, List<TestId>> entry : pending.entrySet()) {
            State state = states.get(entry.getKey());
            state.runLinked = counted.containsValue(entry.getKey());
            queued.put(entry.getKey(), chunks(state, merged.get(entry.getKey()), entry.getValue()));
        }
        OccurrenceOutcome outcome = new OccurrenceOutcome(0, 0, alreadyCounted, 0, 0);
        long expiresAt = table.rawExpiry(now);
        while (!queued.isEmpty()) {
            outcome = outcome.plus(writeGroup(run, seenAt, nextGroup(queued), expiresAt));
        }
        return outcome;
    }

    private static ArrayDeque<Work> chunks(State state, ScenarioObservation observation, List<TestId> tests) {
        ArrayDeque<Work> chunks = new ArrayDeque<>();
        for (int from = 0; from < tests.size(); from += TESTS_PER_TRANSACTION) {
            chunks.add(new Work(state, observation,
                    new ArrayList<>(tests.subList(from, Math.min(tests.size(), from + TESTS_PER_TRANSACTION)))));
        }
        return chunks;
    }

    /** The next chunk of as many scenarios as fit one transaction, first fit in order; at least one chunk. */
    private static List<Work> nextGroup(Map<Fingerprint, ArrayDeque<Work>> queued) {
        List<Work> group = new ArrayList<>();
        int actions = 0;
        Iterator<ArrayDeque<Work>> scenarios = queued.values().iterator();
        while (scenarios.hasNext()) {
            ArrayDeque<Work> chunks = scenarios.next();
            int needed = chunks.peek().maxActions();
            if (group.isEmpty() || actions + needed <= MAX_ACTIONS) {
                group.add(chunks.poll());
                actions += needed;
                if (chunks.isEmpty()) {
                    scenarios.remove();
                }
            }
        }
        return group;
    }

    private static Map<Fingerprint, ScenarioObservation> merge(List<ScenarioObservation> observations) {
        Map<Fingerprint, ScenarioObservation> merged = new LinkedHashMap<>();
        for (ScenarioObservation observation : observations) {
            merged.merge(observation.fingerprint(), observation, (a, b) -> a.plusTests(b.tests()));
        }
        return merged;
    }

    /** The run's occurrences counted so far: test to the fingerprint it was counted for. */
    private Map<TestId, Fingerprint> countedOccurrences(RunKey run) {
        Map<TestId, Fingerprint> counted = new HashMap<>();
        for (Map<String, AttributeValue> marker : queries.all(OPERATION, Keys.runPk(run), Keys.OCCURRENCE_PREFIX,
                List.of(ScenarioItems.TEST_ID, ScenarioItems.FINGERPRINT))) {
            counted.put(new TestId(Items.str(marker, ScenarioItems.TEST_ID)),
                    new Fingerprint(Items.str(marker, ScenarioItems.FINGERPRINT)));
        }
        return counted;
    }

    private Map<Fingerprint, State> readStates(String project, Map<Fingerprint, List<TestId>> pending) {
        Map<Fingerprint, State> states = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> scenarioKeys = new ArrayList<>();
        for (Fingerprint fingerprint : pending.keySet()) {
            State state = new State(new ScenarioKey(project, fingerprint));
            states.put(fingerprint, state);
            scenarioKeys.add(ScenarioItems.key(state.key));
        }
        List<Map<String, AttributeValue>> linkKeys = new ArrayList<>();
        for (Map<String, AttributeValue> item : reader.get(OPERATION, scenarioKeys)) {
            State state = states.get(new Fingerprint(Items.str(item, ScenarioItems.FINGERPRINT)));
            state.meta = item;
            // Links exist only beside an existing scenario: they are written in the same transactions.
            pending.get(state.key.fingerprint()).forEach(t -> linkKeys.add(ScenarioItems.testLinkKey(state.key, t)));
        }
        for (Map<String, AttributeValue> link : reader.get(OPERATION, linkKeys)) {
            states.get(new Fingerprint(Items.str(link, ScenarioItems.FINGERPRINT))).links
                    .put(new TestId(Items.str(link, ScenarioItems.TEST_ID)), link);
        }
        return states;
    }

    private OccurrenceOutcome writeGroup(RunKey run, Instant seenAt, List<Work> group, long expiresAt) {
        Backoff backoff = table.settings.backoff();
        long skipped = 0;
        for (int attempt = 1; ; attempt++) {
            group.removeIf(work -> work.chunk.isEmpty());
            if (group.isEmpty()) {
                return new OccurrenceOutcome(0, 0, skipped, 0, 0);
            }
            List<Plan> plans = group.stream().map(w -> plan(run, seenAt, w.observation, w.chunk, w.state, expiresAt))
                    .toList();
            List<TransactWriteItem> actions = plans.stream().flatMap(p -> p.actions.stream()).toList();
            String keys = group.stream().map(w -> w.state.key.toString()).toList().toString();
            Optional<TransactionCanceledException> cancelled = table.transact(OPERATION, keys, actions);
            if (cancelled.isEmpty()) {
                OccurrenceOutcome outcome = new OccurrenceOutcome(0, 0, skipped, 0, 0);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).state.apply(plans.get(i));
                    outcome = outcome.plus(plans.get(i).outcome);
                }
                return outcome;
            }
            TransactionCanceledException e = cancelled.get();
            if (!e.hasCancellationReasons()
                    || !e.cancellationReasons().stream().allMatch(r -> RETRYABLE.contains(r.code()))) {
                throw new StoreException(OPERATION, keys, Table.reasons(e), e);
            }
            if (attempt >= backoff.maxAttempts()) {
                throw new StoreConflictException(OPERATION, keys, attempt, e);
            }
            backoff.pause(attempt);
            for (Work work : group) {
                int before = work.chunk.size();
                work.chunk = reread(run, work.state, work.chunk);
                skipped += before - work.chunk.size();
            }
        }
    }

    private Plan plan(RunKey run, Instant seenAt, ScenarioObservation observation, List<TestId> chunk, State state,
                      long expiresAt) {
        List<TransactWriteItem> actions = new ArrayList<>(chunk.size() * 2 + 2);
        Map<TestId, Map<String, AttributeValue>> links = new HashMap<>();
        long newTests = 0;
        for (TestId test : chunk) {
            actions.add(putIfAbsent(ScenarioItems.marker(run, test, observation.fingerprint(), expiresAt)));
            Map<String, AttributeValue> stored = state.links.get(test);
            Map<String, AttributeValue> link;
            if (stored == null) {
                newTests++;
                link = ScenarioItems.testLink(new AffectedTest(state.key, test, seenAt, seenAt, 1));
                actions.add(putIfAbsent(link));
            } else {
                AffectedTest before = ScenarioItems.testLinkFrom(stored);
                link = ScenarioItems.testLink(new AffectedTest(state.key, test, min(before.firstSeen(), seenAt),
                        max(before.lastSeen(), seenAt), before.occurrences() + 1));
                actions.add(updateIf(link, ScenarioItems.OCCURRENCES, before.occurrences()));
            }
            links.put(test, link);
        }
        long newRuns = state.runLinked ? 0 : 1;
        if (newRuns == 1) {
            actions.add(putIfAbsent(ScenarioItems.runLink(state.key, run, seenAt, expiresAt)));
        }
        Scenario previous = state.meta == null ? null : ScenarioItems.fromItem(state.meta);
        Scenario next = previous == null ? Scenario.start(state.key, observation, seenAt, chunk.size())
                : previous.record(observation, seenAt, chunk.size(), newTests, newRuns);
        Map<String, AttributeValue> meta = ItemSize.check(OPERATION, ScenarioItems.toItem(next));
        actions.add(previous == null ? putIfAbsent(meta) : updateIf(meta, ScenarioItems.VERSION, previous.version()));
        OccurrenceOutcome outcome = new OccurrenceOutcome(previous == null ? 1 : 0, chunk.size(), 0,
                previous == null ? chunk.size() : newTests, previous == null ? 1 : newRuns);
        return new Plan(actions, meta, links, outcome);
    }

    /** Reads back what a competing or earlier write left, and returns the tests of the chunk still uncounted. */
    private List<TestId> reread(RunKey run, State state, List<TestId> chunk) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(ScenarioItems.key(state.key));
        keys.add(ScenarioItems.runLinkKey(state.key, run));
        for (TestId test : chunk) {
            keys.add(ScenarioItems.testLinkKey(state.key, test));
            keys.add(ScenarioItems.markerKey(run, test));
        }
        state.meta = null;
        state.runLinked = false;
        chunk.forEach(state.links::remove);
        List<TestId> uncounted = new ArrayList<>(chunk);
        for (Map<String, AttributeValue> item : reader.get(OPERATION, keys)) {
            String sk = Items.str(item, FeedbackTable.SK);
            if (sk.equals(Keys.SCENARIO_SK)) {
                state.meta = item;
            } else if (sk.startsWith(Keys.TEST_PREFIX)) {
                state.links.put(new TestId(Items.str(item, ScenarioItems.TEST_ID)), item);
            } else if (sk.startsWith(Keys.OCCURRENCE_PREFIX)) {
                uncounted.remove(new TestId(Items.str(item, ScenarioItems.TEST_ID)));
            } else {
                state.runLinked = true;
            }
        }
        return uncounted;
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK)).build()).build();
    }

    private TransactWriteItem updateIf(Map<String, AttributeValue> item, String attribute, long expected) {
        return TransactWriteItem.builder().update(Updates.setAll(table.name, item, "#c0 = :c0",
                Map.of("#c0", attribute), Map.of(":c0", Items.n(expected)))).build();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** What is known of one scenario while its chunks are written. */
    private static final class State {
        final ScenarioKey key;
        Map<String, AttributeValue> meta;
        final Map<TestId, Map<String, AttributeValue>> links = new HashMap<>();
        boolean runLinked;

        State(ScenarioKey key) {
            this.key = key;
        }

        void apply(Plan plan) {
            meta = plan.meta;
            links.putAll(plan.links);
            runLinked = true;
        }
    }

    /** One chunk: up to {@link #TESTS_PER_TRANSACTION} tests of one scenario. */
    private static final class Work {
        final State state;
        final ScenarioObservation observation;
        List<TestId> chunk;

        Work(State state, ScenarioObservation observation, List<TestId> chunk) {
            this.state = state;
            this.observation = observation;
            this.chunk = chunk;
        }

        /** Actions this chunk takes at most: marker and link per test, run link, scenario. */
        int maxActions() {
            return 2 * chunk.size() + 2;
        }
    }

    private record Plan(List<TransactWriteItem> actions, Map<String, AttributeValue> meta,
                        Map<TestId, Map<String, AttributeValue>> links, OccurrenceOutcome outcome) {
    }
}
