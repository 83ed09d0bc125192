package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read API's routes over tests' health, the quarantine list, recommendations and metrics, on the real stores. */
class ReadApiHealthRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadTokens TOKENS = new ReadTokens("a read secret of at least 32 bytes!!"
            .getBytes(StandardCharsets.UTF_8));
    private static ViewHistory history;
    private static ReadApi api;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        api = new ReadApi(history.allReads(), TOKENS);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void testsHealthIsListedAsFlakyJsonPrintsIt() throws Exception {
        JsonNode page = ok(get("/api/v1/projects/web/tests", ""));

        assertThat(page.get("items")).hasSize(1);
        JsonNode test = page.at("/items/0");
        assertThat(test.get("testId").asText()).isEqualTo(ViewHistory.FLAKY_TEST.value());
        assertThat(test.get("name").asText()).isEqualTo("login \"twice\"");
        assertThat(test.get("state").asText()).isEqualTo("quarantined");
        assertThat(test.get("verdict").asText()).isEqualTo("flaky");
        assertThat(test.get("evidence").get(0).asText()).contains("retry");
        assertThat(test.at("/quarantine/by").asText()).isEqualTo("ana");
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void testsArePagedWithCursorsBoundToTheProject() throws Exception {
        JsonNode first = ok(get("/api/v1/projects/web/tests", "limit=1"));
        assertThat(first.get("items")).hasSize(1);
        if (first.get("next").isTextual()) { // the store may know there is no more only on the next query
            String cursor = first.get("next").asText();
            assertThat(ok(get("/api/v1/projects/web/tests", "limit=1&cursor=" + cursor)).get("items")).isEmpty();
            ReadResponse elsewhere = api.handle(new ReadRequest("GET", "/api/v1/projects/shop/tests",
                    "cursor=" + cursor, Optional.of("Bearer " + TOKENS.token("shop"))));
            assertThat(elsewhere.status()).isEqualTo(400);
        }
        String webCursor = new PageCursor("web", "tests", "anything").encoded();
        ReadResponse shop = api.handle(new ReadRequest("GET", "/api/v1/projects/shop/tests", "cursor=" + webCursor,
                Optional.of("Bearer " + TOKENS.token("shop"))));
        assertThat(shop.status()).isEqualTo(400);
    }

    @Test
    void aTestsTimelineListsEachStateChangeOldestFirst() throws Exception {
        JsonNode timeline = ok(get("/api/v1/projects/web/tests/" + ViewHistory.FLAKY_TEST.value() + "/timeline",
                ""));

        assertThat(timeline.get("items").findValuesAsText("to")).endsWith("flaky", "quarantined");
        JsonNode last = timeline.at("/items/" + (timeline.get("items").size() - 1));
        assertThat(last.get("actor").asText()).isEqualTo("ana");
        assertThat(last.get("reason").asText()).contains("races the login redirect");
        assertThat(ok(get("/api/v1/projects/web/tests/00000000000000ee/timeline", "")).get("items")).isEmpty();
        assertThat(get("/api/v1/projects/web/tests/" + ViewHistory.FLAKY_TEST.value() + "/history", "").status())
                .isEqualTo(404);
    }

    @Test
    void theQuarantineListIsServedInEveryFormCiTakes() throws Exception {
        JsonNode json = ok(get("/api/v1/projects/web/quarantine", ""));
        assertThat(json.get("items").findValuesAsText("testId")).containsExactly(ViewHistory.FLAKY_TEST.value());
        assertThat(json.at("/items/0/expires").asText()).isEqualTo("2026-03-15T10:00:00Z");

        assertThat(text(get("/api/v1/projects/web/quarantine", "format=playwright-grep")))
                .isEqualTo("\\Qlogin \"twice\"\\E\n");
        assertThat(text(get("/api/v1/projects/web/quarantine", "format=surefire-excludes")))
                .isEqualTo("e2e.auth#login \"twice\"\n");
        ReadResponse shop = api.handle(new ReadRequest("GET", "/api/v1/projects/shop/quarantine",
                "format=pytest-deselect", Optional.of("Bearer " + TOKENS.token("shop"))));
        assertThat(text(shop)).isEqualTo("--deselect TestBasket::test_add\n");
        ReadResponse bad = get("/api/v1/projects/web/quarantine", "format=yaml");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("'yaml' is not one of json, playwright-grep");
    }

    @Test
    void metricsAreTheStoredRowsOfTheLastDays() throws Exception {
        JsonNode rows = ok(get("/api/v1/projects/web/metrics", "days=7"));

        assertThat(rows.get("items")).hasSize(1);
        assertThat(rows.at("/items/0/day").asText()).isEqualTo("2026-03-01");
        assertThat(rows.at("/items/0/failuresByCategory/SELECTOR_ISSUE").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/projects/web/metrics", "days=0").body()).contains("days must be within 1..3650");
        assertThat(ok(get("/api/v1/projects/shop/metrics", "", "shop")).get("items")).isEmpty();
    }

    @Test
    void recommendationsAreListedAndAnUnknownOneIsNotFound() throws Exception {
        assertThat(ok(get("/api/v1/projects/web/recommendations", "status=draft")).get("items")).isEmpty();
        assertThat(get("/api/v1/projects/web/recommendations", "status=nonsense").status()).isEqualTo(400);
        assertThat(get("/api/v1/projects/web/recommendations/abcdef", "").status()).isEqualTo(404);
        assertThat(get("/api/v1/projects/web/recommendations/xyz", "").body()).contains("6-64 lower-case hex");
        JsonNode scenario = ok(get("/api/v1/projects/web/scenarios/" + ViewHistory.LOCATOR.value(), ""));
        assertThat(scenario.get("recommendations")).isEmpty();
    }

    @Test
    void oneProjectsTokenReadsNoneOfAnothersHealthQuarantineOrMetrics() throws Exception {
        for (String route : new String[] {"tests", "tests/" + ViewHistory.SHOP_FLAKY_TEST.value() + "/timeline",
                "quarantine", "quarantine?format=pytest-deselect", "metrics", "recommendations"}) {
            String[] parts = route.split("\\?");
            ReadResponse response = api.handle(new ReadRequest("GET", "/api/v1/projects/shop/" + parts[0],
                    parts.length > 1 ? parts[1] : "", Optional.of("Bearer " + TOKENS.token("web"))));
            assertThat(response.status()).as(route).isEqualTo(403);
            assertThat(response.body()).as(route).doesNotContain("test_add").doesNotContain("TestBasket");
        }
    }

    private static ReadResponse get(String path, String query) {
        return get(path, query, "web");
    }

    private static ReadResponse get(String path, String query, String tokenProject) {
        return api.handle(new ReadRequest("GET", path, query, Optional.of("Bearer " + TOKENS.token(tokenProject))));
    }

    private static JsonNode ok(ReadResponse response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(ReadResponse.JSON);
        return JSON.readTree(response.body());
    }

    private static String text(ReadResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(ReadResponse.TEXT);
        return response.body();
    }
}
