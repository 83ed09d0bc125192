package dev.feedbackloop.regenerate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * List prices per model, to estimate what a call costs and to keep each project within its daily budget. Estimates,
 * not bills: batch, regional and long-context rates are not modelled. A model id is matched by the longest model
 * family name in the table that it contains between separators, so dated ids ({@code claude-sonnet-4-5-20250929}),
 * Bedrock ids ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}) and snapshots ({@code gpt-4o-2024-08-06}) find
 * their family, and {@code gpt-4o-mini} is not priced as {@code gpt-4o}. Immutable.
 */
public final class ModelPrices {

    private final Map<String, ModelPrice> byFamily;

    private ModelPrices(Map<String, ModelPrice> byFamily) {
        this.byFamily = Map.copyOf(byFamily);
    }

    /**
     * The built-in table: standard (not batch) list prices in USD per million tokens, as published on
     * platform.claude.com (models overview and pricing) and openai.com/api/pricing, read in December 2026. Bedrock
     * bills Anthropic models at the same on-demand rates in most regions. Raise an issue, or configure
     * {@code feedback.llm.price.*}, when they change.
     */
    public static ModelPrices standard() {
        Map<String, ModelPrice> table = new LinkedHashMap<>();
        // Anthropic: input, output, cache read (0.1x input; 0.05x for Sonnet 5.5 since 2026-10-07), 5-minute write (1.25x)
        table.put("claude-opus-5-5", ModelPrice.of("4", "20", "0.20", "5"));
        table.put("claude-opus-5", ModelPrice.of("5", "25", "0.50", "6.25"));
        table.put("claude-sonnet-5-5", ModelPrice.of("2", "10", "0.10", "2.50"));
        table.put("claude-sonnet-5", ModelPrice.of("2", "10", "0.20", "2.50"));
        table.put("claude-opus-4-5", ModelPrice.of("5", "25", "0.50", "6.25"));
        table.put("claude-sonnet-4-6", ModelPrice.of("3", "15", "0.30", "3.75"));
        table.put("claude-sonnet-4-5", ModelPrice.of("3", "15", "0.30", "3.75"));
        table.put("claude-haiku-4-5", ModelPrice.of("1", "5", "0.10", "1.25"));
        // OpenAI: input, output, cached input; no separate cache-write charge
        table.put("gpt-4.1", ModelPrice.of("2", "8", "0.50", "0"));
        table.put("gpt-4.1-mini", ModelPrice.of("0.40", "1.60", "0.10", "0"));
        table.put("gpt-4o", ModelPrice.of("2.50", "10", "1.25", "0"));
        table.put("gpt-4o-mini", ModelPrice.of("0.15", "0.60", "0.075", "0"));
        return new ModelPrices(table);
    }

    /** This table, with {@code model} (an exact id or a family name) priced at {@code price}, ahead of the rest. */
    public ModelPrices with(String model, ModelPrice price) {
        Map<String, ModelPrice> table = new LinkedHashMap<>(byFamily);
        table.put(Objects.requireNonNull(model, "model").toLowerCase(Locale.ROOT), Objects.requireNonNull(price));
        return new ModelPrices(table);
    }

    /** The price of {@code modelId}, by the longest family name it contains between separators. */
    public Optional<ModelPrice> priceOf(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        String best = null;
        for (String family : byFamily.keySet()) {
            if ((best == null || family.length() > best.length()) && containsAsName(id, family)) {
                best = family;
            }
        }
        return Optional.ofNullable(best).map(byFamily::get);
    }

    private static boolean containsAsName(String id, String family) {
        for (int at = id.indexOf(family); at >= 0; at = id.indexOf(family, at + 1)) {
            int end = at + family.length();
            if ((at == 0 || isSeparator(id.charAt(at - 1))) && (end == id.length() || isSeparator(id.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return !Character.isLetterOrDigit(c);
    }
}
