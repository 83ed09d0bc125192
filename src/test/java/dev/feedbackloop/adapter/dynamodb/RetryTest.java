package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.testing.Samples.passed;
import static dev.feedbackloop.testing.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.StoreThrottledException;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Unprocessed batch items and throttling, provoked by a {@link FaultInjector} on a real client in front of the real
 * engine (DynamoDB Local does not throttle by itself).
 */
class RetryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("retry");
    private static final DynamoRunStore store = fixture.runs();

    @Test
    void unprocessedItems_areResubmitted_untilAllAreWritten() {
        StoredRun run = store.putRun(run("unprocessed", "r1", T0), T0);
        List<ResultRecord> results = results("unprocessed", 75);
        fixture.faults.unprocessedItems(4);
        fixture.counter.reset();

        store.putResults(run, results);

        assertThat(all(run.key())).hasSize(75);
        // 3 batches of 25; the first 4 requests each left half unprocessed, so 4 resubmissions
        assertThat(fixture.counter.calls("BatchWriteItem")).isEqualTo(3 + 4);
    }

    @Test
    void itemsThatStayUnprocessed_failClearly_afterBoundedRetries() {
        StoredRun run = store.putRun(run("stuck", "r1", T0), T0);
        fixture.faults.processNothing();

        assertThatThrownBy(() -> store.putResults(run, results("stuck", 25)))
                .isInstanceOf(StoreThrottledException.class)
                .hasMessageContaining("PutResults")
                .hasMessageContaining("unprocessed items from TEST#stuck#")
                .hasMessageContaining("after " + StoreFixture.FAST.maxAttempts() + " attempts");
    }

    @Test
    void throttledBatch_isRetriedWithBackoff_andSucceeds() {
        StoredRun run = store.putRun(run("throttled", "r1", T0), T0);
        fixture.faults.throttle("BatchWriteItem", 3);
        fixture.counter.reset();

        store.putResults(run, results("throttled", 25));

        assertThat(all(run.key())).hasSize(25);
        assertThat(fixture.counter.calls("BatchWriteItem")).isEqualTo(4);
    }

    @Test
    void persistentThrottling_becomesAClearException_namingOperationAndKey() {
        RunKey key = store.putRun(run("throttled", "r2", T0), T0).key();
        fixture.faults.throttle("GetItem", 1000);

        assertThatThrownBy(() -> store.findRun(key))
                .isInstanceOf(StoreThrottledException.class)
                .hasMessage("GetRun RUN#throttled#00001#r2/RUN: still throttled after "
                        + StoreFixture.FAST.maxAttempts() + " attempts with backoff")
                .hasRootCauseInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void throttledTransaction_isRetried() {
        fixture.faults.throttle("TransactWriteItems", 2);

        StoredRun stored = store.putRun(run("throttled", "r3", T0), T0);

        assertThat(store.findRun(stored.key())).contains(stored);
    }

    private static List<ResultRecord> results(String project, int count) {
        List<ResultRecord> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(passed(project, "t" + i));
        }
        return results;
    }

    private List<ResultRecord> all(RunKey run) {
        List<ResultRecord> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<ResultRecord> page = store.results(run, 100, cursor);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return all;
    }
}
