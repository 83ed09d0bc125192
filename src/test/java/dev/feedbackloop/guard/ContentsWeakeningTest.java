package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.JEST_SUPERTEST;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.Framework.WEBDRIVERIO;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A list's contents traded for its size, an ordered comparison made blind to order in a test about order, a
 * pattern shaped to let the received value pass: each keeps an exact-looking assertion that passes for the wrong
 * items, the wrong order or the very value the test caught.
 */
class ContentsWeakeningTest {

    private static final String JS = """
            const res = await request(app).get('/orders?state=open').set('Authorization', `Bearer ${token}`);
            expect(res.body.orders).toEqual([
              { id: 'A-1', state: 'open', total: 1200 },
              { id: 'A-2', state: 'open', total: 800 },
            ]);
            """;
    private static final String JS_CHECK = """
            expect(res.body.orders).toEqual([
              { id: 'A-1', state: 'open', total: 1200 },
              { id: 'A-2', state: 'open', total: 800 },
            ]);""";
    private static final String PY = """
            page.goto("/orders")
            names = page.get_by_test_id("order-name").all_text_contents()
            assert names == ["A-1 Oak desk", "A-2 Pine shelf"]
            """;
    private static final String JV = """
            driver.get(baseUrl + "/orders");
            List<String> names = driver.findElements(By.cssSelector("[data-testid='order-name']")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(List.of("A-1 Oak desk", "A-2 Pine shelf"), names);
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase c) {
        c.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(sizeOnly(), orderDropped(), anyOrder(), textDropped(), receivedAdmitted())
                .flatMap(List::stream);
    }

    private static List<GuardCase> sizeOnly() {
        return List.of(
                reject("a list's contents turned into toHaveLength", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace(JS_CHECK, "expect(res.body.orders).toHaveLength(2);")), ASSERTION_WEAKENED),
                reject("a list's contents turned into .length toBe", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace(JS_CHECK, "expect(res.body.orders.length).toBe(2);")), ASSERTION_WEAKENED),
                reject("a Python list turned into len()", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        "assert names == [\"A-1 Oak desk\", \"A-2 Pine shelf\"]", "assert len(names) == 2")),
                        ASSERTION_WEAKENED),
                reject("a Java list turned into size()", SELENIUM_JAVA, Files.java(JV), Files.java(JV.replace(
                        "assertEquals(List.of(\"A-1 Oak desk\", \"A-2 Pine shelf\"), names);",
                        "assertEquals(2, names.size());")), ASSERTION_WEAKENED),
                accept("a list's contents updated to what the API returns now", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace("total: 800", "total: 850"))),
                accept("a length check added beside the contents", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace(JS_CHECK, "expect(res.body.orders).toHaveLength(2);\n" + JS_CHECK))));
    }

    private static final String ROUTE = """
            from playwright.sync_api import Page


            def test_optimising_a_route_orders_its_stops_by_distance(page: Page):
                page.goto("/routes/R12")
                page.get_by_role("button", name="Optimise route").click()
                stops = page.get_by_test_id("stop-name").all_text_contents()
                assert stops == ["Elm St 4", "Oak Ave 2", "Birch Rd 11"]


            def test_lists_the_depots(page: Page):
                page.goto("/depots")
                names = page.get_by_test_id("depot").all_text_contents()
                assert names == ["East", "West"]
            """;
    private static final String RUNS = """
            const request = require('supertest');
            const app = require('../app');

            describe('Schedules API', () => {
              it('%s', async () => {
                const res = await request(app).get('/fields/7/schedule?limit=2').expect(200);
                expect(res.body.runs).toEqual(['05:30 A', '06:15 B']);
              });
            });
            """;

    private static List<GuardCase> orderDropped() {
        String sortedStops = "assert sorted(stops) == sorted([\"Elm St 4\", \"Oak Ave 2\", \"Birch Rd 11\"])";
        String byStart = "GET /schedule returns the next runs sorted by start";
        String plain = "GET /schedule returns the next runs";
        return List.of(
                reject("both sides sorted in a test about the order of stops", PYTEST_PLAYWRIGHT, ROUTE,
                        ROUTE.replace("assert stops == [\"Elm St 4\", \"Oak Ave 2\", \"Birch Rd 11\"]", sortedStops),
                        ASSERTION_WEAKENED).titled("test_optimising_a_route_orders_its_stops_by_distance[chromium]"),
                accept("a list sorted where the test is not about order", PYTEST_PLAYWRIGHT, ROUTE,
                        ROUTE.replace("assert names == [\"East\", \"West\"]", "assert sorted(names) == [\"East\", \"West\"]"))
                        .titled("test_lists_the_depots[chromium]"),
                reject("a spread-and-sort in a test about order", JEST_SUPERTEST, RUNS.formatted(byStart),
                        RUNS.formatted(byStart).replace("expect(res.body.runs)", "expect([...res.body.runs].sort())"),
                        ASSERTION_WEAKENED).titled("Schedules API › " + byStart),
                accept("a spread-and-sort where order is not promised", JEST_SUPERTEST, RUNS.formatted(plain),
                        RUNS.formatted(plain).replace("expect(res.body.runs)", "expect([...res.body.runs].sort())"))
                        .titled("Schedules API › " + plain));
    }

    private static List<GuardCase> anyOrder() {
        String inOrder = "GET /schedule returns the next runs in time order";
        String plain = "GET /schedule returns the next runs";
        String bag = "expect(res.body.runs).toEqual(expect.arrayContaining(['05:30 A', '06:15 B']));";
        return List.of(
                reject("arrayContaining in a test about order", JEST_SUPERTEST, RUNS.formatted(inOrder),
                        RUNS.formatted(inOrder).replace("expect(res.body.runs).toEqual(['05:30 A', '06:15 B']);", bag),
                        ASSERTION_WEAKENED).titled("Schedules API › " + inOrder),
                reject("arrayContaining alone: extra runs pass", JEST_SUPERTEST, RUNS.formatted(plain),
                        RUNS.formatted(plain).replace("expect(res.body.runs).toEqual(['05:30 A', '06:15 B']);", bag),
                        ASSERTION_WEAKENED).titled("Schedules API › " + plain),
                accept("arrayContaining beside the length, order not promised", JEST_SUPERTEST,
                        RUNS.formatted(plain), RUNS.formatted(plain).replace(
                                "expect(res.body.runs).toEqual(['05:30 A', '06:15 B']);",
                                "expect(res.body.runs).toHaveLength(2);\n    " + bag)).titled("Schedules API › " + plain));
    }

    private static List<GuardCase> textDropped() {
        String notice = "cy.contains('[data-cy=notice]', 'Swap requested').should('be.visible');";
        return List.of(
                reject("a lookup by text turned into any notice existing", CYPRESS, Files.cypress(notice),
                        Files.cypress("cy.get('[data-cy=notice]').should('exist');"), ASSERTION_WEAKENED),
                accept("the text renamed as the page shows it now", CYPRESS, Files.cypress(notice),
                        Files.cypress(notice.replace("Swap requested", "Swap request sent"))));
    }

    private static final String TOTAL = "await expect(page.getByTestId('basket-total')).toHaveText('Total: £84.00');";
    private static final String TAG = "await expect($('[data-test=tag]')).toHaveText('LF-T1-0043');";

    /** A pattern shaped to let the received value pass: an alternative for it, a number pinned in part, any amount. */
    private static List<GuardCase> receivedAdmitted() {
        String total = "Expected string: \"Total: £84.00\"\nReceived string: \"Total: £87.50\"";
        String tag = "[chrome 131.0 linux #0-0] Expected: \"LF-T1-0043\"\n[chrome 131.0 linux #0-0] Received:"
                + " \"Assigning tag…\"";
        String stamp = "Expected string: \"Updated 10:42\"\nReceived string: \"Updated 10:43\"";
        return List.of(
                reject("a total pinned in part", PLAYWRIGHT_TS, Files.playwright(TOTAL), Files.playwright(TOTAL.replace(
                        "'Total: £84.00'", "/Total: £8\\d\\.\\d0/")), ASSERTION_WEAKENED).failing(total),
                reject("any amount", PLAYWRIGHT_TS, Files.playwright(TOTAL), Files.playwright(TOTAL.replace(
                        "'Total: £84.00'", "/^Total: £\\d+\\.\\d{2}$/")), ASSERTION_WEAKENED).failing(total),
                reject("an alternative for the received placeholder", WEBDRIVERIO, Files.webdriverio(TAG),
                        Files.webdriverio(TAG.replace("'LF-T1-0043'", "/LF-T1-\\d{4}|Assigning tag/")),
                        ASSERTION_WEAKENED).failing(tag),
                accept("a tag number of any digits, the format kept", WEBDRIVERIO, Files.webdriverio(TAG),
                        Files.webdriverio(TAG.replace("'LF-T1-0043'", "/^LF-T1-\\d{4}$/"))).failing(tag),
                accept("a time of day that changes each run", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByTestId('stamp')).toHaveText('Updated 10:42');"),
                        Files.playwright("await expect(page.getByTestId('stamp')).toHaveText(/^Updated \\d\\d:\\d\\d$/);"))
                        .failing(stamp));
    }

}
