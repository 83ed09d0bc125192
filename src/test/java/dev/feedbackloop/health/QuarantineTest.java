package dev.feedbackloop.health;

import static dev.feedbackloop.health.Runs.all;
import static dev.feedbackloop.health.Runs.concat;
import static dev.feedbackloop.health.Runs.fail;
import static dev.feedbackloop.health.Runs.failures;
import static dev.feedbackloop.health.Runs.pass;
import static dev.feedbackloop.health.Runs.passes;
import static dev.feedbackloop.health.Runs.retryPass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.health.Runs.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineTest {

    private static final List<Execution> FLAKY = concat(passes(1, 5), all(retryPass(6), fail(7), retryPass(8)),
            passes(9, 10));
    private static final Instant DECIDED = Runs.START.plus(Duration.ofHours(11));
    private static final Quarantine BY_ALICE = new Quarantine(Quarantine.Source.PERSON, "alice",
            "race in the payment mock, SHOP-123", DECIDED, DECIDED.plus(Duration.ofDays(14)));

    private final HealthJudge judge = new HealthJudge(HealthSettings.defaults());

    @Test
    void aPersonsQuarantineOverlaysTheVerdictUntilItExpires() {
        TestHealth flaky = Replay.of(judge, FLAKY).health();

        HealthUpdate update = judge.quarantine(flaky, BY_ALICE);

        assertThat(update.health().stateAt(DECIDED.plus(Duration.ofDays(1)))).isEqualTo(HealthState.QUARANTINED);
        assertThat(update.health().stateAt(DECIDED.plus(Duration.ofDays(14)))).isEqualTo(HealthState.FLAKY);
        assertThat(update.health().verdict().state()).isEqualTo(HealthState.FLAKY);
        assertThat(update.changes()).singleElement().satisfies(c -> {
            assertThat(c.transition()).isEqualTo("flaky -> quarantined");
            assertThat(c.actor()).contains("alice");
            assertThat(c.reason()).contains("SHOP-123");
        });
    }

    @Test
    void aNewQuarantineReplacingOneInForceEndsTheOldOneFirst() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();
        Quarantine longer = new Quarantine(Quarantine.Source.PERSON, "bob", "still racing", DECIDED.plusSeconds(60),
                DECIDED.plus(Duration.ofDays(30)));

        HealthUpdate update = judge.quarantine(quarantined, longer);

        assertThat(update.changes()).extracting(StateChange::transition)
                .containsExactly("quarantined -> flaky", "flaky -> quarantined");
        assertThat(update.health().quarantine()).contains(longer);
    }

    @Test
    void theSameQuarantineTwiceChangesNothing() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();

        assertThat(judge.quarantine(quarantined, BY_ALICE).changed()).isFalse();
    }

    @Test
    void expiryIsRecordedAtTheExpiryTime() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();

        HealthUpdate early = judge.expire(quarantined, DECIDED.plus(Duration.ofDays(13)));
        HealthUpdate late = judge.expire(quarantined, DECIDED.plus(Duration.ofDays(20)));

        assertThat(early.changed()).isFalse();
        assertThat(late.health().quarantine()).isEmpty();
        assertThat(late.changes()).singleElement().satisfies(c -> {
            assertThat(c.transition()).isEqualTo("quarantined -> flaky");
            assertThat(c.at()).isEqualTo(BY_ALICE.expires());
        });
    }

    @Test
    void anExpiredQuarantineDropsOutWhenTheNextRunArrives() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();
        Execution muchLater = pass(11).build();
        Execution afterExpiry = new Execution(muchLater.test(), muchLater.run(), DECIDED.plus(Duration.ofDays(15)),
                muchLater.commit(), muchLater.branch(), muchLater.outcome(), muchLater.category(),
                muchLater.fingerprint(), false);

        HealthUpdate update = judge.apply(quarantined, afterExpiry);

        assertThat(update.health().quarantine()).isEmpty();
        assertThat(update.changes()).extracting(StateChange::transition).containsExactly("quarantined -> flaky");
    }

    @Test
    void releaseEndsItEarlyWithWhoAndWhy() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();

        HealthUpdate released = judge.release(quarantined, "bob", "race fixed in #42", DECIDED.plusSeconds(60));

        assertThat(released.health().quarantine()).isEmpty();
        assertThat(released.changes()).singleElement().satisfies(c -> {
            assertThat(c.transition()).isEqualTo("quarantined -> flaky");
            assertThat(c.reason()).isEqualTo("quarantine released by bob: race fixed in #42");
        });
        assertThat(judge.release(released.health(), "bob", "again", DECIDED).changed()).isFalse();
    }

    @Test
    void thePolicyQuarantinesFlakyTestsOnlyWhenTheProjectAsks() {
        HealthJudge policy = new HealthJudge(HealthSettings.defaults().toBuilder().autoQuarantine(true)
                .autoQuarantineMinScore(0.1).build());

        Replay byDefault = Replay.of(judge, FLAKY);
        Replay withPolicy = Replay.of(policy, FLAKY);

        assertThat(byDefault.health().quarantine()).isEmpty();
        assertThat(withPolicy.path()).containsExactly("new -> healthy", "healthy -> flaky", "flaky -> quarantined");
        Quarantine q = withPolicy.health().quarantine().orElseThrow();
        assertThat(q.source()).isEqualTo(Quarantine.Source.POLICY);
        assertThat(Duration.between(q.since(), q.expires())).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void thePolicyLiftsItsQuarantineWhenTheTestBreaks() {
        HealthJudge policy = new HealthJudge(HealthSettings.defaults().toBuilder().autoQuarantine(true)
                .autoQuarantineMinScore(0.1).build());

        Replay replay = Replay.of(policy, concat(FLAKY, failures(11, 20)));

        assertThat(replay.health().quarantine()).isEmpty();
        assertThat(replay.path()).endsWith("flaky -> broken", "quarantined -> broken");
    }

    @Test
    void aPersonsQuarantineOutlivesABreakageUntilItExpires() {
        TestHealth quarantined = judge.quarantine(Replay.of(judge, FLAKY).health(), BY_ALICE).health();

        Replay replay = Replay.of(judge, quarantined, failures(11, 20));

        assertThat(replay.state()).isEqualTo(HealthState.BROKEN);
        assertThat(replay.health().quarantine()).contains(BY_ALICE);
    }

    @Test
    void aQuarantineMustEndAfterItStarts() {
        assertThatThrownBy(() -> new Quarantine(Quarantine.Source.PERSON, "alice", "why", DECIDED, DECIDED))
                .hasMessageContaining("must expire after it starts");
    }
}
