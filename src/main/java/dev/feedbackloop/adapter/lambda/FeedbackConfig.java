package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.llm.LlmSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime configuration of the contract ({@code feedback.*}, or {@code FEEDBACK_*} environment variables, which
 * the CDK stack sets on every function).
 */
@ConfigMapping(prefix = "feedback")
public interface FeedbackConfig {

    /** {@code feedback.table-name}: the one DynamoDB table. */
    String tableName();

    Reports reports();

    Regenerate regenerate();

    Secrets secrets();

    Llm llm();

    /** {@code feedback.raw-ttl-days}: days raw data is kept. */
    @WithDefault("30")
    int rawTtlDays();

    Ingest ingest();

    Aws aws();

    Digest digest();

    Rollup rollup();

    Github github();

    Read read();

    /** The read function's read tokens (docs/read-api.md). */
    interface Read {
        /**
         * {@code feedback.read.token-secret-id}: a Secrets Manager secret holding the deployment's read secret (at
         * least 32 bytes), from which each project's read token is derived ({@code view.ReadTokens}); without it,
         * reads must be signed.
         */
        Optional<String> tokenSecretId();
    }

    /** The nightly rollup's optional issue sync to GitHub (docs/github-issues.md). */
    interface Github {
        /**
         * {@code feedback.github.repos.<project>=owner/name}: the repository each project's issues are synced to;
         * a project without one is not synced.
         */
        Map<String, String> repos();

        /** {@code feedback.github.token-secret-id}: a Secrets Manager secret holding the token; no sync without it. */
        Optional<String> tokenSecretId();

        /** {@code feedback.github.api-url}: GitHub's API (GitHub Enterprise, or a local server in tests). */
        @WithDefault("https://api.github.com")
        URI apiUrl();
    }

    /** The nightly rollup in a long-running process. */
    interface Rollup {
        /**
         * {@code feedback.rollup.run-on-schedule}: fire the rollup on the deployment contract's schedule inside this
         * process ({@code quarkus:dev}); off on Lambda, where EventBridge fires it.
         */
        @WithDefault("false")
        boolean runOnSchedule();
    }

    /** The nightly report and Slack digest the rollup publishes. */
    interface Digest {
        /**
         * {@code feedback.digest.secret-id}: a Secrets Manager secret holding the projects' digest settings
         * ({@link dev.feedbackloop.publish.DigestRoutes}); no digest is sent without it.
         */
        Optional<String> secretId();

        /** {@code feedback.digest.report-link-ttl}: how long the pre-signed link to a nightly report works. */
        @WithDefault("PT12H")
        Duration reportLinkTtl();
    }

    /** Raw reports in S3. */
    interface Reports {
        /** {@code feedback.reports.bucket}. */
        String bucket();

        /** {@code feedback.reports.prefix}. */
        @WithDefault("reports/")
        String prefix();
    }

    /** The regeneration queue. */
    interface Regenerate {
        /** {@code feedback.regenerate.queue-url}. */
        String queueUrl();
    }

    /** Project signing secrets. */
    interface Secrets {
        /** {@code feedback.secrets.project-secrets-id}: a Secrets Manager secret holding {@code {"project":"secret"}}. */
        Optional<String> projectSecretsId();

        /** {@code feedback.secrets.inline.<project>=<secret>}: used when no secret id is set (local runs, tests). */
        Map<String, String> inline();

        /** How long the Secrets Manager map is cached. */
        @WithDefault("PT5M")
        Duration cacheTtl();
    }

    /**
     * The LLM provider ({@code feedback.llm.*}, docs/llm.md). Read as written and checked by
     * {@link dev.feedbackloop.adapter.llm.LlmSettings#parse}, which the command line uses too; declared here so that
     * every key is known and documented in one place.
     */
    interface Llm {
        /** {@code feedback.llm.provider}: {@code anthropic}, {@code openai}, {@code bedrock} or {@code none}. */
        @WithDefault(LlmSettings.DEFAULT_PROVIDER)
        String provider();

        /** {@code feedback.llm.model}: the model id (Azure: the deployment); required with a provider. */
        Optional<String> model();

        /** {@code feedback.llm.base-url}: the provider's URL when not its default. */
        Optional<String> baseUrl();

        /** {@code feedback.llm.api-key-secret-id}: a Secrets Manager secret holding the API key. */
        Optional<String> apiKeySecretId();

        /** {@code feedback.llm.api-key} ({@code FEEDBACK_LLM_API_KEY}): the key itself, when no secret is set. */
        Optional<String> apiKey();

        /** {@code feedback.llm.ask-min-occurrences}: occurrences at which a scenario is sent to the model. */
        @WithDefault(LlmSettings.DEFAULT_ASK_MIN_OCCURRENCES)
        String askMinOccurrences();

        /** {@code feedback.llm.ask-new-on-default-branch}: whether a scenario new on the default branch is sent. */
        @WithDefault(LlmSettings.DEFAULT_ASK_NEW_ON_DEFAULT_BRANCH)
        String askNewOnDefaultBranch();

        /** {@code feedback.llm.ask-flaky}: whether a test judged flaky is sent all the same. */
        @WithDefault(LlmSettings.DEFAULT_ASK_FLAKY)
        String askFlaky();

        /** {@code feedback.llm.default-branch}: the projects' default branch; unset: main, else master. */
        Optional<String> defaultBranch();

        /** {@code feedback.llm.azure-api-version}: with {@code openai}, talk to Azure OpenAI. */
        Optional<String> azureApiVersion();

        /** {@code feedback.llm.aws-region}: Bedrock's region when not the function's. */
        Optional<String> awsRegion();

        @WithDefault(LlmSettings.DEFAULT_CONNECT_TIMEOUT)
        String connectTimeout();

        @WithDefault(LlmSettings.DEFAULT_REQUEST_TIMEOUT)
        String requestTimeout();

        @WithDefault(LlmSettings.DEFAULT_MAX_OUTPUT_TOKENS)
        String maxOutputTokens();

        /** {@code feedback.llm.daily-budget-usd}: per project per UTC day, or {@code none}. */
        @WithDefault(LlmSettings.DEFAULT_DAILY_BUDGET_USD)
        String dailyBudgetUsd();

        @WithDefault(LlmSettings.DEFAULT_MAX_ATTEMPTS)
        String maxAttempts();

        @WithDefault(LlmSettings.DEFAULT_DEADLINE_MARGIN)
        String deadlineMargin();

        /** {@code feedback.llm.price.*}: the configured model's price in USD per million tokens. */
        Price price();

        /** How long the key read from Secrets Manager is cached. */
        @WithDefault("PT5M")
        Duration apiKeyCacheTtl();

        interface Price {
            Optional<String> inputUsdPerMtok();

            Optional<String> outputUsdPerMtok();

            Optional<String> cacheReadUsdPerMtok();

            Optional<String> cacheWriteUsdPerMtok();
        }
    }

    /** Ingest limits. */
    interface Ingest {
        /** {@code feedback.ingest.max-body-bytes}: largest request body. */
        @WithDefault("6291456")
        long maxBodyBytes();

        /** {@code feedback.ingest.max-inflated-bytes}: largest size a gzip body may inflate to. */
        @WithDefault("536870912")
        long maxInflatedBytes();

        /** {@code feedback.ingest.max-upload-bytes}: largest report through a pre-signed upload. */
        @WithDefault("5368709120")
        long maxUploadBytes();

        /** {@code feedback.ingest.upload-url-ttl}: how long a pre-signed upload URL is valid. */
        @WithDefault("PT15M")
        Duration uploadUrlTtl();
    }

    /**
     * Endpoints and credentials for the SQS and Secrets Manager clients, for local engines only: on Lambda all are
     * empty and the SDK's defaults (the function's region and role) apply.
     */
    interface Aws {
        Optional<String> region();

        Optional<URI> sqsEndpoint();

        Optional<URI> secretsManagerEndpoint();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}
