package dev.feedbackloop.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Run metadata a CI system already exposes in its environment, so a CI job can call {@code feedback upload} with
 * no flags beyond the project. Explicit flags always win over what is read here.
 */
public final class CiEnvironment {

    private CiEnvironment() {
    }

    /**
     * Metadata under {@link RunMetadata.Field#parameter()} names, read from {@code env}; empty when no known CI
     * system is detected. Supports GitHub Actions, GitLab CI, Jenkins, CircleCI, Buildkite and Azure Pipelines.
     */
    public static Map<String, String> detect(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            put(out, "ci", "github-actions");
            put(out, "run", env.get("GITHUB_RUN_ID"));
            put(out, "attempt", env.get("GITHUB_RUN_ATTEMPT"));
            put(out, "commit", env.get("GITHUB_SHA"));
            put(out, "branch", Optional.ofNullable(env.get("GITHUB_HEAD_REF")).filter(s -> !s.isBlank())
                    .orElse(env.get("GITHUB_REF_NAME")));
            if (env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null
                    && env.get("GITHUB_RUN_ID") != null) {
                put(out, "build-url", env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY")
                        + "/actions/runs/" + env.get("GITHUB_RUN_ID"));
            }
        } else if ("true".equals(env.get("GITLAB_CI"))) {
            put(out, "ci", "gitlab-ci");
            put(out, "run", env.get("CI_PIPELINE_ID"));
            put(out, "commit", env.get("CI_COMMIT_SHA"));
            put(out, "branch", env.get("CI_COMMIT_REF_NAME"));
            put(out, "build-url", env.get("CI_PIPELINE_URL"));
        } else if (env.get("JENKINS_URL") != null) {
            put(out, "ci", "jenkins");
            put(out, "run", env.get("BUILD_TAG"));
            put(out, "commit", env.get("GIT_COMMIT"));
            put(out, "branch", env.get("BRANCH_NAME"));
            put(out, "build-url", env.get("BUILD_URL"));
        } else if ("true".equals(env.get("CIRCLECI"))) {
            put(out, "ci", "circleci");
            put(out, "run", env.get("CIRCLE_WORKFLOW_ID"));
            put(out, "commit", env.get("CIRCLE_SHA1"));
            put(out, "branch", env.get("CIRCLE_BRANCH"));
            put(out, "build-url", env.get("CIRCLE_BUILD_URL"));
        } else if ("true".equals(env.get("BUILDKITE"))) {
            put(out, "ci", "buildkite");
            put(out, "run", env.get("BUILDKITE_BUILD_ID"));
            put(out, "attempt", nextAttempt(env.get("BUILDKITE_RETRY_COUNT")));
            put(out, "commit", env.get("BUILDKITE_COMMIT"));
            put(out, "branch", env.get("BUILDKITE_BRANCH"));
            put(out, "build-url", env.get("BUILDKITE_BUILD_URL"));
        } else if (env.get("TF_BUILD") != null) {
            put(out, "ci", "azure-pipelines");
            put(out, "run", env.get("BUILD_BUILDID"));
            put(out, "commit", env.get("BUILD_SOURCEVERSION"));
            put(out, "branch", env.get("BUILD_SOURCEBRANCHNAME"));
        }
        return out;
    }

    /** Buildkite counts retries from 0; our attempts count from 1. */
    private static String nextAttempt(String retryCount) {
        try {
            return retryCount == null ? null : Integer.toString(Integer.parseInt(retryCount.strip()) + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value.strip());
        }
    }
}
