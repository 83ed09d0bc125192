package dev.feedbackloop.store;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegenerationRequestTest {

    private static final ScenarioKey SCENARIO = new ScenarioKey("web", fingerprint(1));

    @Test
    void deduplicationKey_dependsOnScenarioAndRun_notOnWhenOrWhichTests() {
        RegenerationRequest request = request(new RunKey("web", "r1", 1), Instant.parse("2026-03-01T10:00:00Z"));
        RegenerationRequest redelivered = new RegenerationRequest(SCENARIO, Category.SELECTOR_ISSUE,
                new RunKey("web", "r1", 1), List.of(ids("web", 5, 6)), Instant.parse("2026-03-01T11:00:00Z"));

        assertThat(redelivered.deduplicationKey()).isEqualTo(request.deduplicationKey()).hasSize(64);
        assertThat(request(new RunKey("web", "r1", 2), Instant.EPOCH).deduplicationKey())
                .isNotEqualTo(request.deduplicationKey());
        // Pinned: consumers store these keys, so changing how they are made must be a visible decision.
        assertThat(request.deduplicationKey()).isEqualTo("e61a2c061ef96e5d761d2c393ba9197a895996f9f0b49341f6c77636d827afe7");
    }

    @Test
    void aCauseNoRegenerationCanFix_isRefused() {
        assertThatThrownBy(() -> new RegenerationRequest(SCENARIO, Category.BOT_BLOCK, new RunKey("web", "r1", 1),
                List.of(ids("web", 0, 1)), Instant.EPOCH)).hasMessageContaining("BOT_BLOCK");
    }

    @Test
    void aRunOfAnotherProject_isRefused() {
        assertThatThrownBy(() -> new RegenerationRequest(SCENARIO, Category.TIMEOUT, new RunKey("api", "r1", 1),
                List.of(ids("web", 0, 1)), Instant.EPOCH)).hasMessageContaining("another project: api");
    }

    private static RegenerationRequest request(RunKey run, Instant at) {
        return new RegenerationRequest(SCENARIO, Category.SELECTOR_ISSUE, run, List.of(ids("web", 0, 2)), at);
    }
}
