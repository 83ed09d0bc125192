package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.store.SpendLedger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The model of a local loop ({@code ingest}): its settings, with the key from {@code FEEDBACK_LLM_API_KEY}. */
final class LocalModel {

    private LocalModel() {
    }

    /** Builds the model side; nothing is started with provider {@code none}. The caller closes it. */
    static LlmWiring open(LlmSettings settings, Map<String, String> environment) {
        return LlmWiring.create(settings, new LlmWiring.Collaborators(
                Optional.ofNullable(environment.get("FEEDBACK_LLM_API_KEY")).filter(k -> !k.isBlank())
                        .map(ApiKeySource::of).orElse(ApiKeySource.none()),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), Clock.systemUTC()));
    }
}
