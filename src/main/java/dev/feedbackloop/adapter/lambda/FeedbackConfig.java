package dev.feedbackloop.adapter.lambda;

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

    /** The LLM provider (used by the fix generation that arrives with its own issue). */
    interface Llm {
        /** {@code feedback.llm.api-key-secret-id}. */
        Optional<String> apiKeySecretId();
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
