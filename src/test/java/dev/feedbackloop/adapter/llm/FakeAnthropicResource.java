package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.regenerate.SampleAnswers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local Messages API with one answer scripted, and the configuration that points the application at it. Part of
 * the regenerate function's test profile ({@code FunctionProfiles.Regenerate}), so that the function's tests and
 * {@link LlmInQuarkusTest} share one start of the application.
 */
public final class FakeAnthropicResource implements QuarkusTestResourceLifecycleManager {

    /** The key the application is configured with. */
    static final String API_KEY = "sk-ant-from-config";
    private static FakeProviderServer server;

    @Override
    public Map<String, String> start() {
        server = new FakeProviderServer();
        server.then(Scripted.json(200, AnthropicFixModelTest.message(SampleAnswers.fix(), "end_turn")));
        return Map.of("feedback.llm.provider", "anthropic", "feedback.llm.model", "claude-sonnet-4-5",
                "feedback.llm.base-url", server.baseUrl().toString(), "feedback.llm.api-key", API_KEY);
    }

    /** The server started for the running application. */
    public static FakeProviderServer server() {
        return server;
    }

    @Override
    public void stop() {
        server.close();
    }
}
