package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.JEST_SUPERTEST;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ERROR_SWALLOWED;
import static dev.feedbackloop.guard.GuardRule.SECRET_ADDED;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets a token-by-token reading does not see (inside a template literal, a multi-line key block) and an
 * assertion turned into the expected outcome ({@code pytest.raises(AssertionError)}, {@code assertThrows}).
 */
class HiddenSecretsAndExpectedFailuresTest {

    private static final String TOKEN_LINE = "const AUTH = `Bearer ${process.env.WALKS_API_TOKEN}`;";
    private static final String JS = TOKEN_LINE + "\n" + """
            const res = await request(app).get('/orders?state=open').set('Authorization', AUTH);
            expect(res.status).toBe(200);
            """;
    private static final String PY = """
            page.goto("/orders")
            expect(page.get_by_test_id("order-total")).to_have_text("€120.00")
            """;
    private static final String JV = """
            driver.get(baseUrl + "/orders");
            assertEquals("€120.00", driver.findElement(By.cssSelector("[data-testid='order-total']")).getText());
            """;

    private static final String LOGIN =
            "cy.login(Cypress.env('VOLUNTEER_EMAIL'), Cypress.env('VOLUNTEER_PASSWORD'));";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase c) {
        c.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(
                reject("a literal fallback for a token inside a template literal", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace("process.env.WALKS_API_TOKEN",
                                "process.env.WALKS_API_TOKEN ?? 'wlk_live_FAKE_9b1e77c0d2a84f6a'")), SECRET_ADDED),
                accept("a fallback naming a negative test", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace("process.env.WALKS_API_TOKEN",
                                "process.env.WALKS_API_TOKEN ?? 'expired-token-for-401'"))),
                reject("a private key block in a template literal", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        TOKEN_LINE, "const KEY = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                                + "-----END PRIVATE KEY-----`;\nconst AUTH = `Bearer ${sign({ sub: 'c1' }, KEY)}`;")),
                        SECRET_ADDED),
                reject("pytest.raises(AssertionError) around the check", PYTEST_PLAYWRIGHT, Files.python(PY),
                        Files.python(PY.replace("expect(page.get_by_test_id", "with pytest.raises(AssertionError):\n"
                                + "    expect(page.get_by_test_id")), ERROR_SWALLOWED),
                reject("assertThrows(AssertionFailedError.class) around the check", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV.replace("assertEquals(\"€120.00\", driver.findElement(By.cssSelector("
                                + "\"[data-testid='order-total']\")).getText());", "assertThrows(AssertionFailedError"
                                + ".class, () -> assertEquals(\"€120.00\", driver.findElement(By.cssSelector("
                                + "\"[data-testid='order-total']\")).getText()));")), ERROR_SWALLOWED),
                reject("the environment's password replaced by a literal", CYPRESS, Files.cypress(LOGIN),
                        Files.cypress(LOGIN.replace("Cypress.env('VOLUNTEER_PASSWORD')", "'Hunter2-volunteer!'")),
                        SECRET_ADDED),
                accept("the environment's credentials replaced by those a seeding task returns", CYPRESS,
                        Files.cypress(LOGIN), Files.cypress("cy.task('seed:volunteer').then(({ email, password }) =>"
                                + " cy.login(email, password));")),
                accept("pytest.raises for the error the app must raise", PYTEST_PLAYWRIGHT, Files.python(PY),
                        Files.python(PY + "with pytest.raises(TimeoutError):\n"
                                + "    page.get_by_role(\"button\", name=\"Refund\").click(timeout=1000)\n")));
    }
}
