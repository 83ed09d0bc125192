package dev.feedbackloop.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 12's definition, read literally, on small explicit histories (one commit per execution unless said). */
class FlakyDefinitionTest {

    private final FlakyDefinition definition = new FlakyDefinition();
    private int commit;

    @Test
    void twoFailuresWithAPassOnRetryWithinThirtyAreFlaky() {
        pass(5);
        passOnRetry();
        pass(3);
        fail();
        assertThat(definition.flaky()).isTrue();
        assertThat(definition.failing()).isEqualTo(2);
        assertThat(definition.evidence()).isEqualTo(1);
    }

    @Test
    void failuresOnDifferentCommitsAreNotFlakyByThatAlone() {
        for (int i = 0; i < 5; i++) {
            fail();
            pass(2);
        }
        assertThat(definition.flaky()).isFalse();
        assertThat(definition.evidence()).isZero();
    }

    @Test
    void aPassAndAFailureOnOneCommitAreEvidence() {
        definition.add(new FlakyDefinition.Seen("c1", true, false, false));
        definition.add(new FlakyDefinition.Seen("c1", false, false, true)); // the re-run passed
        assertThat(definition.flaky()).isFalse(); // failed once only
        fail();
        assertThat(definition.flaky()).isTrue();
    }

    @Test
    void oneFailureIsNotFlakyWhateverItsEvidence() {
        pass(10);
        passOnRetry();
        pass(10);
        assertThat(definition.flaky()).isFalse();
    }

    @Test
    void aFixedRaceStaysFlakyUntilThirtyCleanRunsHavePushedItsFailuresOut() {
        passOnRetry();
        fail();
        passOnRetry();
        pass(10); // the fix: a 30-run history ends here, flaky by the definition
        assertThat(definition.flaky()).isTrue();
        pass(19);
        assertThat(definition.failing()).isEqualTo(1);
        assertThat(definition.flaky()).isTrue(); // one failure left in the window: the hysteresis keeps it
        pass(1);
        assertThat(definition.failing()).isZero();
        assertThat(definition.flaky()).isFalse();
    }

    @Test
    void twoFailuresFurtherApartThanTheWindowNeverEnter() {
        passOnRetry();
        pass(29);
        passOnRetry();
        assertThat(definition.flaky()).isFalse();
    }

    private void pass(int times) {
        for (int i = 0; i < times; i++) {
            definition.add(new FlakyDefinition.Seen("c" + commit++, false, false, true));
        }
    }

    private void passOnRetry() {
        definition.add(new FlakyDefinition.Seen("c" + commit++, true, true, true));
    }

    private void fail() {
        definition.add(new FlakyDefinition.Seen("c" + commit++, true, false, false));
    }
}
