package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * CDI producers: the SQS and Secrets Manager clients (plain SDK clients on the URL-connection HTTP client, as the
 * Quarkus extensions for them are not available here), and {@link LoopWiring} from {@link FeedbackConfig} and the
 * DynamoDB and S3 clients of the Quarkus extensions.
 */
@Singleton
public class LoopProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SqsClient sqs(FeedbackConfig config) {
        return configure(SqsClient.builder(), config, config.aws().sqsEndpoint()).build();
    }

    void closeSqs(@Disposes SqsClient sqs) {
        sqs.close();
    }

    @Produces
    @Singleton
    LoopWiring wiring(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, SqsClient sqs,
                      FeedbackConfig config, Clock clock) {
        ProjectSecrets secrets = LoopWiring.projectSecrets(config.secrets().projectSecretsId(),
                config.secrets().inline(), config.secrets().cacheTtl(),
                () -> configure(SecretsManagerClient.builder(), config, config.aws().secretsManagerEndpoint())
                        .build(), clock);
        FeedbackConfig.Ingest ingest = config.ingest();
        LoopWiring.Settings settings = new LoopWiring.Settings(config.tableName(), config.reports().bucket(),
                config.reports().prefix(), config.regenerate().queueUrl(), Duration.ofDays(config.rawTtlDays()),
                new IngestSettings(ingest.maxBodyBytes(), ingest.maxInflatedBytes(), ingest.maxUploadBytes(),
                        ingest.uploadUrlTtl()));
        return new LoopWiring(dynamoDb, s3, presigner, sqs, secrets, settings, clock);
    }

    static <B extends AwsClientBuilder<B, ?>> B configure(B builder, FeedbackConfig config,
                                                                  java.util.Optional<java.net.URI> endpoint) {
        FeedbackConfig.Aws aws = config.aws();
        aws.region().map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    aws.accessKeyId().get(), aws.secretAccessKey().get())));
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }
}
