package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.store.DeliveryClaim;
import dev.feedbackloop.store.DeliveryClaim.Status;
import dev.feedbackloop.store.DeliveryKey;
import dev.feedbackloop.store.DeliveryKey.Kind;
import dev.feedbackloop.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery idempotency records on the real DynamoDB engine. */
class DynamoDeliveryStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(15);
    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("deliveries");
    private static final DynamoDeliveryStore store = fixture.deliveries();

    @Test
    void theSameWebhookDeliveredTwice_isProcessedOnce() {
        DeliveryKey key = new DeliveryKey(Kind.WEBHOOK, "delivery-1");

        assertThat(store.claim(key, NOW, LEASE).status()).isEqualTo(Status.CLAIMED);
        DeliveryClaim whileRunning = store.claim(key, NOW.plusSeconds(1), LEASE);
        store.complete(key, "run r1: 120 tests, 3 scenarios", NOW.plusSeconds(5));
        DeliveryClaim afterwards = store.claim(key, NOW.plusSeconds(60), LEASE);

        assertThat(whileRunning).isEqualTo(DeliveryClaim.inProgress(NOW.plus(LEASE)));
        assertThat(afterwards).isEqualTo(DeliveryClaim.completed("run r1: 120 tests, 3 scenarios"));
    }

    @Test
    void aReleasedClaim_canBeClaimedAgainAtOnce() {
        DeliveryKey key = new DeliveryKey(Kind.S3_OBJECT, "bucket/reports/web/abc#etag1");
        store.claim(key, NOW, LEASE);

        store.release(key);

        assertThat(store.claim(key, NOW.plusSeconds(1), LEASE).status()).isEqualTo(Status.CLAIMED);
    }

    @Test
    void releasingACompletedDelivery_changesNothing() {
        DeliveryKey key = new DeliveryKey(Kind.WEBHOOK, "delivery-2");
        store.claim(key, NOW, LEASE);
        store.complete(key, "done", NOW);

        store.release(key);

        assertThat(store.claim(key, NOW.plusSeconds(1), LEASE).status()).isEqualTo(Status.ALREADY_COMPLETED);
    }

    @Test
    void aCrashedClaim_lapsesAfterItsLease() {
        DeliveryKey key = new DeliveryKey(Kind.REGENERATION, "dedup-1");
        store.claim(key, NOW, LEASE);

        assertThat(store.claim(key, NOW.plus(LEASE).minusSeconds(1), LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.claim(key, NOW.plus(LEASE).plusSeconds(1), LEASE).status()).isEqualTo(Status.CLAIMED);
    }

    @Test
    void anExpiredRecord_countsAsAbsent_beforeDynamoDbDeletesIt() {
        DeliveryKey key = new DeliveryKey(Kind.WEBHOOK, "delivery-3");
        store.claim(key, NOW, LEASE);
        store.complete(key, "done", NOW);

        Instant afterTtl = NOW.plus(StoreFixture.RAW_TTL).plusSeconds(1);

        assertThat(store.claim(key, afterTtl, LEASE).status()).isEqualTo(Status.CLAIMED);
    }

    @Test
    void veryLongIds_areHashedIntoTheKey() {
        DeliveryKey key = new DeliveryKey(Kind.S3_OBJECT, "bucket/" + "x".repeat(3000));

        assertThat(store.claim(key, NOW, LEASE).status()).isEqualTo(Status.CLAIMED);
        assertThat(store.claim(key, NOW, LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.claim(new DeliveryKey(Kind.S3_OBJECT, "bucket/" + "x".repeat(2999) + "y"), NOW, LEASE)
                .status()).isEqualTo(Status.CLAIMED);
    }

    @Test
    void completingAnUnclaimedDelivery_fails() {
        assertThatThrownBy(() -> store.complete(new DeliveryKey(Kind.WEBHOOK, "never"), "x", NOW))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("DELIVERY#WEBHOOK#never")
                .hasMessageContaining("not claimed");
    }

    @Test
    void deliveriesClaimedTogether_areClaimedAsOneByOne_andCompletedTogether() {
        List<DeliveryKey> keys = List.of(new DeliveryKey(Kind.PUBLICATION, "together-1"),
                new DeliveryKey(Kind.PUBLICATION, "together-2"), new DeliveryKey(Kind.PUBLICATION, "together-3"));

        assertThat(store.claimAll(keys, NOW, LEASE)).extracting(DeliveryClaim::status)
                .containsExactly(Status.CLAIMED, Status.CLAIMED, Status.CLAIMED);
        assertThat(store.claim(keys.get(1), NOW.plusSeconds(1), LEASE))
                .isEqualTo(DeliveryClaim.inProgress(NOW.plus(LEASE)));

        store.completeAll(keys, "published", NOW.plusSeconds(2));

        assertThat(keys).allSatisfy(key -> assertThat(store.claim(key, NOW.plusSeconds(3), LEASE))
                .isEqualTo(DeliveryClaim.completed("published")));
    }

    @Test
    void claimingTogether_whereOneIsDoneOrInProgress_answersEachAsClaimingItAloneWould() {
        DeliveryKey done = new DeliveryKey(Kind.PUBLICATION, "mixed-done");
        DeliveryKey busy = new DeliveryKey(Kind.PUBLICATION, "mixed-busy");
        DeliveryKey fresh = new DeliveryKey(Kind.PUBLICATION, "mixed-fresh");
        store.claim(done, NOW, LEASE);
        store.complete(done, "published", NOW);
        store.claim(busy, NOW, LEASE);

        List<DeliveryClaim> claims = store.claimAll(List.of(fresh, done, busy), NOW.plusSeconds(1), LEASE);

        assertThat(claims).containsExactly(DeliveryClaim.claimed(), DeliveryClaim.completed("published"),
                DeliveryClaim.inProgress(NOW.plus(LEASE)));
        assertThat(store.claim(fresh, NOW.plusSeconds(2), LEASE).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void completingTogether_oneUnclaimedDelivery_failsNamingIt() {
        DeliveryKey claimed = new DeliveryKey(Kind.PUBLICATION, "half-claimed");
        store.claim(claimed, NOW, LEASE);

        assertThatThrownBy(() -> store.completeAll(List.of(claimed, new DeliveryKey(Kind.PUBLICATION,
                "never-claimed")), "published", NOW))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("never-claimed")
                .hasMessageContaining("not claimed");
    }
}
