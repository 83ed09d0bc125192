package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.adapter.llm.OpenAiFixModel.Dialect;
import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.SampleAnswers;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Neither a key nor the request content reaches a log (at any level, the HTTP client's included), an exception
 * message, or a {@code toString}: through successful calls and every kind of failure of each provider. Redacting the
 * content before it is sent is the caller's business; this is the adapters' half.
 */
class NoLeaksTest {

    private static final String KEY = "sk-ant-PLANTED-KEY-7f3a9c";
    private static final String AWS_SECRET = "PLANTEDawsSecretKey/0123456789abcdef";
    private static final String IN_CONTENT = "password=hunter2-PLANTED";
    private static final List<String> LOGGERS = List.of("", "io.vertx", "io.netty", "org.jboss.resteasy",
            "io.quarkus", "software.amazon.awssdk", "dev.feedbackloop");

    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final List<Level> previousLevels = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final FakeProviderServer server = new FakeProviderServer();
    private final HttpTransport transport = Callers.transport();
    private final Callers callers = new Callers();

    @BeforeEach
    void captureEverything() {
        capture.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            previousLevels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger.getLogger(LOGGERS.get(i)).setLevel(previousLevels.get(i));
        }
        transport.close();
        server.close();
    }

    @Test
    void noKeyAndNoContent_inLogsMessagesOrStrings() {
        FixModel anthropic = new AnthropicFixModel(server.baseUrl(), ApiKeySource.of(KEY), transport, callers.clock);
        FixModel openai = new OpenAiFixModel(URI.create(server.baseUrl() + "/v1"), Dialect.OPENAI, Optional.empty(),
                ApiKeySource.of(KEY), transport, callers.clock);
        FixModel bedrock = new BedrockFixModel(server.baseUrl(), "us-east-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", AWS_SECRET)), transport, callers.clock);
        FixModelRequest request = FixModelRequest.of("You fix failing tests.", "<evidence>\nlogin failed with "
                + IN_CONTENT + "\n</evidence>", 1_000, "claude-sonnet-4-5", Optional.empty());
        List<String> seen = new ArrayList<>();

        for (FixModel model : List.of(anthropic, openai, bedrock)) {
            server.then(Scripted.json(200, answerFor(model)))
                    .then(Scripted.json(401, "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid\"}}"))
                    .then(Scripted.json(429, "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"))
                    .then(Scripted.json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"{oops\"}]}"))
                    .then(Scripted.json(500, "<html>boom</html>"));
            seen.add(String.valueOf(model.ask(request)));
            for (int fault = 0; fault < 4; fault++) {
                try {
                    model.ask(request);
                } catch (FixModelException e) {
                    seen.add(e.getMessage());
                    seen.add(e.toString());
                }
            }
        }
        seen.add(request.toString());
        seen.add(ApiKeySource.of(KEY).toString());

        assertThat(server.received()).hasSize(15);
        assertThat(server.received().get(0).bodyText()).contains(IN_CONTENT); // it was sent, as asked
        assertThat(seen).hasSizeGreaterThan(15).allSatisfy(text ->
                assertThat(text).doesNotContain(KEY, AWS_SECRET, IN_CONTENT));
        List<LogRecord> captured;
        synchronized (records) {
            captured = new ArrayList<>(records);
        }
        // formatted outside the lock, from a copy: a parameter's toString may itself log (root at ALL), and that
        // record, added by this very thread, would otherwise break the iteration
        List<String> logged = new ArrayList<>();
        for (LogRecord record : captured) {
            logged.add(record.getLoggerName() + " " + record.getMessage() + " "
                    + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
        }
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(KEY, AWS_SECRET, IN_CONTENT));
    }

    private static String answerFor(FixModel model) {
        return switch (model.provider()) {
            case "anthropic" -> AnthropicFixModelTest.message(SampleAnswers.fix(), "end_turn");
            case "openai" -> OpenAiFixModelTest.completion(SampleAnswers.fix(), "stop", null);
            default -> BedrockFixModelTest.converse(SampleAnswers.fix(), "end_turn");
        };
    }
}
