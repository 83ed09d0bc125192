package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.dynamodb.DynamoSpendLedger;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.adapter.secrets.SecretsManagerApiKey;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The model side ({@link LlmWiring}) from {@code feedback.llm.*}: the same plain construction as the command line,
 * with the API key from Secrets Manager when {@code feedback.llm.api-key-secret-id} is set (read at the first call,
 * by the function that makes it), else {@code feedback.llm.api-key}, and the daily spend kept in the table. With
 * provider {@code none} (the default) nothing is built.
 */
@Singleton
public class LlmProducers {

    @Produces
    @Singleton
    LlmWiring llm(FeedbackConfig config, DynamoDbClient dynamoDb, Clock clock) {
        FeedbackConfig.Llm llm = config.llm();
        Map<String, Optional<String>> properties = properties(llm);
        LlmSettings settings = LlmSettings.parse(name -> properties.getOrDefault(name, Optional.empty()));
        ApiKeySource key = llm.apiKeySecretId().filter(id -> !id.isBlank())
                .<ApiKeySource>map(id -> new SecretsManagerApiKey(() -> LoopProducers.configure(
                        SecretsManagerClient.builder(), config, config.aws().secretsManagerEndpoint()).build(), id,
                        llm.apiKeyCacheTtl(), clock))
                .orElseGet(() -> llm.apiKey().filter(k -> !k.isBlank()).map(ApiKeySource::of)
                        .orElse(ApiKeySource.none()));
        DynamoSpendLedger ledger = new DynamoSpendLedger(dynamoDb, DynamoSettings.of(config.tableName()), clock);
        return LlmWiring.create(settings, new LlmWiring.Collaborators(key, ledger, config.aws().region(),
                Optional.empty(), clock));
    }

    void close(@Disposes LlmWiring llm) {
        llm.close();
    }

    /** The typed configuration back as written, for the one parser the command line shares. */
    private static Map<String, Optional<String>> properties(FeedbackConfig.Llm llm) {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("feedback.llm.provider", Optional.of(llm.provider()));
        values.put("feedback.llm.model", llm.model());
        values.put("feedback.llm.base-url", llm.baseUrl());
        values.put("feedback.llm.azure-api-version", llm.azureApiVersion());
        values.put("feedback.llm.aws-region", llm.awsRegion());
        values.put("feedback.llm.connect-timeout", Optional.of(llm.connectTimeout()));
        values.put("feedback.llm.request-timeout", Optional.of(llm.requestTimeout()));
        values.put("feedback.llm.max-output-tokens", Optional.of(llm.maxOutputTokens()));
        values.put("feedback.llm.daily-budget-usd", Optional.of(llm.dailyBudgetUsd()));
        values.put("feedback.llm.max-attempts", Optional.of(llm.maxAttempts()));
        values.put("feedback.llm.deadline-margin", Optional.of(llm.deadlineMargin()));
        values.put("feedback.llm.price.input-usd-per-mtok", llm.price().inputUsdPerMtok());
        values.put("feedback.llm.price.output-usd-per-mtok", llm.price().outputUsdPerMtok());
        values.put("feedback.llm.price.cache-read-usd-per-mtok", llm.price().cacheReadUsdPerMtok());
        values.put("feedback.llm.price.cache-write-usd-per-mtok", llm.price().cacheWriteUsdPerMtok());
        values.put("feedback.llm.ask-min-occurrences", Optional.of(llm.askMinOccurrences()));
        values.put("feedback.llm.ask-new-on-default-branch", Optional.of(llm.askNewOnDefaultBranch()));
        values.put("feedback.llm.ask-flaky", Optional.of(llm.askFlaky()));
        values.put("feedback.llm.default-branch", llm.defaultBranch());
        return values;
    }
}
