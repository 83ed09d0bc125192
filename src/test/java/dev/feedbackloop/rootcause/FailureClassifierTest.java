package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassifierTest {

    private static final FailureClassifier CLASSIFIER = FailureClassifier.standard();

    private static Classification classify(Failure failure) {
        return CLASSIFIER.classify(failure).classification();
    }

    static Stream<Arguments> rootCauses() {
        return Stream.of(
                Arguments.of("a locator that never resolved is a selector issue, not its timeout",
                        "Error: locator.click: Test timeout of 30000ms exceeded.\nCall log:\n"
                                + "  - waiting for getByTestId('checkout')", Category.SELECTOR_ISSUE),
                Arguments.of("a resolved locator with the wrong text is a value assertion",
                        "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n\n"
                                + "Expected string: \"Paid\"\nReceived string: \"Pending\"\nCall log:\n"
                                + "  - waiting for getByTestId('status')\n  -   locator resolved to <span>Pending</span>\n"
                                + "  -   unexpected value \"Pending\"", Category.ASSERTION_FAIL),
                Arguments.of("a bare test timeout is a timeout", "Test timeout of 30000ms exceeded.", Category.TIMEOUT),
                Arguments.of("a URL assertion is a URL mismatch in JUnit too",
                        "org.opentest4j.AssertionFailedError: expected: <https://shop.test/orders> but was: "
                                + "<https://shop.test/cart>", Category.URL_MISMATCH),
                Arguments.of("a URL assertion is a URL mismatch in Cypress too",
                        "AssertionError: Timed out retrying after 4000ms: expected 'http://localhost:3000/cart' to "
                                + "equal 'http://localhost:3000/orders'", Category.URL_MISMATCH),
                Arguments.of("a status check is an API assertion whatever the client",
                        "AssertionError: expected 200 \"OK\", got 503 \"Service Unavailable\"",
                        Category.API_ASSERTION_FAIL),
                Arguments.of("the browser closing under an action is infrastructure",
                        "Error: locator.fill: Target page, context or browser has been closed", Category.INFRA),
                Arguments.of("a refused database is infrastructure, a refused app is navigation",
                        "Error: connect ECONNREFUSED 127.0.0.1:6379", Category.INFRA),
                Arguments.of("a refused app under test is navigation",
                        "Error: apiRequestContext.get: connect ECONNREFUSED 127.0.0.1:8080", Category.NAVIGATION_FAIL),
                Arguments.of("a page load timeout is navigation", "TimeoutError: page.goto: Timeout 30000ms exceeded.",
                        Category.NAVIGATION_FAIL),
                Arguments.of("a mock that matched nothing is a network mock failure",
                        "Error: Nock: No match for request {\"method\":\"GET\",\"url\":\"https://api.test/v1\"}",
                        Category.NETWORK_MOCK_FAIL),
                Arguments.of("an iframe that went away is a frame failure", "Error: frame.fill: Frame was detached",
                        Category.FRAME_FAIL),
                Arguments.of("a Selenium wait for an element is a selector issue",
                        "org.openqa.selenium.TimeoutException: Expected condition failed: waiting for presence of "
                                + "element located by: By.xpath: //button[@id='pay'] (tried for 10 second(s))",
                        Category.SELECTOR_ISSUE),
                Arguments.of("a CAPTCHA wall is a bot block",
                        "Error: expect(page).toHaveTitle(expected)\nExpected: \"Checkout\"\nReceived: \"Just a moment...\"",
                        Category.BOT_BLOCK),
                Arguments.of("a URL assertion that saw a login redirect is a URL mismatch (not auto-fixable)",
                        "Error: expect(page).toHaveURL(expected)\nExpected: \"https://app.test/billing\"\n"
                                + "Received: \"https://app.test/login?returnUrl=%2Fbilling\"", Category.URL_MISMATCH),
                Arguments.of("a wait for an element that saw the page bounce to login is an expired session",
                        "Error: Timed out 5000ms waiting for expect(locator).toBeVisible()\nCall log:\n  - waiting for "
                                + "getByRole('table')\n  -   navigated to \"https://app.test/login?returnUrl=%2Fbilling\"",
                        Category.AUTH_EXPIRED),
                Arguments.of("a login page without a return path is only a URL mismatch",
                        "Error: expect(page).toHaveURL(expected)\nExpected: \"https://app.test/billing\"\n"
                                + "Received: \"https://app.test/login\"", Category.URL_MISMATCH),
                Arguments.of("a programming error is a code error, not an assertion",
                        "TypeError: Cannot read properties of undefined (reading 'total')\n    at cart.spec.ts:12:5",
                        Category.CODE_ERROR),
                Arguments.of("nothing recognisable is unknown", "Something odd happened", Category.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootCauses")
    void findsTheRootCause(String name, String message, Category expected) {
        assertThat(classify(Failure.of(message)).category()).isEqualTo(expected);
    }

    static Stream<Arguments> assertionMethods() {
        return Stream.of(
                Arguments.of("expect(received).toHaveURL(expected)", "toHaveURL"),
                Arguments.of("Timed out 5000ms waiting for expect(locator).toBeVisible()", "toBeVisible"),
                Arguments.of("Call log:\n  - expect.toHaveText with timeout 5000ms", "toHaveText"),
                Arguments.of("expect(jest.fn()).toHaveBeenCalledWith(...expected)", "toHaveBeenCalledWith"),
                Arguments.of("java.lang.AssertionError\n\tat org.junit.Assert.assertEquals(Assert.java:115)",
                        "assertEquals"),
                Arguments.of("x\n\tat org.junit.jupiter.api.Assertions.assertTrue(Assertions.java:40)", "assertTrue"),
                Arguments.of("Expected: <true>\n     but: was <false>", "assertThat"),
                Arguments.of("Expecting actual:\n  \"a\"\nto be equal to:\n  \"b\"", "assertThat"),
                Arguments.of("expected [1] but found [2]", "assertEquals"),
                Arguments.of("Assert.Equal() Failure\nExpected: 3\nActual:   2", "Assert.Equal"),
                Arguments.of("Failed asserting that two strings are equal.", "assertEquals"),
                Arguments.of("AssertionError: expected '<h1>' to have text 'Hi', but the text was 'Yo'",
                        "should('have.text')"),
                Arguments.of("AssertionError: expected 3 to deep equal 4", "to.deep.equal"),
                Arguments.of("AssertionError: Timed out retrying after 4000ms: expected '<div.toast>' not to be "
                        + "'visible'", "should('not.be.visible')"),
                Arguments.of("E       assert 4 == 5", "assert"),
                Arguments.of("1 expectation failed.\nExpected status code <200> but was <500>.", "statusCode"),
                Arguments.of("AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:", "assert.strictEqual"),
                Arguments.of("Error: \tNot equal: \n\texpected: 1\n\tactual  : 2", "assert.Equal"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("assertionMethods")
    void namesTheFailedAssertionMethod(String message, String method) {
        assertThat(classify(Failure.of(message)).assertionMethod()).contains(method);
    }

    @Test
    void aCodeFrameContextLineDoesNotNameTheFailedAssertion() {
        String message = "Error: page.waitForFunction: Test timeout of 60000ms exceeded.\n\n"
                + "    > 21 |     await page.waitForFunction(() => window.ready === true);\n"
                + "      22 |     await expect(page.getByText('Ready')).toBeVisible();\n";

        Classification c = classify(Failure.of(message));

        assertThat(c.assertionMethod()).isEmpty();
        assertThat(c.category()).isEqualTo(Category.TIMEOUT);
        assertThat(classify(Failure.of(message.replace("    > 21 |", "      21 |")
                .replace("      22 |", "    > 22 |"))).assertionMethod()).contains("toBeVisible");
    }

    @Test
    void aUrlAssertionBouncedToLoginIsAUrlMismatchThatNoRewriteShouldFix() {
        Classification c = classify(Failure.of("Error: expect(page).toHaveURL(expected) failed\n\n"
                + "Expected pattern: /\\/orders$/\nReceived string:  \"https://shop.test/login?next=%2Forders\""));

        assertThat(c.category()).isEqualTo(Category.URL_MISMATCH);
        assertThat(c.autoFixable()).isFalse();
        assertThat(c.evidence()).extracting(Evidence::rule).contains("url.matcher", "auth.redirected-to-login");
    }

    @Test
    void aSeleniumWaitWithAStackFrameOnLine401StaysFixable() {
        Classification c = classify(Failure.of("org.openqa.selenium.TimeoutException: Expected condition "
                + "failed: waiting for visibility of element located by By.id: pay", null,
                "\tat com.acme.CheckoutIT.pays(CheckoutIT.java:401)"));

        assertThat(c.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(c.autoFixable()).isTrue();
    }

    @Test
    void aClassificationCarriesItsCategoryFactsEvidenceAndFingerprint() {
        Classification c = classify(Failure.of(
                "Error: strict mode violation: getByRole('button') resolved to 2 elements"));

        assertThat(c.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(c.failureType()).isEqualTo(FailureType.SITE_CHANGE);
        assertThat(c.severity()).isEqualTo(Category.SELECTOR_ISSUE.severity());
        assertThat(c.autoFixable()).isTrue();
        assertThat(c.confidence()).isBetween(0.9, 0.99);
        assertThat(c.evidence().get(0)).isEqualTo(new Evidence("selector.strict-mode", "text",
                "Error: strict mode violation: getByRole('button') resolved to 2 elements"));
        assertThat(c.fingerprint().value()).hasSize(16);
    }

    @Test
    void unknownHasNoEvidenceAndNoConfidence() {
        Classification c = classify(Failure.of("Something odd happened"));

        assertThat(c.evidence()).isEmpty();
        assertThat(c.confidence()).isZero();
        assertThat(c.autoFixable()).isFalse();
    }

    @Test
    void aRivalCauseCloseInWeightLowersTheConfidence() {
        double clear = classify(Failure.of("Error: frame.click: Frame was detached")).confidence();
        double contested = classify(Failure.of("Error: frame.click: Frame was detached\n"
                + "Error: strict mode violation: getByRole('link') resolved to 2 elements")).confidence();

        assertThat(contested).isLessThan(clear);
    }

    @Test
    void aRedactedFailureKeepsItsSecretsOutOfEvidenceAndFingerprint() {
        Redactor redactor = Redactor.standard();
        Failure redacted = redactor.redact(Failure.of(
                "page.goto: net::ERR_CONNECTION_REFUSED at https://admin:hunter2@staging.test/?token=abc123"));

        ClassifiedFailure classified = CLASSIFIER.classify(redacted);

        assertThat(classified.failure()).isSameAs(redacted);
        assertThat(classified.classification().evidence()).isNotEmpty().allSatisfy(e ->
                assertThat(e.excerpt()).doesNotContain("hunter2").doesNotContain("abc123"));
        assertThat(classified.normalized().text()).doesNotContain("hunter2");
        assertThat(classified.classification().fingerprint()).isEqualTo(classify(redactor.redact(Failure.of(
                "page.goto: net::ERR_CONNECTION_REFUSED at https://admin:other@staging.test/?token=zzz"))).fingerprint());
    }

    @Test
    void aTestResultIsClassifiedByItsLastFailingAttempt() {
        TestResult result = TestResult.of(TestCase.of("CartTest", "adds item"), List.of(
                Attempt.failing(0, AttemptStatus.FAILED, 10, Failure.of("Test timeout of 30000ms exceeded.")),
                Attempt.failing(1, AttemptStatus.ERROR, 10, Failure.of("Error: page.goto: net::ERR_NAME_NOT_RESOLVED"))));

        assertThat(CLASSIFIER.classifyLastFailure(result)).map(c -> c.classification().category())
                .contains(Category.NAVIGATION_FAIL);
        assertThat(CLASSIFIER.classifyLastFailure(TestResult.of(TestCase.of("s", "t"), List.of(Attempt.passed(0, 1)))))
                .isEmpty();
    }

    @Test
    void customRulesTakePrecedenceOverBuiltInOnes() {
        RuleSet custom = RuleSet.parse(json("""
                [{"id": "payments-sandbox", "category": "INFRA", "weight": 0.9,
                  "when": {"text": "payments-sandbox\\\\.test"}}]"""), "rules.json");
        FailureClassifier classifier = FailureClassifier.withCustomRules(custom);

        Classification c = classifier.classify(Failure.of(
                "Error: page.goto: net::ERR_CONNECTION_RESET at https://payments-sandbox.test/pay")).classification();

        assertThat(c.category()).isEqualTo(Category.INFRA);
        assertThat(c.confidence()).isEqualTo(0.9);
        assertThat(c.evidence().get(0).rule()).isEqualTo("custom:payments-sandbox");
        assertThat(c.evidence()).extracting(Evidence::rule).contains("navigation.net-error");
    }

    @Test
    void allureCategoriesMatchTheWholeMessageAndTheirStatuses() {
        RuleSet custom = RuleSet.parse(json("""
                [{"name": "Known search flake", "category": "TIMEOUT", "matchedStatuses": ["broken"],
                  "messageRegex": ".*search.*took too long.*"}]"""), "categories.json");
        FailureClassifier classifier = FailureClassifier.withCustomRules(custom);
        Failure failure = Failure.of("the search call took too long");

        assertThat(classifier.classify(failure, Optional.of("broken")).classification().category())
                .isEqualTo(Category.TIMEOUT);
        assertThat(classifier.classify(failure, Optional.of("failed")).classification().category())
                .isEqualTo(Category.UNKNOWN);
        assertThat(classifier.classify(Failure.of("search took too long, and more")).classification().category())
                .as("matches the whole message, as in Allure").isEqualTo(Category.TIMEOUT);
        assertThat(classifier.classify(Failure.of("Search took too long")).classification().category())
                .as("case-sensitive, as in Allure").isEqualTo(Category.UNKNOWN);
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
