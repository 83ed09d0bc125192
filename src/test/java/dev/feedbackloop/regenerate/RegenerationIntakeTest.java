package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.dynamodb.RequestCounter;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.regenerate.RegenerationIntake.BatchOutcome;
import dev.feedbackloop.regenerate.RegenerationIntake.QueuedMessage;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.testing.LoopFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regeneration queue's consumer, on messages that went through ElasticMQ, into DynamoDB Local. */
class RegenerationIntakeTest {

    private LoopFixture loop;
    private DynamoRecommendationStore recommendations;
    private RegenerationIntake intake;

    @BeforeEach
    void start() {
        loop = new LoopFixture("intake");
        recommendations = new DynamoRecommendationStore(loop.dynamoDb, loop.settings);
        intake = new RegenerationIntake(recommendations, loop.clock);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void queuedRequests_becomePendingRecommendations_highestPriorityFirst_andOnlyOnce() {
        loop.queue().publish(List.of(request(1, Category.ASSERTION_FAIL), request(2, Category.NAVIGATION_FAIL)));
        List<QueuedMessage> messages = loop.drainQueue().stream()
                .map(m -> new QueuedMessage(m.messageId(), m.body())).toList();

        BatchOutcome first = intake.accept(messages);
        BatchOutcome redelivered = intake.accept(messages);

        assertThat(first).isEqualTo(new BatchOutcome(2, 0, List.of()));
        assertThat(redelivered).isEqualTo(new BatchOutcome(0, 2, List.of()));
        List<PendingRecommendation> pending = recommendations.pending("web-shop", 10, Optional.empty()).items();
        assertThat(pending).extracting(p -> p.request().category())
                .containsExactly(Category.NAVIGATION_FAIL, Category.ASSERTION_FAIL);
        assertThat(pending.get(0).priority()).isEqualTo(8);
        assertThat(pending.get(0).recommendationId()).isEqualTo(pending.get(0).request().deduplicationKey());
        assertThat(pending.get(1).request()).isEqualTo(request(1, Category.ASSERTION_FAIL));
    }

    @Test
    void malformedMessages_areReportedAsFailed_withoutFailingTheOthers() {
        String good = RegenerationRequestJson.write(request(3, Category.TIMEOUT));

        BatchOutcome outcome = intake.accept(List.of(new QueuedMessage("m1", "{not json"),
                new QueuedMessage("m2", good), new QueuedMessage("m3", good.replace("TIMEOUT", "BOT_BLOCK"))));

        assertThat(outcome.failed()).containsExactly("m1", "m3");
        assertThat(outcome.recorded()).isEqualTo(1);
    }

    @Test
    void aBatchRecordedTogether_inOneTransaction_answersAndStoresWhatRecordingEachInTurnDoes() {
        RequestCounter counter = new RequestCounter();
        LoopFixture together = new LoopFixture("intake-together", counter);
        try {
            DynamoRecommendationStore transactional = new DynamoRecommendationStore(together.dynamoDb,
                    new DynamoSettings(together.table, Duration.ofDays(30), LoopFixture.FAST,
                            BatchWrites.TRANSACTIONS));
            RegenerationIntake batched = new RegenerationIntake(transactional, together.clock).recordingTogether();
            String first = RegenerationRequestJson.write(request(5, Category.SELECTOR_ISSUE));
            String second = RegenerationRequestJson.write(request(6, Category.NAVIGATION_FAIL));
            List<QueuedMessage> messages = List.of(new QueuedMessage("m1", first), new QueuedMessage("m2", "{bad"),
                    new QueuedMessage("m3", second), new QueuedMessage("m4", first));
            counter.reset();

            BatchOutcome outcome = batched.accept(messages);
            long requests = counter.totalCalls();
            BatchOutcome redelivered = batched.accept(messages);
            BatchOutcome oneByOne = intake.accept(messages);

            assertThat(outcome).as("as one by one: the second m1 a duplicate, m2 malformed")
                    .isEqualTo(oneByOne).isEqualTo(new BatchOutcome(2, 1, List.of("m2")));
            assertThat(requests).as("one transaction, then the repeated one alone").isEqualTo(2);
            assertThat(redelivered).isEqualTo(new BatchOutcome(0, 3, List.of("m2")));
            assertThat(transactional.pending("web-shop", 10, Optional.empty()).items())
                    .isEqualTo(recommendations.pending("web-shop", 10, Optional.empty()).items());
        } finally {
            together.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON           | [1, 2          | not JSON
            not an object      | [1, 2]         | expected a JSON object
            no project         | "project":"web-shop", | $.project
            bad fingerprint    | "fingerprint":"0000000000000003" | fingerprint must be 16 lower-case hex digits
            not fixable        | "category":"TIMEOUT" | which regenerating a test cannot fix
            wrong key          | "dedupKey":"   | is not the key of this request
            bad time           | "requestedAt":"2026 | $.requestedAt
            """)
    void aMalformedBody_namesWhatIsWrong(String name, String damage, String message) {
        String good = RegenerationRequestJson.write(request(3, Category.TIMEOUT));
        String body = switch (name) {
            case "not JSON", "not an object" -> damage;
            case "no project" -> good.replace(damage, "");
            case "bad fingerprint" -> good.replace(damage, "\"fingerprint\":\"XYZ\"");
            case "not fixable" -> good.replace(damage, "\"category\":\"INFRA\"");
            case "wrong key" -> good.replace(damage, "\"dedupKey\":\"0");
            default -> good.replace(damage, "\"requestedAt\":\"yesterday");
        };

        assertThatThrownBy(() -> RegenerationRequestJson.read(body))
                .isInstanceOf(RegenerationRequestJson.MalformedRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRequest_survivesTheRoundTripThroughItsMessageBody() {
        RegenerationRequest request = request(4, Category.SELECTOR_ISSUE);

        assertThat(RegenerationRequestJson.read(RegenerationRequestJson.write(request))).isEqualTo(request);
    }

    static RegenerationRequest request(int n, Category category) {
        return new RegenerationRequest(new ScenarioKey("web-shop", new Fingerprint(String.format("%016x", n))),
                category, new RunKey("web-shop", "run#" + n, 1),
                List.of(new TestId("00000000000000a" + n), new TestId("00000000000000b" + n)),
                Instant.parse("2026-03-01T12:00:00Z"));
    }
}
