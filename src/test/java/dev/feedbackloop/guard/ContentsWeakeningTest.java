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
        return Stream.of(sizeOnly(), orderDropped(), anyOrder(), textDropped(), receivedAdmitted(), groupedThousands(),
                        fragmentCut(), fieldsDroppedBesideARenamedField())
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

    private static final String BINS = """
            cy.get('[data-cy=bin-weight]').type('1000');
            cy.get('[data-cy=add-bin]').click();
            cy.get('[data-cy=bin-weight]').clear().type('240');
            cy.get('[data-cy=add-bin]').click();
            cy.get('[data-cy=block-total]').should('have.text', '1,240 kg');
            """;

    /** Numbers with thousands grouped by commas read as numbers: pinned in part, or the received one adopted. */
    private static List<GuardCase> groupedThousands() {
        String failure = "AssertionError: Timed out retrying after 4000ms: expected '<span[data-cy=block-total]>' to have"
                + " text '1,240 kg', but the text was '1,000 kg'";
        String check = "cy.get('[data-cy=block-total]').should('have.text', '1,240 kg');";
        return List.of(
                reject("a grouped total pinned in its first digit", CYPRESS, Files.cypress(BINS), Files.cypress(BINS.replace(
                        check, "cy.get('[data-cy=block-total]').invoke('text').should('match', /^1,\\d{3} kg$/);")),
                        ASSERTION_WEAKENED).failing(failure),
                reject("the grouped total before the typed 240 adopted", CYPRESS, Files.cypress(BINS),
                        Files.cypress(BINS.replace("'1,240 kg'", "'1,000 kg'")), ASSERTION_WEAKENED).failing(failure),
                accept("the grouped total corrected by a sum the test does not type", CYPRESS, Files.cypress(BINS),
                        Files.cypress(BINS.replace("'1,240 kg'", "'1,250 kg'"))).failing(failure));
    }

    private static final String DISPATCH = """
            page.get_by_text("Route 7").click()
            page.get_by_role("button", name="Dispatch").click()
            expect(page.get_by_role("row", name="Route 7 — Hillcrest")).to_contain_text("PL-03 en route")
            """;

    /** A text looked for inside an element cut down to a fragment of itself: the dropped words were the point. */
    private static List<GuardCase> fragmentCut() {
        String check = "to_contain_text(\"PL-03 en route\")";
        return List.of(
                reject("a looked-for text cut to its first word", PYTEST_PLAYWRIGHT, Files.python(DISPATCH),
                        Files.python(DISPATCH.replace(check, "to_contain_text(\"PL-03\")")), ASSERTION_WEAKENED),
                accept("a looked-for text extended", PYTEST_PLAYWRIGHT, Files.python(DISPATCH),
                        Files.python(DISPATCH.replace(check, "to_contain_text(\"PL-03 en route to Hillcrest\")"))),
                accept("a looked-for text reworded", PYTEST_PLAYWRIGHT, Files.python(DISPATCH),
                        Files.python(DISPATCH.replace(check, "to_contain_text(\"PL-03 dispatched\")"))));
    }

    private static final String SHIFT = """
            const res = await request(app)
              .post('/rotas/2027-W03/shifts')
              .send({ enclosure: 'amur-tigers', start: '07:30', keeper: 'kp-okafor' })
              .expect(201);
            expect(res.body).toEqual({ id: expect.stringMatching(/^sh_/), enclosure: 'amur-tigers', start: '07:30', keeperId: 'kp-okafor' });
            """;

    /**
     * The request corrected (a renamed field) and, in the same change, the full-body check cut to one field: the
     * response is still the subject checked, though the local naming it now comes from a changed request.
     */
    private static List<GuardCase> fieldsDroppedBesideARenamedField() {
        String renamed = SHIFT.replace("keeper: 'kp-okafor' }", "keeperId: 'kp-okafor' }");
        return List.of(
                reject("fields dropped beside a renamed request field", JEST_SUPERTEST, Files.jest(SHIFT),
                        Files.jest(renamed.replaceFirst("expect\\(res\\.body\\)\\.toEqual\\(.*\\);",
                                "expect(res.body).toMatchObject({ enclosure: 'amur-tigers' });")), ASSERTION_WEAKENED),
                accept("only the request field renamed", JEST_SUPERTEST, Files.jest(SHIFT), Files.jest(renamed)));
    }

}
