package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.cap;
import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.StoredRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The result item: one test in one run, with its attempts. Attribute names and mapping, defined once.
 *
 * <p>Keyed by test (partition {@code TEST#project#testId}, sort key by run time), so a test's history is one Query
 * and a large run's writes spread over many partitions; GSI1 groups a run's results, GSI2 only its failing ones or
 * (another partition) its flaky ones.
 * Long attempt text is trimmed, longest field first, until the item fits {@link #BUDGET}.
 */
final class ResultItems {

    /** Size a result item is trimmed to: room for several attempts with long stack traces, far below 400 KB. */
    static final long BUDGET = 64 * 1024;
    /** Attempts kept per result: the first and last halves of this many, when a test was retried more often. */
    static final int MAX_STORED_ATTEMPTS = 50;
    /** Shortest a trimmed text field gets. */
    private static final int MIN_TEXT = 200;
    private static final int HEADLINE = 300;

    static final String TYPE = "type";
    static final String RESULT_TYPE = "RESULT";
    static final String PROJECT = "project";
    static final String TEST_ID = "testId";
    static final String RUN_ID = "runId";
    static final String RUN_ATTEMPT = "runAttempt";
    static final String RUN_TIME = "runTime";
    static final String SUITE = "suite";
    static final String NAME = "name";
    static final String FILE = "file";
    static final String LINE = "line";
    static final String TAGS = "tags";
    static final String PROPERTIES = "properties";
    static final String STATUS = "status";
    static final String ATTEMPT_COUNT = "attemptCount";
    static final String DURATION_MS = "durationMs";
    static final String ATTEMPTS = "attempts";
    static final String FINGERPRINT = "fingerprint";
    static final String CATEGORY = "category";
    static final String HEADLINE_ATTR = "headline";
    // Attempt map attributes: short, because a retried test repeats them per attempt.
    static final String A_STATUS = "s";
    static final String A_DURATION = "d";
    static final String A_MESSAGE = "m";
    static final String A_TYPE = "t";
    static final String A_STACK = "st";
    static final String A_STDOUT = "o";
    static final String A_STDERR = "e";

    /** Attributes a history entry needs; projection of history queries. */
    static final List<String> HISTORY_ATTRIBUTES = List.of(FeedbackTable.PK, FeedbackTable.SK, PROJECT, RUN_ID,
            RUN_ATTEMPT, RUN_TIME, STATUS, ATTEMPT_COUNT, DURATION_MS, FINGERPRINT, CATEGORY, HEADLINE_ATTR);

    /** Attributes that describe the test; projection of {@link #testCaseFrom}. */
    static final List<String> TEST_ATTRIBUTES = List.of(SUITE, NAME, FILE, LINE);

    private ResultItems() {
    }

    static Map<String, AttributeValue> toItem(StoredRun run, ResultRecord record, long expiresAt) {
        RunKey key = run.key();
        TestResult result = record.result();
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                Items.key(Keys.testPk(key.project(), record.testId()), Keys.resultSk(run.runTime(), key)));
        item.put(FeedbackTable.GSI1PK, s(Keys.runPk(key)));
        item.put(FeedbackTable.GSI1SK, s(Keys.runResultSk(record.testId())));
        if (result.status().isFailing()) {
            item.put(FeedbackTable.GSI2PK, s(Keys.failingPk(key)));
            item.put(FeedbackTable.GSI2SK, s(record.testId().value()));
        } else if (result.status() == TestStatus.FLAKY) {
            item.put(FeedbackTable.GSI2PK, s(Keys.flakyPk(key)));
            item.put(FeedbackTable.GSI2SK, s(record.testId().value()));
        }
        item.put(TYPE, s(RESULT_TYPE));
        item.put(PROJECT, s(key.project()));
        item.put(TEST_ID, s(record.testId().value()));
        item.put(RUN_ID, s(key.runId()));
        item.put(RUN_ATTEMPT, n(key.attempt()));
        item.put(RUN_TIME, Items.time(run.runTime()));
        putTest(item, result.test());
        item.put(STATUS, s(result.status().name()));
        item.put(ATTEMPT_COUNT, n(result.attempts().size()));
        item.put(DURATION_MS, n(result.durationMillis()));
        record.fingerprint().ifPresent(f -> item.put(FINGERPRINT, s(f.value())));
        record.category().ifPresent(c -> item.put(CATEGORY, s(c.name())));
        Items.putIfPresent(item, HEADLINE_ATTR, result.lastFailure().map(Failure::headline)
                .filter(h -> !h.isBlank()).map(h -> cap(h, HEADLINE)));
        item.put(FeedbackTable.EXPIRES_AT, n(expiresAt));
        item.put(ATTEMPTS, AttributeValue.fromL(List.of()));
        item.put(ATTEMPTS, attempts(kept(result.attempts()), BUDGET - ItemSize.of(item)));
        return item;
    }

    private static void putTest(Map<String, AttributeValue> item, TestCase test) {
        item.put(SUITE, s(cap(test.suite(), 1000)));
        item.put(NAME, s(cap(test.name(), 2000)));
        Items.putIfPresent(item, FILE, test.file().map(f -> cap(f, 1000)));
        test.line().ifPresent(l -> item.put(LINE, n(l)));
        item.put(TAGS, Items.strings(cap(test.tags(), 50, 200)));
        item.put(PROPERTIES, Items.stringMap(cap(test.properties(), 50, 100, 1000)));
    }

    private static List<Attempt> kept(List<Attempt> attempts) {
        if (attempts.size() <= MAX_STORED_ATTEMPTS) {
            return attempts;
        }
        int half = MAX_STORED_ATTEMPTS / 2;
        List<Attempt> kept = new ArrayList<>(attempts.subList(0, half));
        kept.addAll(attempts.subList(attempts.size() - half, attempts.size()));
        return kept;
    }

    /** The attempts as a list of maps whose text fits {@code room} bytes, longest text halved first. */
    private static AttributeValue attempts(List<Attempt> attempts, long room) {
        String[][] texts = new String[attempts.size()][];
        long fixed = 3;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            Optional<Failure> failure = attempt.failure();
            texts[i] = new String[] {failure.map(Failure::message).orElse(""),
                    failure.flatMap(Failure::type).orElse(""), failure.flatMap(Failure::stackTrace).orElse(""),
                    attempt.stdout(), attempt.stderr()};
            fixed += 1 + 3 + ItemSize.of(Map.of(A_STATUS, s(attempt.status().name()),
                    A_DURATION, n(attempt.durationMillis()))) + 5 * 4;
        }
        trim(texts, room - fixed);
        List<AttributeValue> list = new ArrayList<>(attempts.size());
        for (int i = 0; i < attempts.size(); i++) {
            list.add(attempt(attempts.get(i), texts[i]));
        }
        return AttributeValue.fromL(list);
    }

    private static void trim(String[][] texts, long room) {
        long total = 0;
        for (String[] fields : texts) {
            for (String field : fields) {
                total += ItemSize.utf8(field);
            }
        }
        while (total > room) {
            int[] longest = longest(texts);
            String text = texts[longest[0]][longest[1]];
            if (text.length() <= MIN_TEXT) {
                return; // nothing left worth trimming; the size guard has the last word
            }
            String shorter = cap(text, Math.max(MIN_TEXT, text.length() / 2));
            total += ItemSize.utf8(shorter) - ItemSize.utf8(text);
            texts[longest[0]][longest[1]] = shorter;
        }
    }

    private static int[] longest(String[][] texts) {
        int[] at = {0, 0};
        int max = -1;
        for (int i = 0; i < texts.length; i++) {
            for (int j = 0; j < texts[i].length; j++) {
                if (texts[i][j].length() > max) {
                    max = texts[i][j].length();
                    at = new int[] {i, j};
                }
            }
        }
        return at;
    }

    private static AttributeValue attempt(Attempt attempt, String[] text) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(A_STATUS, s(attempt.status().name()));
        map.put(A_DURATION, n(attempt.durationMillis()));
        if (attempt.failure().isPresent()) {
            map.put(A_MESSAGE, s(text[0]));
            if (!text[1].isEmpty()) {
                map.put(A_TYPE, s(text[1]));
            }
            if (!text[2].isEmpty()) {
                map.put(A_STACK, s(text[2]));
            }
        }
        if (!text[3].isEmpty()) {
            map.put(A_STDOUT, s(text[3]));
        }
        if (!text[4].isEmpty()) {
            map.put(A_STDERR, s(text[4]));
        }
        return AttributeValue.fromM(map);
    }

    /** The test as an item describes it; tags and properties only when the item holds them. */
    static TestCase testCaseFrom(Map<String, AttributeValue> item) {
        return new TestCase(Items.optStr(item, SUITE).orElse(""), Items.str(item, NAME),
                Items.optStr(item, FILE), item.containsKey(LINE) ? OptionalInt.of((int) Items.num(item, LINE))
                : OptionalInt.empty(), Items.stringList(item, TAGS), Items.stringMap(item, PROPERTIES));
    }

    static ResultRecord fromItem(Map<String, AttributeValue> item) {
        TestCase test = testCaseFrom(item);
        AttributeValue stored = item.get(ATTEMPTS);
        if (stored == null || !stored.hasL() || stored.l().isEmpty()) {
            throw Items.corrupt(item, ATTEMPTS, "no attempts");
        }
        List<Attempt> attempts = new ArrayList<>(stored.l().size());
        for (AttributeValue value : stored.l()) {
            attempts.add(attemptFrom(attempts.size(), value.m(), item));
        }
        return new ResultRecord(new TestId(Items.str(item, TEST_ID)), TestResult.of(test, attempts),
                Items.optStr(item, FINGERPRINT).map(Fingerprint::new),
                Items.optStr(item, CATEGORY).map(c -> Items.enumValue(item, CATEGORY, Category.class)));
    }

    private static Attempt attemptFrom(int index, Map<String, AttributeValue> map, Map<String, AttributeValue> item) {
        AttemptStatus status = Items.enumValue(map, A_STATUS, AttemptStatus.class);
        Optional<Failure> failure = map.containsKey(A_MESSAGE)
                ? Optional.of(new Failure(Items.str(map, A_MESSAGE), Items.optStr(map, A_TYPE),
                Items.optStr(map, A_STACK)))
                : Optional.empty();
        return new Attempt(index, status, Items.num(map, A_DURATION), failure,
                Items.optStr(map, A_STDOUT).orElse(""), Items.optStr(map, A_STDERR).orElse(""));
    }

    static HistoryEntry historyFrom(Map<String, AttributeValue> item) {
        RunKey run = new RunKey(Items.str(item, PROJECT), Items.str(item, RUN_ID), (int) Items.num(item, RUN_ATTEMPT));
        return new HistoryEntry(run, Items.instant(item, RUN_TIME), Items.enumValue(item, STATUS, TestStatus.class),
                (int) Items.num(item, ATTEMPT_COUNT), Items.num(item, DURATION_MS),
                Items.optStr(item, FINGERPRINT).map(Fingerprint::new),
                Items.optStr(item, CATEGORY).map(c -> Items.enumValue(item, CATEGORY, Category.class)),
                Items.optStr(item, HEADLINE_ATTR));
    }
}
