package dev.feedbackloop.regenerate;

import dev.feedbackloop.rootcause.Category;
import java.util.List;

/**
 * What to do about each auto-fixable category, in two uses: the instructions a model is given for the category, and,
 * with no model configured, the advice a person gets instead of a generated fix. Refined from the seed's category
 * instructions (seeds/reference-feedbackLoop.js): the seed told a model to raise timeouts, loosen matchers and wrap
 * steps in try/catch, which are exactly the rewrites the fix guard rejects; these say how to fix the cause instead.
 */
public final class Playbook {

    private Playbook() {
    }

    /** The steps for {@code category}, most useful first; {@link Category#UNKNOWN}'s for one that is not auto-fixable. */
    public static List<String> steps(Category category) {
        return switch (category) {
            case SELECTOR_ISSUE -> List.of(
                    "Find the element in the page snapshot or the current UI and locate it by role and accessible "
                            + "name, label or test id (getByRole, getByLabel, getByTestId) rather than CSS or XPath.",
                    "If the locator matched several elements, narrow it by its container or by filter({ hasText }) "
                            + "rather than by position (nth, first).",
                    "Keep every assertion of the test as strict as it was.");
            case URL_MISMATCH -> List.of(
                    "Compare the URL the test expects with the one reached (the failure's 'received' value) and decide "
                            + "whether the product changed its route or the test followed a wrong link.",
                    "If the route changed on purpose, update the expected URL to the new route; keep the check exact.",
                    "If a redirect (login, consent) got in the way, set up the state that avoids it in the test's "
                            + "setup rather than removing the URL check.");
            case NAVIGATION_FAIL -> List.of(
                    "Check that the URL the test opens is right for the environment (base URL, path, port).",
                    "Wait for the page the way the test needs it: an assertion on content that must appear, not "
                            + "'networkidle' and not a fixed sleep.",
                    "If the target service was down, this is an environment problem: rerun rather than change the test.");
            case NETWORK_MOCK_FAIL -> List.of(
                    "Keep the route or intercept set up before the request it mocks is made.",
                    "Make the mocked response's shape (keys, types, status) match what the application reads now.",
                    "Keep the assertions aligned with the mocked payload.");
            case FRAME_FAIL -> List.of(
                    "Reach the element through its frame (frameLocator by the iframe's title, name or test id).",
                    "Interact and assert on frame-scoped locators, not page-level ones.");
            case API_ASSERTION_FAIL -> List.of(
                    "Compare the status and body the API returned with what the test expects, from the failure text.",
                    "If the API contract changed on purpose, update the expected values exactly; never widen a status "
                            + "check to a range or a set.",
                    "If the API is wrong, report it to the product team: the test is right.");
            case ASSERTION_FAIL -> List.of(
                    "Read the expected and received values in the failure and decide which is right.",
                    "If the product changed on purpose, update the expected value to the new one, as exact as before.",
                    "If the value is dynamic (a date, an id), derive the expectation from the test's own data rather "
                            + "than loosening the matcher to accept anything.");
            case TIMEOUT -> List.of(
                    "Find what the test was waiting for when time ran out (the last step in the stack or trace).",
                    "Wait for the condition that makes the next step safe (an element, a response, a state), not a "
                            + "fixed time; do not raise the timeout.",
                    "If the product got slower, that is a performance finding to report, not a test fix.");
            default -> List.of(
                    "Read the failure message and the stack trace to find the failing step.",
                    "Fix the cause there; keep every assertion as strict as it was.");
        };
    }

    /** The rewrites that only hide a failure, which no fix may contain (the fix guard's rules, in words). */
    public static final List<String> FORBIDDEN = List.of(
            "raising a timeout (test, expect, locator, navigation, cy options, Selenium waits)",
            "a fixed sleep (waitForTimeout, cy.wait(ms), Thread.sleep, time.sleep, browser.pause)",
            "waiting for 'networkidle'",
            "removing or weakening an assertion (looser matcher, toBeTruthy, catch-all regex, wider status set, "
                    + "soft where hard was)",
            "skipping, focusing or retrying tests (skip, fixme, only, @Disabled, pytest.mark.skip, an early return, "
                    + "more retries)",
            "forcing actions ({ force: true })",
            "swallowing errors (try/catch around steps, .catch(() => {}))",
            "adding a secret, a password or a token to the file",
            "replacing a role, label or test-id locator with CSS, XPath or a position",
            "changing anything outside the failing test (other tests, shared hooks, file-wide config)");
}
