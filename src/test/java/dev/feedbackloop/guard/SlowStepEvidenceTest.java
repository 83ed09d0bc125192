package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A timeout raised on one step is a budget, not a bump, when the failure's log shows the operation behind it taking
 * longer than the old wait and the new one stays in proportion; a runner's own figures are no such evidence.
 */
class SlowStepEvidenceTest {

    private static final String BODY = "cy.get('[data-cy=order-row]').should('have.length', 4);";
    private static final String FAILURE = """
              1) Orders
                   lists the open orders:
                 AssertionError: Timed out retrying after 4000ms: Too many elements found. Found '0', expected '4'.

              1 passing (7s)
              1 failing
            """;
    private static final String SLOW_REQUEST = "\n  (xhr) GET 200 /api/orders?state=open  (4.6s)\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRaise(GuardCase c) {
        c.assertJudged();
    }

    static Stream<GuardCase> cases() {
        String original = Files.cypress(BODY);
        return Stream.of(
                accept("10 s on the step whose request the log shows taking 4.6 s", CYPRESS, original,
                        raisedTo(10_000)).failing(FAILURE + SLOW_REQUEST),
                reject("30 s on that step: out of proportion", CYPRESS, original, raisedTo(30_000), TIMEOUT_BUMP)
                        .failing(FAILURE + SLOW_REQUEST),
                reject("10 s with only the runner's figures in the failure", CYPRESS, original, raisedTo(10_000),
                        TIMEOUT_BUMP).failing(FAILURE),
                reject("10 s where the log shows the request was quick", CYPRESS, original, raisedTo(10_000),
                        TIMEOUT_BUMP).failing(FAILURE + SLOW_REQUEST.replace("4.6s", "310ms")),
                reject("WebdriverIO: the limit it waited out is no step taking that long", Framework.WEBDRIVERIO,
                        Files.webdriverio(WDIO), Files.webdriverio(WDIO.replace("waitForDisplayed()",
                                "waitForDisplayed({ timeout: 30000 })")), TIMEOUT_BUMP)
                        .failing("[firefox 125.0 linux #0-0] Error: element (\"[data-test=slot] li\") still not"
                                + " displayed after 10000ms"));
    }

    private static final String WDIO = "await $('[data-test=slot] li').waitForDisplayed();\n"
            + "await expect($$('[data-test=slot] li')).toBeElementsArrayOfSize(6);";

    private static String raisedTo(int millis) {
        return Files.cypress(BODY.replace("cy.get('[data-cy=order-row]')",
                "cy.get('[data-cy=order-row]', { timeout: " + millis + " })"));
    }
}
