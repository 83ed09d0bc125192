package dev.feedbackloop.model;

import static dev.feedbackloop.model.AttemptStatus.ERROR;
import static dev.feedbackloop.model.AttemptStatus.FAILED;
import static dev.feedbackloop.model.AttemptStatus.PASSED;
import static dev.feedbackloop.model.AttemptStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TestStatusTest {

    static Stream<Arguments> attemptsAndFinalStatus() {
        return Stream.of(
                Arguments.of("one pass", List.of(PASSED), TestStatus.PASSED),
                Arguments.of("one failure", List.of(FAILED), TestStatus.FAILED),
                Arguments.of("one error", List.of(ERROR), TestStatus.ERROR),
                Arguments.of("skipped", List.of(SKIPPED), TestStatus.SKIPPED),
                Arguments.of("passed after a failed try", List.of(FAILED, PASSED), TestStatus.FLAKY),
                Arguments.of("failed after a pass", List.of(PASSED, FAILED), TestStatus.FLAKY),
                Arguments.of("passed after an error", List.of(ERROR, ERROR, PASSED), TestStatus.FLAKY),
                Arguments.of("every retry failed", List.of(FAILED, FAILED, FAILED), TestStatus.FAILED),
                Arguments.of("failure and error, no pass", List.of(ERROR, FAILED), TestStatus.FAILED),
                Arguments.of("errors only", List.of(ERROR, ERROR), TestStatus.ERROR),
                Arguments.of("skipped then passed", List.of(SKIPPED, PASSED), TestStatus.PASSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attemptsAndFinalStatus")
    void finalStatusFollowsTheAttempts(String name, List<AttemptStatus> statuses, TestStatus expected) {
        assertThat(TestStatus.of(attempts(statuses))).isEqualTo(expected);
    }

    @Test
    void aResultNeedsAnAttempt() {
        assertThatThrownBy(() -> TestStatus.of(List.of())).hasMessageContaining("at least one attempt");
    }

    @Test
    void aResultRejectsAStatusItsAttemptsContradict() {
        TestCase test = TestCase.of("Suite", "works");
        assertThatThrownBy(() -> new TestResult(test, TestStatus.PASSED, attempts(List.of(FAILED))))
                .hasMessageContaining("'works'").hasMessageContaining("FAILED");
    }

    @Test
    void retriesListedSeparatelyMergeInOrder() {
        TestCase test = TestCase.of("Suite", "retried");
        TestResult first = TestResult.of(test, attempts(List.of(FAILED)));
        TestResult merged = first.plusAttempts(List.of(Attempt.passed(0, 12)));
        assertThat(merged.status()).isEqualTo(TestStatus.FLAKY);
        assertThat(merged.attempts()).extracting(Attempt::index).containsExactly(0, 1);
        assertThat(merged.lastFailure()).map(Failure::message).contains("boom 0");
    }

    private static List<Attempt> attempts(List<AttemptStatus> statuses) {
        List<Attempt> attempts = new ArrayList<>();
        for (AttemptStatus status : statuses) {
            int i = attempts.size();
            attempts.add(new Attempt(i, status, 5, status.isFailing()
                    ? Optional.of(Failure.of("boom " + i)) : Optional.empty(), "", ""));
        }
        return attempts;
    }
}
