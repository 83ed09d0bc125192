package dev.feedbackloop.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The two secrets of the functions. Their values are set by an operator after the first deploy
 * ({@code aws secretsmanager put-secret-value}, see docs/DEPLOY.md); CloudFormation does not reset them later,
 * since the template value never changes.
 */
public final class FeedbackSecrets extends Construct {

    private static final String NO_ROTATION = "Rotation cannot be automated: the value is shared with systems "
            + "outside AWS (the HMAC secrets with each project's CI, the API key with the LLM provider), so an "
            + "operator rotates it in both places with put-secret-value.";

    private final Secret projectSecrets;
    private final Secret llmApiKey;
    private final Secret digestSettings;
    private final Secret githubToken;
    private final Secret readSecret;

    public FeedbackSecrets(Construct scope, String id, boolean retain) {
        super(scope, id);
        RemovalPolicy removal = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        // Starts as an empty JSON map, so ingest rejects every project until an operator adds its secret.
        projectSecrets = Secret.Builder.create(this, "ProjectSecrets")
                .description("Feedback Loop: JSON map of project name to the HMAC secret its CI signs uploads with")
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                .removalPolicy(removal)
                .build();
        // Starts as a random placeholder that no LLM provider accepts; regenerate fails until it is set.
        llmApiKey = Secret.Builder.create(this, "LlmApiKey")
                .description("Feedback Loop: API key of the LLM provider used to regenerate tests")
                .removalPolicy(removal)
                .build();
        // Starts as an empty JSON map: no project gets a Slack digest until an operator adds its webhook.
        digestSettings = Secret.Builder.create(this, "DigestSettings")
                .description("Feedback Loop: JSON map of project name to its Slack incoming-webhook URL, or to"
                        + " {\"webhook\", \"owners\"} with a CODEOWNERS-style owners file (docs/DEPLOY.md)")
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                .removalPolicy(removal)
                .build();
        // Starts as a random placeholder GitHub refuses: the nightly issue sync (only for projects given a repository
        // in feedback.github.repos) fails, logged, until an operator puts a token in it.
        githubToken = Secret.Builder.create(this, "GitHubToken")
                .description("Feedback Loop: GitHub token the nightly rollup syncs issues with (docs/github-issues.md)")
                .removalPolicy(removal)
                .build();
        // Generated, 64 letters and digits: the read function derives each project's read token from it at once;
        // replacing the value revokes every token.
        readSecret = Secret.Builder.create(this, "ReadSecret")
                .description("Feedback Loop: the read API's secret, from which each project's read token (flr_...)"
                        + " is derived (docs/read-api.md)")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true)
                        .includeSpace(false).build())
                .removalPolicy(removal)
                .build();
        Nag.suppress(githubToken, "AwsSolutions-SMG4", "Rotation cannot be automated: the token is issued by GitHub;"
                + " an operator rotates it there and with put-secret-value.");
        Nag.suppress(readSecret, "AwsSolutions-SMG4", "Rotating it revokes every read token handed out, so it is a"
                + " deliberate operator action (put-secret-value), not a schedule.");
        Nag.suppress(digestSettings, "AwsSolutions-SMG4", NO_ROTATION);
        Nag.suppress(projectSecrets, "AwsSolutions-SMG4", NO_ROTATION);
        Nag.suppress(llmApiKey, "AwsSolutions-SMG4", NO_ROTATION);
    }

    public ISecret projectSecrets() {
        return projectSecrets;
    }

    public ISecret llmApiKey() {
        return llmApiKey;
    }

    public ISecret digestSettings() {
        return digestSettings;
    }

    /** The rollup posts each project's digest to its webhook. */
    public void grantReadDigestSettings(IGrantable grantee) {
        digestSettings.grantRead(grantee);
    }

    public ISecret githubToken() {
        return githubToken;
    }

    public ISecret readSecret() {
        return readSecret;
    }

    /** The rollup syncs issues to GitHub with the token. */
    public void grantReadGitHubToken(IGrantable grantee) {
        githubToken.grantRead(grantee);
    }

    /** The read function checks read tokens against the read secret. */
    public void grantReadReadSecret(IGrantable grantee) {
        readSecret.grantRead(grantee);
    }

    /** Ingest verifies request signatures with the per-project HMAC secrets. */
    public void grantReadProjectSecrets(IGrantable grantee) {
        projectSecrets.grantRead(grantee);
    }

    /** Regenerate calls the LLM provider. */
    public void grantReadLlmApiKey(IGrantable grantee) {
        llmApiKey.grantRead(grantee);
    }
}
