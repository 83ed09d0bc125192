package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    @Test
    void backoffDoubles_halfOfItRandom_upToItsCap() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.backoff(1, 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(4, 1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(10, 1)).isEqualTo(RetryPolicy.MAX_BACKOFF);
        assertThat(policy.backoff(64, 0)).isEqualTo(RetryPolicy.MAX_BACKOFF.dividedBy(2));
    }

    /** The worst case the docs state: 5 x 30 s of attempts and 0.5 + 1 + 2 + 4 s of backoff. */
    @Test
    void theDefaultsGiveUpOnADeadServerWithinTheDocumentedTime() {
        RetryPolicy policy = RetryPolicy.defaults();
        Duration worst = policy.timeout().multipliedBy(policy.retries() + 1);
        for (int retry = 1; retry <= policy.retries(); retry++) {
            worst = worst.plus(policy.backoff(retry, 1));
        }
        assertThat(worst).isEqualTo(Duration.ofMillis(157_500));
    }

    @Test
    void theConnectTimeoutIsAtMostTenSeconds() {
        assertThat(RetryPolicy.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new RetryPolicy(0, Duration.ofMillis(200)).connectTimeout()).isEqualTo(Duration.ofMillis(200));
    }

    @ParameterizedTest(name = "{0} retries, {1} ms")
    @CsvSource({
            "-1, 1000, 'retries must be within 0..10, was -1'",
            "11, 1000, 'retries must be within 0..10, was 11'",
            "1, 99, 'timeout must be within 100 ms..10 min, was 99 ms'",
            "1, 600001, 'timeout must be within 100 ms..10 min, was 10 min'",
    })
    void limitsAreChecked(int retries, long millis, String message) {
        assertThatThrownBy(() -> new RetryPolicy(retries, Duration.ofMillis(millis))).hasMessage(message);
    }
}
