package dev.feedbackloop.regenerate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A model's list prices in US dollars per million tokens.
 *
 * @param inputPerMTok      uncached input
 * @param outputPerMTok     output
 * @param cacheReadPerMTok  input read from the prompt cache
 * @param cacheWritePerMTok input written to the prompt cache (Anthropic's five-minute rate)
 */
public record ModelPrice(BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cacheReadPerMTok,
                         BigDecimal cacheWritePerMTok) {

    /** A model that costs nothing to call (a local one). */
    public static final ModelPrice FREE = of("0", "0", "0", "0");

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelPrice {
        for (BigDecimal price : new BigDecimal[] {inputPerMTok, outputPerMTok, cacheReadPerMTok, cacheWritePerMTok}) {
            if (Objects.requireNonNull(price, "price").signum() < 0) {
                throw new IllegalArgumentException("a price cannot be negative, was " + price);
            }
        }
    }

    /** Prices written as decimal strings, e.g. {@code of("3", "15", "0.30", "3.75")}. */
    public static ModelPrice of(String input, String output, String cacheRead, String cacheWrite) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cacheRead),
                new BigDecimal(cacheWrite));
    }

    /** What {@code usage} costs, in US dollars, to the micro-dollar (rounded up). */
    public BigDecimal cost(TokenUsage usage) {
        BigDecimal total = inputPerMTok.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPerMTok.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheReadPerMTok.multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                .add(cacheWritePerMTok.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())));
        return total.divide(MILLION, 6, RoundingMode.CEILING);
    }
}
