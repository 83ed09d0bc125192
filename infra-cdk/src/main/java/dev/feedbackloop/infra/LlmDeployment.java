package dev.feedbackloop.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model the {@code regenerate} function asks (docs/llm.md), from CDK context: {@code llmProvider}
 * ({@code anthropic}, {@code openai}, {@code bedrock} or {@code none}, the default), {@code llmModel},
 * {@code llmBaseUrl}, {@code llmDailyBudgetUsd}. It becomes the functions' {@code FEEDBACK_LLM_*} variables; the key
 * stays in the LLM secret. With {@code bedrock}, {@code regenerate} may invoke Bedrock models and needs no key.
 *
 * @param provider       the provider, lower case
 * @param model          the model id; required unless the provider is {@code none}
 * @param baseUrl        the provider's URL when not its default
 * @param dailyBudgetUsd spend limit per project per UTC day in USD, or {@code none}; the functions' default when absent
 */
public record LlmDeployment(String provider, Optional<String> model, Optional<String> baseUrl,
                            Optional<String> dailyBudgetUsd) {

    static final List<String> PROVIDERS = List.of("none", "anthropic", "openai", "bedrock");

    public LlmDeployment {
        Objects.requireNonNull(provider, "provider");
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("llmProvider '" + provider + "' must be one of " + PROVIDERS);
        }
        Objects.requireNonNull(model, "model");
        if (!provider.equals("none") && model.isEmpty()) {
            throw new IllegalArgumentException("llmModel is required with llmProvider=" + provider);
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl.ifPresent(url -> {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw new IllegalArgumentException("llmBaseUrl '" + url + "' must be an http(s) URL");
            }
        });
        Objects.requireNonNull(dailyBudgetUsd, "dailyBudgetUsd");
        dailyBudgetUsd.ifPresent(budget -> {
            if (!budget.equals("none") && !budget.matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("llmDailyBudgetUsd '" + budget + "' must be a decimal amount or "
                        + "none");
            }
        });
    }

    /** No model: the default. */
    public static LlmDeployment none() {
        return new LlmDeployment("none", Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isBedrock() {
        return provider.equals("bedrock");
    }

    /** The functions' variables for it. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FEEDBACK_LLM_PROVIDER", provider);
        model.ifPresent(m -> environment.put("FEEDBACK_LLM_MODEL", m));
        baseUrl.ifPresent(u -> environment.put("FEEDBACK_LLM_BASE_URL", u));
        dailyBudgetUsd.ifPresent(b -> environment.put("FEEDBACK_LLM_DAILY_BUDGET_USD", b));
        return environment;
    }
}
