package dev.feedbackloop.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.rootcause.FailureClassifier;
import org.junit.jupiter.api.Test;

class ScenarioAnalystTest {

    private static final FailureClassifier CLASSIFIER = FailureClassifier.standard();

    private static String rootCause(String message) {
        return ScenarioAnalyst.rootCause(CLASSIFIER.classify(Failure.of(message)).classification(), message);
    }

    @Test
    void theRootCauseShowsTheLineHoldingTheEvidenceNotJustTheFirstLine() {
        String message = "TimeoutError: locator.click: Timeout 30000ms exceeded.\nCall log:\n"
                + "  - waiting for getByRole('button', { name: 'Pay now' }) to be visible and enabled and stable\n";

        assertThat(rootCause(message))
                .startsWith("A locator did not resolve")
                .endsWith(": waiting for getByRole('button', { name: 'Pay now' }) to be visible and enabled and stable");
    }

    @Test
    void aCodeFrameLineIsShownWithoutItsGutter() {
        String message = "Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 201\nReceived: 500\n\n"
                + "  10 |   const response = await request.post('/api/orders');\n"
                + "> 12 |     expect(response.status()).toBe(201);\n";

        assertThat(rootCause(message)).endsWith(": expect(response.status()).toBe(201); (expected 201, received 500)");
    }

    @Test
    void listMarksAndGuttersAreDroppedFromALine_textIsNot() {
        assertThat(ScenarioAnalyst.withoutListMark("- waiting for locator('#pay')")).isEqualTo("waiting for locator('#pay')");
        assertThat(ScenarioAnalyst.withoutListMark("• step")).isEqualTo("step");
        assertThat(ScenarioAnalyst.withoutListMark("> 12 |     expect(x).toBe(1);")).isEqualTo("expect(x).toBe(1);");
        assertThat(ScenarioAnalyst.withoutListMark("12|  expect(x)")).isEqualTo("expect(x)");
        assertThat(ScenarioAnalyst.withoutListMark("-1 is not a valid quantity")).isEqualTo("-1 is not a valid quantity");
        assertThat(ScenarioAnalyst.withoutListMark("> 12 |")).isEqualTo("> 12 |");
        assertThat(ScenarioAnalyst.withoutListMark("")).isEmpty();
    }

    @Test
    void aHeadlineIsFollowedByTheComparedValuesTheMessageStates() {
        String message = "Error: expect(page).toHaveURL(expected) failed\n\nExpected pattern: /\\/dashboard/\n"
                + "Received string:  \"https://shop.example.com/welcome?first=1\"\nTimeout: 5000ms\n";

        assertThat(rootCause(message)).startsWith("The page ended up at another URL")
                .endsWith(": Error: expect(page).toHaveURL(expected) failed (expected /\\/dashboard/, received "
                        + "\"https://shop.example.com/welcome?first=1\")");
    }

    @Test
    void comparedValuesAreNotAddedWhereTheyAreTheSymptom() {
        String message = "Error: expect(locator).toBeVisible() failed\n\nExpected: visible\nReceived: <element(s) not "
                + "found>\n\nPage title: \"Just a moment...\"\n";

        assertThat(rootCause(message)).startsWith("An anti-bot wall").endsWith(": Page title: \"Just a moment...\"");
    }

    @Test
    void valuesAlreadyOnTheShownLineAreNotRepeated() {
        String message = "org.opentest4j.AssertionFailedError: expected: <42> but was: <41>";

        assertThat(rootCause(message)).endsWith(": org.opentest4j.AssertionFailedError: expected: <42> but was: <41>");
    }

    @Test
    void aLongComparedValueIsCut() {
        String message = "Error: expect(locator).toHaveText(expected) failed\n\nExpected string: \"" + "x".repeat(300)
                + "\"\nReceived string: \"Total: 0\"\n";

        assertThat(rootCause(message)).endsWith("failed (expected \"" + "x".repeat(98) + "…, received \"Total: 0\")");
    }

    @Test
    void withoutEvidenceTheFirstLineIsShown() {
        assertThat(rootCause("something odd happened\nsecond line")).endsWith(": something odd happened");
    }

    @Test
    void anEmptyMessageIsSaidToBeEmpty() {
        assertThat(rootCause("")).endsWith("(the report gave no failure message)");
    }
}
