package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollup function through the Lambda mock event server, over a run analysed into DynamoDB Local. */
@QuarkusTest
@TestProfile(FunctionProfiles.Rollup.class)
class RollupFunctionTest {

    private final LoopWiring wiring = LoopEnginesResource.wiring();

    @Test
    void theSampleSchedule_rollsUpThePreviousUtcDay_intoTheDailyMetrics() {
        String body = Events.sample("ingest-function-url.json").path("body").asText(); // a run of 2026-03-01
        var stored = wiring.rawReports().put(new ReportMetadata(new RunKey("rollup-demo", "r1", 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(body.getBytes(StandardCharsets.UTF_8), "sample"));
        wiring.reportClassifier().classify(ReportRef.of(stored.key()));

        JsonNode result = json(Events.invoke(Events.sample("rollup-schedule.json")));
        JsonNode again = json(Events.invoke(Events.sample("rollup-schedule.json")));

        LocalDate day = LocalDate.parse("2026-03-01");
        assertThat(result.path("day").asText()).isEqualTo(day.toString());
        assertThat(again.path("runs")).isEqualTo(result.path("runs"));
        DailyMetrics metrics = wiring.metrics().range("rollup-demo", day, day).get(0);
        assertThat(metrics.runs()).isEqualTo(1);
        assertThat(metrics.tests()).isEqualTo(4);
        assertThat(metrics.failed()).isEqualTo(3);
        assertThat(metrics.failuresByCategory()).containsEntry(Category.SELECTOR_ISSUE, 2L);
        assertThat(metrics.newScenarios()).isEqualTo(2);
        assertThat(wiring.figures().find("rollup-demo", day)).get().satisfies(f -> {
            assertThat(f.metrics().totalFailures()).isEqualTo(3);
            assertThat(f.metrics().topFailureCategories().get(0).category()).isEqualTo(Category.SELECTOR_ISSUE);
        });
        assertThat(wiring.metrics().range(DailyMetrics.ALL_PROJECTS, day, day)).singleElement()
                .satisfies(all -> assertThat(all.runs()).isGreaterThanOrEqualTo(1));
    }

    private static JsonNode json(Response invocation) {
        assertThat(invocation.statusCode()).as(invocation.asString()).isEqualTo(200);
        return Events.json(invocation);
    }
}
