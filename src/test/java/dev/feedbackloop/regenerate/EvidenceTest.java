package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void everyPartIsRedacted() {
        Evidence evidence = FixCases.evidence();

        assertThat(evidence.toString()).doesNotContain(FixCases.SECRET).contains("[REDACTED:");
        assertThat(evidence.message()).contains("waiting for locator('#pay-button')");
    }

    @Test
    void longTextIsCutInTheMiddle_withinItsBound() {
        String message = "Error: expected total\n" + "x".repeat(20_000) + "\nReceived: $41.00";
        Evidence evidence = Evidence.of(FixCases.SCENARIO, Category.ASSERTION_FAIL, FixCases.TEST, Optional.empty(),
                new Failure(message, Optional.empty(), Optional.of("s".repeat(50_000))), "c".repeat(5_000),
                List.of(), Optional.empty(), Optional.of("- text: " + "p".repeat(30_000)), Redactor.standard());

        assertThat(evidence.message()).hasSizeLessThanOrEqualTo(Evidence.MAX_MESSAGE)
                .startsWith("Error: expected total").endsWith("Received: $41.00").contains("characters left out");
        assertThat(evidence.stackTrace()).hasSizeLessThanOrEqualTo(Evidence.MAX_STACK);
        assertThat(evidence.classification()).hasSizeLessThanOrEqualTo(Evidence.MAX_CLASSIFICATION);
        assertThat(evidence.pageSnapshot().orElseThrow()).hasSizeLessThanOrEqualTo(PageContext.MAX_CHARS);
    }

    @Test
    void sourceVersionIsTheRedactedSourcesHash_orNone() {
        assertThat(FixCases.evidence().sourceVersion()).isEqualTo(FixCases.source().sha256()).hasSize(64);
        assertThat(FixCases.evidence(Optional.empty()).sourceVersion()).isEqualTo("none");
    }

    @Test
    void aSourceTooLargeToSendWholeIsRefused() {
        assertThatThrownBy(() -> TestSource.of("big.spec.ts", "x".repeat(TestSource.MAX_CHARS + 1)))
                .hasMessageContaining("big.spec.ts").hasMessageContaining(String.valueOf(TestSource.MAX_CHARS));
    }
}
