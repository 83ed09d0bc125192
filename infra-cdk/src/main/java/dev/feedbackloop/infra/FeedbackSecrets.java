package dev.feedbackloop.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The secrets of the functions. Their values are set by an operator after the first deploy
 * ({@code aws secretsmanager put-secret-value}, see docs/DEPLOY.md); CloudFormation does not reset them later,
 * since the template value never changes. The GitHub token, the LLM API key and the read secret may instead be
 * secrets a team already has, imported by name ({@link ImportedSecrets}): the same functions read them, and are told
 * their names ({@link #id}).
 */
public final class FeedbackSecrets extends Construct {

    private static final String NO_ROTATION = "Rotation cannot be automated: the value is shared with systems "
            + "outside AWS (the HMAC secrets with each project's CI, the API key with the LLM provider), so an "
            + "operator rotates it in both places with put-secret-value.";

    private final Secret projectSecrets;
    private final ISecret llmApiKey;
    private final Secret digestSettings;
    private final ISecret githubToken;
    private final ISecret readSecret;
    private final ImportedSecrets imported;

    public FeedbackSecrets(Construct scope, String id, boolean retain, ImportedSecrets imported) {
        super(scope, id);
        this.imported = imported;
        RemovalPolicy removal = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        // Starts as an empty JSON map, so ingest rejects every project until an operator adds its secret.
        projectSecrets = Secret.Builder.create(this, "ProjectSecrets")
                .description("Feedback Loop: JSON map of project name to the HMAC secret its CI signs uploads with")
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                .removalPolicy(removal)
                .build();
        // Starts as a random placeholder that no LLM provider accepts; regenerate fails until it is set.
        llmApiKey = imported.llmApiKey().map(name -> Secret.fromSecretNameV2(this, "LlmApiKey", name))
                .orElseGet(() -> noRotation(Secret.Builder.create(this, "LlmApiKey")
                        .description("Feedback Loop: API key of the LLM provider used to regenerate tests")
                        .removalPolicy(removal)
                        .build(), NO_ROTATION));
        // Starts as an empty JSON map: no project gets a Slack digest until an operator adds its webhook.
        digestSettings = Secret.Builder.create(this, "DigestSettings")
                .description("Feedback Loop: JSON map of project name to its Slack incoming-webhook URL, or to"
                        + " {\"webhook\", \"owners\"} with a CODEOWNERS-style owners file (docs/DEPLOY.md)")
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                .removalPolicy(removal)
                .build();
        // Starts as a random placeholder GitHub refuses: the nightly issue sync (only for projects given a repository
        // in feedback.github.repos) fails, logged, until an operator puts a token in it.
        githubToken = imported.githubToken().map(name -> Secret.fromSecretNameV2(this, "GitHubToken", name))
                .orElseGet(() -> noRotation(Secret.Builder.create(this, "GitHubToken")
                        .description("Feedback Loop: GitHub token the nightly rollup syncs issues with"
                                + " (docs/github-issues.md)")
                        .removalPolicy(removal)
                        .build(), "Rotation cannot be automated: the token is issued by GitHub; an operator rotates"
                        + " it there and with put-secret-value."));
        // Generated, 64 letters and digits: the read function derives each project's read token from it at once;
        // replacing the value revokes every token.
        readSecret = imported.readSecret().map(name -> Secret.fromSecretNameV2(this, "ReadSecret", name))
                .orElseGet(() -> noRotation(Secret.Builder.create(this, "ReadSecret")
                        .description("Feedback Loop: the read API's secret, from which each project's read token"
                                + " (flr_...) is derived (docs/read-api.md)")
                        .generateSecretString(SecretStringGenerator.builder().passwordLength(64)
                                .excludePunctuation(true).includeSpace(false).build())
                        .removalPolicy(removal)
                        .build(), "Rotating it revokes every read token handed out, so it is a deliberate operator"
                        + " action (put-secret-value), not a schedule."));
        Nag.suppress(digestSettings, "AwsSolutions-SMG4", NO_ROTATION);
        Nag.suppress(projectSecrets, "AwsSolutions-SMG4", NO_ROTATION);
    }

    private static ISecret noRotation(Secret created, String why) {
        Nag.suppress(created, "AwsSolutions-SMG4", why);
        return created;
    }

    /**
     * What a function is told to find {@code secret} by: an imported secret's name (an ARN built from a name ends in
     * a wildcard, which GetSecretValue does not take), a created one's ARN.
     */
    public String id(ISecret secret) {
        if (secret == githubToken && imported.githubToken().isPresent()) {
            return imported.githubToken().get();
        }
        if (secret == llmApiKey && imported.llmApiKey().isPresent()) {
            return imported.llmApiKey().get();
        }
        if (secret == readSecret && imported.readSecret().isPresent()) {
            return imported.readSecret().get();
        }
        return secret.getSecretArn();
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
