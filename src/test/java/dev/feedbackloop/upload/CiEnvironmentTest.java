package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    @Test
    void githubActionsGivesRunAttemptCommitBranchAndBuildUrl() {
        Map<String, String> detected = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "99",
                "GITHUB_RUN_ATTEMPT", "2", "GITHUB_SHA", "abc", "GITHUB_REF_NAME", "main",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/web"));
        assertThat(detected).containsEntry("ci", "github-actions").containsEntry("run", "99")
                .containsEntry("attempt", "2").containsEntry("commit", "abc").containsEntry("branch", "main")
                .containsEntry("build-url", "https://github.com/acme/web/actions/runs/99");
    }

    @Test
    void aPullRequestUsesItsHeadBranch() {
        assertThat(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_HEAD_REF", "fix/login",
                "GITHUB_REF_NAME", "12/merge"))).containsEntry("branch", "fix/login");
    }

    @Test
    void buildkiteRetriesCountFromZero() {
        assertThat(CiEnvironment.detect(Map.of("BUILDKITE", "true", "BUILDKITE_RETRY_COUNT", "0")))
                .containsEntry("attempt", "1");
        assertThat(CiEnvironment.detect(Map.of("BUILDKITE", "true", "BUILDKITE_RETRY_COUNT", "x")))
                .doesNotContainKey("attempt");
    }

    @Test
    void noCiMeansNoMetadata() {
        assertThat(CiEnvironment.detect(Map.of("HOME", "/root"))).isEmpty();
    }
}
