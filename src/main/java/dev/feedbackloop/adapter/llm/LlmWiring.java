package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixModelCaller;
import dev.feedbackloop.regenerate.ModelPrices;
import dev.feedbackloop.regenerate.SpendBudget;
import dev.feedbackloop.store.SpendLedger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The model side of the loop, built from {@link LlmSettings} with plain constructors, by the Lambda functions' CDI
 * producer and by the command line alike. With provider {@code none} nothing is built (no HTTP client, no Vert.x):
 * {@link #caller()} is empty. Building checks the configuration and does no network I/O; the key and AWS
 * credentials are read at the first call.
 */
public final class LlmWiring implements AutoCloseable {

    private final LlmSettings settings;
    private final Optional<HttpTransport> transport;
    private final Optional<FixModelCaller> caller;

    private LlmWiring(LlmSettings settings, Optional<HttpTransport> transport, Optional<FixModelCaller> caller) {
        this.settings = settings;
        this.transport = transport;
        this.caller = caller;
    }

    /**
     * Collaborators from outside the model configuration.
     *
     * @param apiKey        the provider's key (Anthropic, OpenAI); ignored by Bedrock
     * @param ledger        where each project's daily spend is kept
     * @param defaultRegion the region Bedrock uses when {@code feedback.llm.aws-region} is not set
     *                      ({@code feedback.aws.region}); else the SDK's region chain ({@code AWS_REGION} on Lambda)
     * @param credentials   AWS credentials for Bedrock; empty for the SDK's default chain (the function's role)
     */
    public record Collaborators(ApiKeySource apiKey, SpendLedger ledger, Optional<String> defaultRegion,
                                Optional<AwsCredentialsProvider> credentials, Clock clock) {
        public Collaborators {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(defaultRegion, "defaultRegion");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /**
     * @throws IllegalArgumentException when the configuration cannot work: a model without a price under a budget,
     *                                  Bedrock without a region, Azure without an api version
     */
    public static LlmWiring create(LlmSettings settings, Collaborators with) {
        if (settings.provider() == LlmProvider.NONE) {
            return new LlmWiring(settings, Optional.empty(), Optional.empty());
        }
        String model = settings.model().orElseThrow();
        ModelPrices prices = settings.price().map(p -> ModelPrices.standard().with(model, p))
                .orElse(ModelPrices.standard());
        if (settings.dailyBudgetUsd().isPresent() && prices.priceOf(model).isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no built-in price, so its daily budget cannot"
                    + " be checked: set feedback.llm.price.input-usd-per-mtok and .output-usd-per-mtok (0 for a "
                    + "local model), or feedback.llm.daily-budget-usd=none");
        }
        HttpTransport transport = new RestClientTransport(settings.connectTimeout(), settings.requestTimeout());
        try {
            FixModel fixModel = model(settings, with, transport);
            RandomGenerator random = new SecureRandom();
            FixModelCaller caller = new FixModelCaller(fixModel, new SpendBudget(with.ledger(), prices,
                    settings.dailyBudgetUsd(), with.clock()), settings.callerSettings(), with.clock(),
                    FixModelCaller.Sleeper.THREAD, random::nextDouble);
            return new LlmWiring(settings, Optional.of(transport), Optional.of(caller));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    private static FixModel model(LlmSettings settings, Collaborators with, HttpTransport transport) {
        return switch (settings.provider()) {
            case ANTHROPIC -> new AnthropicFixModel(settings.baseUrl().orElse(AnthropicFixModel.DEFAULT_BASE_URL),
                    with.apiKey(), transport, with.clock());
            case OPENAI -> {
                boolean azure = settings.azureApiVersion().isPresent();
                if (azure && settings.baseUrl().isEmpty()) {
                    throw new IllegalArgumentException("Azure OpenAI needs feedback.llm.base-url, the resource "
                            + "endpoint (https://<resource>.openai.azure.com)");
                }
                var baseUrl = settings.baseUrl().orElse(OpenAiFixModel.DEFAULT_BASE_URL);
                yield new OpenAiFixModel(baseUrl, OpenAiFixModel.dialectOf(baseUrl, azure),
                        settings.azureApiVersion(), with.apiKey(), transport, with.clock());
            }
            case BEDROCK -> {
                String region = region(settings, with);
                yield new BedrockFixModel(settings.baseUrl().orElse(BedrockFixModel.defaultBaseUrl(region)), region,
                        with.credentials().orElseGet(() -> DefaultCredentialsProvider.builder().build()), transport,
                        with.clock());
            }
            case NONE -> throw new IllegalStateException("no model for provider none");
        };
    }

    private static String region(LlmSettings settings, Collaborators with) {
        return settings.awsRegion().or(with::defaultRegion).orElseGet(() -> {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException e) {
                throw new IllegalArgumentException("Bedrock needs a region: set feedback.llm.aws-region (or "
                        + "AWS_REGION)", e);
            }
        });
    }

    public LlmSettings settings() {
        return settings;
    }

    /** The model caller; empty when no provider is configured. */
    public Optional<FixModelCaller> caller() {
        return caller;
    }

    @Override
    public void close() {
        transport.ifPresent(HttpTransport::close);
    }
}
