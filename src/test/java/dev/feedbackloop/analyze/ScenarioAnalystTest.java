package dev.feedbackloop.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.classify.FailureAnalyzer;
import dev.feedbackloop.model.Failure;
import org.junit.jupiter.api.Test;

class ScenarioAnalystTest {

    private static final FailureAnalyzer ANALYZER = FailureAnalyzer.standard();

    private static String rootCause(String message) {
        return ScenarioAnalyst.rootCause(ANALYZER.classify(Failure.of(message)), message);
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

        assertThat(rootCause(message)).endsWith(": expect(response.status()).toBe(201);");
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
