package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelPricesTest {

    private final ModelPrices prices = ModelPrices.standard();

    @ParameterizedTest(name = "{0} is priced {1} in, {2} out")
    @CsvSource({
            "claude-sonnet-4-5, 3, 15",
            "claude-sonnet-4-5-20250929, 3, 15",
            "anthropic.claude-sonnet-4-5-20250929-v1:0, 3, 15",
            "us.anthropic.claude-haiku-4-5-20251001-v1:0, 1, 5",
            "claude-sonnet-5-5, 2, 10",
            "claude-sonnet-5, 2, 10",
            "claude-opus-5-5, 4, 20",
            "gpt-4o-2024-08-06, 2.50, 10",
            "gpt-4o-mini, 0.15, 0.60",
            "gpt-4o-mini-2024-07-18, 0.15, 0.60",
            "GPT-4.1-MINI, 0.40, 1.60",
    })
    void aModelIdFindsItsFamily(String model, String input, String output) {
        assertThat(prices.priceOf(model)).hasValueSatisfying(price -> {
            assertThat(price.inputPerMTok()).isEqualByComparingTo(input);
            assertThat(price.outputPerMTok()).isEqualByComparingTo(output);
        });
    }

    @ParameterizedTest
    @CsvSource({"llama3.1:8b", "claude-sonnet-4-50", "xgpt-4o", "qwen2.5-coder"})
    void anUnknownModelHasNoPrice(String model) {
        assertThat(prices.priceOf(model)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"llama3.1:8b, llama3.1:8b", "qwen2.5-coder:32b, qwen2.5-coder"})
    void aConfiguredPrice_coversAnotherModel(String model, String configured) {
        assertThat(prices.with(configured, ModelPrice.FREE).priceOf(model)).contains(ModelPrice.FREE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "input and output, 1000000, 1000000, 0, 0, 18.000000",
            "cache reads at a tenth, 0, 0, 1000000, 0, 0.300000",
            "cache writes at 1.25x, 0, 0, 0, 1000000, 3.750000",
            "one token rounds up to a micro-dollar, 1, 0, 0, 0, 0.000003",
    })
    void costs(String name, long input, long output, long cacheRead, long cacheWrite, String usd) {
        BigDecimal cost = prices.priceOf("claude-sonnet-4-5").orElseThrow()
                .cost(new TokenUsage(input, output, cacheRead, cacheWrite));

        assertThat(cost).isEqualByComparingTo(usd);
    }
}
