package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.regenerate.FixModelCaller;
import dev.feedbackloop.regenerate.ModelPrice;
import dev.feedbackloop.regenerate.ModelCallPolicy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The model configuration ({@code feedback.llm.*}; on Lambda the {@code FEEDBACK_LLM_*} environment variables, which
 * the command line reads too). docs/llm.md lists each setting. The API key is not part of it: see
 * {@link ApiKeySource}.
 *
 * @param provider        which provider, {@link LlmProvider#NONE} by default
 * @param model           the model id (Azure: the deployment name); required with a provider
 * @param baseUrl         the provider's URL when not its default (OpenAI-compatible servers, Azure, tests)
 * @param azureApiVersion with {@code openai}: talk to Azure OpenAI with this {@code api-version}
 * @param awsRegion       with {@code bedrock}: the region, when not the function's
 * @param connectTimeout  most time to connect
 * @param requestTimeout  most time for one call
 * @param maxOutputTokens the answer's token limit
 * @param dailyBudgetUsd  spend limit per project per UTC day; empty for none
 * @param price           the configured model's price, when the built-in table lacks it or is out of date
 * @param maxAttempts     calls at most per request, retries of transient faults included
 * @param deadlineMargin  time kept before a Lambda deadline after a call
 * @param policy          which failures are sent to the model ({@code ask-min-occurrences},
 *                        {@code ask-new-on-default-branch}, {@code ask-flaky}, {@code default-branch})
 */
public record LlmSettings(LlmProvider provider, Optional<String> model, Optional<URI> baseUrl,
                          Optional<String> azureApiVersion, Optional<String> awsRegion, Duration connectTimeout,
                          Duration requestTimeout, int maxOutputTokens, Optional<BigDecimal> dailyBudgetUsd,
                          Optional<ModelPrice> price, int maxAttempts, Duration deadlineMargin,
                          ModelCallPolicy policy) {

    public static final String DEFAULT_PROVIDER = "none";
    public static final String DEFAULT_CONNECT_TIMEOUT = "PT10S";
    public static final String DEFAULT_REQUEST_TIMEOUT = "PT60S";
    public static final String DEFAULT_MAX_OUTPUT_TOKENS = "8192";
    public static final String DEFAULT_DAILY_BUDGET_USD = "5.00";
    public static final String DEFAULT_MAX_ATTEMPTS = "3";
    public static final String DEFAULT_DEADLINE_MARGIN = "PT10S";
    public static final String DEFAULT_ASK_MIN_OCCURRENCES = "2";
    public static final String DEFAULT_ASK_NEW_ON_DEFAULT_BRANCH = "true";
    public static final String DEFAULT_ASK_FLAKY = "false";
    /** Largest output limit accepted: above every provider's current maximum for one answer. */
    static final int MAX_OUTPUT_TOKENS = 128_000;

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider != LlmProvider.NONE && model.filter(m -> !m.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("feedback.llm.model is required with feedback.llm.provider="
                    + provider.id() + " (e.g. claude-sonnet-4-5, gpt-4.1, an Azure deployment, a Bedrock model id)");
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl.ifPresent(LlmSettings::requireHttp);
        Objects.requireNonNull(azureApiVersion, "azureApiVersion");
        Objects.requireNonNull(awsRegion, "awsRegion");
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(requestTimeout, "request-timeout");
        if (maxOutputTokens < 1 || maxOutputTokens > MAX_OUTPUT_TOKENS) {
            throw new IllegalArgumentException("feedback.llm.max-output-tokens must be within 1.." + MAX_OUTPUT_TOKENS
                    + ", was " + maxOutputTokens);
        }
        Objects.requireNonNull(dailyBudgetUsd, "dailyBudgetUsd");
        Objects.requireNonNull(price, "price");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("feedback.llm.max-attempts must be within 1..10, was " + maxAttempts);
        }
        Objects.requireNonNull(deadlineMargin, "deadlineMargin");
        Objects.requireNonNull(policy, "policy");
    }

    /** No model: the default. */
    public static LlmSettings none() {
        return parse(name -> Optional.empty());
    }

    /**
     * Settings from configuration values as written, looked up by property name ({@code feedback.llm.provider},
     * ...), defaults for those absent.
     *
     * @throws IllegalArgumentException naming the property whose value is wrong
     */
    public static LlmSettings parse(Function<String, Optional<String>> property) {
        Function<String, Optional<String>> value = name -> property.apply("feedback.llm." + name)
                .map(String::trim).filter(v -> !v.isEmpty());
        return new LlmSettings(
                LlmProvider.parse(value.apply("provider").orElse(DEFAULT_PROVIDER)),
                value.apply("model"),
                value.apply("base-url").map(v -> uri(v, "base-url")),
                value.apply("azure-api-version"),
                value.apply("aws-region"),
                duration(value.apply("connect-timeout").orElse(DEFAULT_CONNECT_TIMEOUT), "connect-timeout"),
                duration(value.apply("request-timeout").orElse(DEFAULT_REQUEST_TIMEOUT), "request-timeout"),
                integer(value.apply("max-output-tokens").orElse(DEFAULT_MAX_OUTPUT_TOKENS), "max-output-tokens"),
                budget(value.apply("daily-budget-usd").orElse(DEFAULT_DAILY_BUDGET_USD)),
                price(value),
                integer(value.apply("max-attempts").orElse(DEFAULT_MAX_ATTEMPTS), "max-attempts"),
                duration(value.apply("deadline-margin").orElse(DEFAULT_DEADLINE_MARGIN), "deadline-margin"),
                policy(value));
    }

    private static ModelCallPolicy policy(Function<String, Optional<String>> value) {
        int minOccurrences = integer(value.apply("ask-min-occurrences").orElse(DEFAULT_ASK_MIN_OCCURRENCES),
                "ask-min-occurrences");
        if (minOccurrences < 1) {
            throw new IllegalArgumentException("feedback.llm.ask-min-occurrences must be at least 1, was "
                    + minOccurrences);
        }
        return new ModelCallPolicy(minOccurrences,
                bool(value.apply("ask-new-on-default-branch").orElse(DEFAULT_ASK_NEW_ON_DEFAULT_BRANCH),
                        "ask-new-on-default-branch"),
                bool(value.apply("ask-flaky").orElse(DEFAULT_ASK_FLAKY), "ask-flaky"),
                value.apply("default-branch"));
    }

    private static boolean bool(String text, String name) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("feedback.llm." + name + " must be true or false, was '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * Settings from environment variables ({@code FEEDBACK_LLM_PROVIDER}, ...), the names Quarkus maps to the same
     * properties on Lambda.
     */
    public static LlmSettings fromEnvironment(Map<String, String> environment) {
        return parse(name -> Optional.ofNullable(environment.get(name.toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_'))));
    }

    /** These settings with another provider, model or base URL (command-line flags over the environment). */
    public LlmSettings with(Optional<LlmProvider> newProvider, Optional<String> newModel, Optional<URI> newBaseUrl) {
        return new LlmSettings(newProvider.orElse(provider), newModel.or(() -> model), newBaseUrl.or(() -> baseUrl),
                azureApiVersion, awsRegion, connectTimeout, requestTimeout, maxOutputTokens, dailyBudgetUsd, price,
                maxAttempts, deadlineMargin, policy);
    }

    /** The caller's rules these settings imply. */
    public FixModelCaller.Settings callerSettings() {
        FixModelCaller.Settings defaults = FixModelCaller.Settings.DEFAULT;
        return new FixModelCaller.Settings(requestTimeout, deadlineMargin, maxAttempts, defaults.baseDelay(),
                defaults.maxDelay(), defaults.maxRetryAfter());
    }

    private static Optional<BigDecimal> budget(String text) {
        if (text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        BigDecimal usd = decimal(text, "daily-budget-usd");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("feedback.llm.daily-budget-usd cannot be negative, was " + text);
        }
        return Optional.of(usd);
    }

    /** {@code price.input-usd-per-mtok} and {@code price.output-usd-per-mtok} together; cache prices default to input. */
    private static Optional<ModelPrice> price(Function<String, Optional<String>> value) {
        Optional<String> input = value.apply("price.input-usd-per-mtok");
        Optional<String> output = value.apply("price.output-usd-per-mtok");
        if (input.isEmpty() && output.isEmpty()) {
            return Optional.empty();
        }
        if (input.isEmpty() || output.isEmpty()) {
            throw new IllegalArgumentException("feedback.llm.price.input-usd-per-mtok and "
                    + "feedback.llm.price.output-usd-per-mtok are set together");
        }
        BigDecimal in = decimal(input.get(), "price.input-usd-per-mtok");
        return Optional.of(new ModelPrice(in, decimal(output.get(), "price.output-usd-per-mtok"),
                value.apply("price.cache-read-usd-per-mtok").map(v -> decimal(v, "price.cache-read-usd-per-mtok"))
                        .orElse(in),
                value.apply("price.cache-write-usd-per-mtok").map(v -> decimal(v, "price.cache-write-usd-per-mtok"))
                        .orElse(in)));
    }

    private static BigDecimal decimal(String text, String name) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feedback.llm." + name + " must be a decimal number, was '" + text
                    + "'");
        }
    }

    private static int integer(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feedback.llm." + name + " must be a whole number, was '" + text
                    + "'");
        }
    }

    private static Duration duration(String text, String name) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("feedback.llm." + name + " must be an ISO-8601 duration such as PT30S,"
                    + " was '" + text + "'");
        }
    }

    private static URI uri(String text, String name) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feedback.llm." + name + " is not a URL: '" + text + "'");
        }
    }

    private static void requireHttp(URI uri) {
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("feedback.llm.base-url must be an http(s) URL, was '" + uri + "'");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("feedback.llm." + name + " must be positive, was " + duration);
        }
    }
}
