package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.Run;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetadataTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void headersAreReadCaseInsensitively() {
        Run run = RunMetadata.fromRequest(Map.of("x-feedback-project", "web", "X-FEEDBACK-RUN-ID", "991",
                "X-Feedback-Run-Attempt", "2", "x-feedback-commit", "abc123", "x-feedback-branch", "main"),
                Map.of(), "fallback", NOW);
        assertThat(run.key().project()).isEqualTo("web");
        assertThat(run.key().runId()).isEqualTo("991");
        assertThat(run.key().attempt()).isEqualTo(2);
        assertThat(run.commitSha()).contains("abc123");
        assertThat(run.branch()).contains("main");
        assertThat(run.finishedAt()).contains(NOW);
    }

    @Test
    void queryParametersFillWhatHeadersLeaveOut_headersWin() {
        Run run = RunMetadata.fromRequest(Map.of("X-Feedback-Project", "web"),
                Map.of("project", "ignored", "run", "77", "build-url", "https://ci/77"), "fallback", NOW);
        assertThat(run.key().project()).isEqualTo("web");
        assertThat(run.key().runId()).isEqualTo("77");
        assertThat(run.buildUrl()).contains("https://ci/77");
    }

    @Test
    void aMissingRunIdFallsBackAndAttemptDefaultsToOne() {
        Run run = RunMetadata.fromRequest(Map.of(), Map.of("project", "web"), "sha-of-report", NOW);
        assertThat(run.key().runId()).isEqualTo("sha-of-report");
        assertThat(run.key().attempt()).isEqualTo(1);
    }

    @Test
    void missingProjectOrBadAttemptIsNamed() {
        assertThatThrownBy(() -> RunMetadata.fromRequest(Map.of(), Map.of(), "f", NOW))
                .hasMessageContaining("X-Feedback-Project").hasMessageContaining("'project'");
        assertThatThrownBy(() -> RunMetadata.fromRequest(Map.of(), Map.of("project", "web", "attempt", "two"), "f", NOW))
                .hasMessageContaining("'two'");
        assertThatThrownBy(() -> RunMetadata.fromRequest(Map.of(), Map.of("project", "we b"), "f", NOW))
                .hasMessageContaining("'we b'");
    }

    @Test
    void parametersRoundTripThroughS3Metadata() {
        Run run = RunMetadata.fromRequest(Map.of(), Map.of("project", "web", "run", "5", "attempt", "3",
                "commit", "c0ffee", "ci", "github-actions"), "f", NOW);
        Run back = RunMetadata.fromParameters(RunMetadata.toParameters(run), "other", NOW);
        assertThat(back).isEqualTo(run);
        assertThat(RunMetadata.toHeaders(run)).containsEntry("X-Feedback-Run-Attempt", "3")
                .containsEntry("X-Feedback-Ci-Provider", "github-actions");
    }
}
