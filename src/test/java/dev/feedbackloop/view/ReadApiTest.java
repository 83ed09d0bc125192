package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read API's routes, authorisation, paging and problems, on the real stores. */
class ReadApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadTokens TOKENS = new ReadTokens("a read secret of at least 32 bytes!!"
            .getBytes(StandardCharsets.UTF_8));
    private static ViewHistory history;
    private static ReadApi api;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        api = new ReadApi(history.reads(), TOKENS);
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void scenariosArePagedWithOpaqueCursorsMostFailuresFirst() throws Exception {
        JsonNode first = ok(get("/api/v1/projects/web/scenarios", "limit=1", "web"));
        assertThat(first.at("/items/0/fingerprint").asText()).isEqualTo(ViewHistory.LOCATOR.value());
        assertThat(first.at("/items/0/occurrences").asLong()).isEqualTo(3);
        assertThat(first.at("/items/0/tests")).hasSize(3);
        String next = first.get("next").asText();
        assertThat(next).doesNotContain("web").matches("[A-Za-z0-9_-]+");

        JsonNode second = ok(get("/api/v1/projects/web/scenarios", "limit=1&cursor=" + next, "web"));
        assertThat(second.at("/items/0/fingerprint").asText()).isEqualTo(ViewHistory.TIMEOUT.value());
        JsonNode end = second.get("next").isNull() ? second
                : ok(get("/api/v1/projects/web/scenarios", "limit=1&cursor=" + second.get("next").asText(), "web"));
        assertThat(end.get("next").isNull()).isTrue();
    }

    @Test
    void aScenarioRunsAndARunsChangesAreRead() throws Exception {
        JsonNode scenario = ok(get("/api/v1/projects/web/scenarios/" + ViewHistory.LOCATOR.value(), "", "web"));
        assertThat(scenario.get("category").asText()).isEqualTo("SELECTOR_ISSUE");
        assertThat(scenario.get("runs").findValuesAsText("runId")).containsExactly("r2", "r1");

        JsonNode runs = ok(get("/api/v1/projects/web/runs", "", "web"));
        assertThat(runs.get("items").findValuesAsText("runId")).containsExactly("r2", "r1");

        JsonNode changes = ok(get("/api/v1/projects/web/runs/r2", "", "web"));
        assertThat(changes.at("/previous/runId").asText()).isEqualTo("r1");
        assertThat(changes.get("newFailures").findValuesAsText("name")).containsExactly("payment", "refund");
        assertThat(changes.get("notRun").findValuesAsText("name")).containsExactly(ViewHistory.HOSTILE, "checkout");
        assertThat(changes.get("flaky").findValuesAsText("name")).containsExactly("login");
    }

    @Test
    void aRunsSummaryIsItsMarkdown_andAnUnknownRunIsNotFoundUntilItIsStored() throws Exception {
        ReadResponse summary = get("/api/v1/projects/web/runs/r2/summary", "attempt=1", "web");

        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.contentType()).isEqualTo(ReadResponse.MARKDOWN);
        assertThat(summary.body()).isEqualTo(MarkdownSummary.render(history.reads().run("web", "r2",
                Optional.of(1)).orElseThrow())).contains("payment", "refund");
        assertThat(problem(get("/api/v1/projects/web/runs/r9/summary", "", "web"), 404)).contains("has no run r9");
        assertThat(problem(get("/api/v1/projects/web/runs/r2/summery", "", "web"), 404)).contains("runs/r2/summery");
        assertThat(api.handle(new ReadRequest("GET", "/api/v1/projects/web/runs/r2/summary", "", Optional.empty()))
                .status()).isEqualTo(401);
    }

    @Test
    void aReadWithoutATokenIsRefusedWithAProblem() throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", "/api/v1/projects/web/scenarios", "",
                Optional.empty()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo(ReadResponse.PROBLEM);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).contains("Authorization: Bearer flr_");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/projects/web/scenarios");
    }

    @Test
    void oneProjectsTokenReadsNothingOfAnother() throws Exception {
        for (String path : new String[] {"/api/v1/projects/shop/scenarios", "/api/v1/projects/shop/runs",
                "/api/v1/projects/shop/runs/s1", "/api/v1/projects/shop/scenarios/" + ViewHistory.SHOP.value(),
                "/api/v1/projects/nosuch/runs", "/projects/shop/dashboard"}) {
            ReadResponse response = get(path, "", "web");
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).doesNotContain("shop secret").doesNotContain("basket");
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("project");
        }
        ReadResponse forged = api.handle(new ReadRequest("GET", "/api/v1/projects/shop/runs", "",
                Optional.of("Bearer " + TOKENS.token("web") + "x")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(ok(get("/api/v1/projects/shop/runs", "", "shop")).get("items")).hasSize(1);
    }

    @Test
    void aCursorOfAnotherProjectOrListingIsRefused() throws Exception {
        String webCursor = new PageCursor("web", "scenarios", "anything").encoded();

        ReadResponse otherProject = get("/api/v1/projects/shop/scenarios", "cursor=" + webCursor, "shop");
        ReadResponse otherListing = get("/api/v1/projects/web/runs", "cursor=" + webCursor, "web");
        ReadResponse garbage = get("/api/v1/projects/web/runs", "cursor=%21%21", "web");

        assertThat(otherProject.status()).isEqualTo(400);
        assertThat(JSON.readTree(otherProject.body()).get("detail").asText()).contains("another listing");
        assertThat(otherListing.status()).isEqualTo(400);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).get("detail").asText()).contains("not one this API issued");
    }

    @Test
    void badRequestsGetProblemsThatSayWhatWasWrong() throws Exception {
        assertThat(problem(get("/api/v1/projects/web/scenarios", "limit=0", "web"), 400))
                .contains("limit must be within 1..1000, was 0");
        assertThat(problem(get("/api/v1/projects/web/scenarios", "limit=ten", "web"), 400))
                .contains("limit must be a whole number, was 'ten'");
        assertThat(problem(get("/api/v1/projects/web/scenarios/xyz", "", "web"), 400))
                .contains("fingerprint must be 16 lower-case hex digits, was 'xyz'");
        assertThat(problem(get("/api/v1/projects/web/scenarios/00000000000000ff", "", "web"), 404))
                .contains("project web has no scenario 00000000000000ff");
        assertThat(problem(get("/api/v1/projects/web/runs/nope", "attempt=2", "web"), 404))
                .contains("project web has no run nope attempt 2");
        assertThat(problem(get("/api/v1/projects/web/tests", "", "web"), 404))
                .contains("this server does not serve tests' health");
        assertThat(problem(get("/api/v1/projects/web/things", "", "web"), 404)).contains("try scenarios, runs, tests");
        assertThat(problem(get("/api/v1/projects", "", "web"), 404)).contains("no route");
        assertThat(problem(api.handle(new ReadRequest("DELETE", "/api/v1/projects/web/runs", "",
                Optional.of("Bearer " + TOKENS.token("web")))), 405)).contains("GET only");
    }

    @Test
    void theDashboardIsServedWithTheTokenInItsLink() {
        ReadResponse page = api.handle(new ReadRequest("GET", "/projects/web/dashboard",
                "token=" + TOKENS.token("web"), Optional.empty()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo(ReadResponse.HTML);
        assertThat(page.body()).contains(ViewHistory.LOCATOR.value()).doesNotContain("<script>");
    }

    private static ReadResponse get(String path, String query, String tokenProject) {
        return api.handle(new ReadRequest("GET", path, query, Optional.of("Bearer " + TOKENS.token(tokenProject))));
    }

    private static JsonNode ok(ReadResponse response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(ReadResponse.JSON);
        return JSON.readTree(response.body());
    }

    private static String problem(ReadResponse response, int status) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo(ReadResponse.PROBLEM);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).startsWith("urn:feedbackloop:problem:");
        return body.get("detail").asText();
    }
}
