package dev.feedbackloop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestResultTest {

    private static final TestCase TEST = TestCase.of("CartTest", "adds item");

    @Test
    void theLastFailingAttemptIsTheLatestOneThatFailedWithAFailure() {
        Attempt timeout = Attempt.failing(0, AttemptStatus.FAILED, 10, Failure.of("Test timeout of 30000ms exceeded."));
        Attempt error = Attempt.failing(1, AttemptStatus.ERROR, 10, Failure.of("net::ERR_NAME_NOT_RESOLVED"));
        Attempt silent = new Attempt(2, AttemptStatus.FAILED, 10, Optional.empty(), "", "");

        TestResult result = TestResult.of(TEST, List.of(timeout, error, silent));

        assertThat(result.lastFailingAttempt()).contains(error);
        assertThat(result.lastFailure()).isEqualTo(error.failure());
    }

    @Test
    void aResultThatNeverFailedWithAFailureHasNone() {
        assertThat(TestResult.of(TEST, List.of(Attempt.passed(0, 1))).lastFailingAttempt()).isEmpty();
        assertThat(TestResult.of(TEST, List.of(new Attempt(0, AttemptStatus.SKIPPED, 0,
                Optional.of(Failure.of("skipped: flaky on CI")), "", ""))).lastFailure()).isEmpty();
    }
}
