package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.store.SpendLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spend ledger's contract, on DynamoDB Local and in memory alike. */
class DynamoSpendLedgerTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("spend");

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    static Stream<SpendLedger> ledgers() {
        return Stream.of(new DynamoSpendLedger(fixture.client, fixture.settings, fixture.clock),
                SpendLedger.inMemory());
    }

    @ParameterizedTest
    @MethodSource("ledgers")
    void addsWithinTheLimit_andRefusesWhatWouldPassIt(SpendLedger ledger) {
        String project = project();

        assertThat(ledger.addWithin(project, DAY, 600_000, 1_000_000)).isTrue();
        assertThat(ledger.addWithin(project, DAY, 400_000, 1_000_000)).isTrue();
        assertThat(ledger.addWithin(project, DAY, 1, 1_000_000)).isFalse();
        assertThat(ledger.spent(project, DAY)).isEqualTo(1_000_000);
    }

    @ParameterizedTest
    @MethodSource("ledgers")
    void correctionsGiveBackAndAddUnconditionally(SpendLedger ledger) {
        String project = project();
        ledger.addWithin(project, DAY, 900_000, 1_000_000);

        ledger.add(project, DAY, -700_000);

        assertThat(ledger.spent(project, DAY)).isEqualTo(200_000);
        assertThat(ledger.addWithin(project, DAY, 800_000, 1_000_000)).isTrue();
        ledger.add(project, DAY, 50_000);
        assertThat(ledger.spent(project, DAY)).isEqualTo(1_050_000);
    }

    @ParameterizedTest
    @MethodSource("ledgers")
    void daysAndProjectsAreApart(SpendLedger ledger) {
        String project = project();
        ledger.addWithin(project, DAY, 1_000_000, 1_000_000);

        assertThat(ledger.addWithin(project, DAY.plusDays(1), 1_000_000, 1_000_000)).isTrue();
        assertThat(ledger.addWithin(project + "-other", DAY, 1_000_000, 1_000_000)).isTrue();
        assertThat(ledger.spent(project + "-never", DAY)).isZero();
    }

    @Test
    void concurrentReservations_neverTogetherPassTheLimit() throws Exception {
        SpendLedger ledger = new DynamoSpendLedger(fixture.client, fixture.settings, fixture.clock);
        String project = project();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> reservations = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                reservations.add(() -> ledger.addWithin(project, DAY, 100_000, 1_000_000));
            }
            long granted = 0;
            for (Future<Boolean> result : pool.invokeAll(reservations)) {
                granted += result.get() ? 1 : 0;
            }

            assertThat(granted).isEqualTo(10);
            assertThat(ledger.spent(project, DAY)).isEqualTo(1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theItemIsKeyedByProjectAndDay_andExpires() {
        String project = project();
        new DynamoSpendLedger(fixture.client, fixture.settings, fixture.clock).add(project, DAY, 1_234);

        var item = fixture.rawItem("SPEND#" + project, "DAY#2026-03-01");
        assertThat(item.get("spentMicros").n()).isEqualTo("1234");
        assertThat(item.get("type").s()).isEqualTo("LLM_SPEND");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(
                DAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() + 40 * 86_400L);
    }

    private static int next;

    private static synchronized String project() {
        return "project-" + (++next);
    }
}
