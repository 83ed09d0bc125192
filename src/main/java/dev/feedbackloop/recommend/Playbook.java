package dev.feedbackloop.recommend;

import dev.feedbackloop.rootcause.Category;
import java.util.List;
import java.util.Map;

/**
 * Advice per root cause when no fix was drafted: the approaches that usually fix it, best first. A scenario whose
 * first approach was rejected gets the next one; one whose every approach was rejected gets none.
 */
public final class Playbook {

    /**
     * One approach.
     *
     * @param direction the key triage memory remembers it by
     * @param title     what to do, as a title
     * @param changes   the changes, as prose
     * @param tests     how to test it
     * @param effort    effort with the reason
     */
    public record Approach(String direction, String title, String changes, String tests, Estimate effort) {
    }

    private static final Estimate SMALL = new Estimate(Level.LOW, "one test or helper changes");
    private static final Estimate SHARED = new Estimate(Level.MEDIUM, "a shared helper or fixture changes");
    private static final Estimate OUTSIDE = new Estimate(Level.HIGH,
            "the change is outside the tests (environment, service or access)");

    private static final Map<Category, List<Approach>> APPROACHES = Map.ofEntries(
            Map.entry(Category.SELECTOR_ISSUE, List.of(
                    new Approach("selector:role-locator", "Locate the element by role and accessible name",
                            "Replace the failing CSS/XPath locator with a role-based locator (getByRole with its"
                                    + " accessible name) or a dedicated test id, scoped to the nearest stable"
                                    + " container.", "Run the test against the current page and assert the locator"
                                    + " resolves to exactly one element.", SMALL),
                    new Approach("selector:test-id", "Add a stable test id to the element",
                            "Add a data-testid attribute to the element in the application and locate by it.",
                            "Run the test; add a check that the test id is unique on the page.", SHARED))),
            Map.entry(Category.URL_MISMATCH, List.of(
                    new Approach("assert:content-not-url", "Assert on the page's content, not its URL",
                            "Replace the exact URL assertion with an assertion on content the page must show, or"
                                    + " match the URL by a pattern that tolerates redirects and query strings.",
                            "Run the test through the redirecting path and the direct one.", SMALL))),
            Map.entry(Category.NAVIGATION_FAIL, List.of(
                    new Approach("navigation:retry-ready", "Wait for the target to be reachable before navigating",
                            "Check the base URL is configured for this environment and wait for the service's"
                                    + " health endpoint before the first navigation.",
                            "Run the test with the service started late and assert it waits, not fails.",
                            SHARED))),
            Map.entry(Category.NETWORK_MOCK_FAIL, List.of(
                    new Approach("mock:match-request", "Make the route or intercept match the real request",
                            "Match the intercepted request by a pattern that covers the URL the page really calls,"
                                    + " and register the route before the navigation that triggers it.",
                            "Assert the mock was hit (count its calls) in the test.", SMALL))),
            Map.entry(Category.FRAME_FAIL, List.of(
                    new Approach("frame:frame-locator", "Reach the iframe through a frame locator",
                            "Use a frame locator keyed on a stable attribute of the iframe and wait for its"
                                    + " content instead of reading frames by index.",
                            "Run the test with the iframe loading slowly.", SMALL))),
            Map.entry(Category.API_ASSERTION_FAIL, List.of(
                    new Approach("assert:api-contract", "Align the API assertion with the current contract",
                            "Check whether the response changed on purpose; if so update the expected status,"
                                    + " body or schema, otherwise raise it as a product bug.",
                            "Validate the response against the published schema in the test.", SMALL))),
            Map.entry(Category.ASSERTION_FAIL, List.of(
                    new Approach("assert:expected-value", "Update or loosen the expected value",
                            "Decide whether the new value is correct; if so update the expectation or assert on"
                                    + " the meaning (a pattern, a range) rather than an exact value.",
                            "Run the test with the old and the new data.", SMALL))),
            Map.entry(Category.TIMEOUT, List.of(
                    new Approach("wait:web-first", "Wait for the condition, not for time",
                            "Replace fixed sleeps and long global timeouts with web-first assertions that wait"
                                    + " for the state the next step needs.",
                            "Run the test repeatedly (e.g. --repeat-each 20) and with the network slowed.",
                            SMALL),
                    new Approach("mock:slow-dependency", "Mock the slow dependency",
                            "Serve the slow backend call from a route or fixture so the UI test does not wait on"
                                    + " it.", "Assert the mocked call was made; keep one end-to-end test"
                                    + " without the mock.", SHARED))),
            Map.entry(Category.BOT_BLOCK, List.of(
                    new Approach("environment:allowlist", "Allow the test traffic past the bot wall",
                            "Allowlist the CI egress addresses or use a bypass token in test environments.",
                            "Run the suite from CI and assert no challenge page appears.", OUTSIDE))),
            Map.entry(Category.AUTH_EXPIRED, List.of(
                    new Approach("session:per-worker", "Create a fresh session per worker",
                            "Log in once per worker (storage state) with a session longer than the run, and"
                                    + " refresh it when a 401 appears.",
                            "Run the longest suite shard and assert no login redirect.", SHARED))),
            Map.entry(Category.INFRA, List.of(
                    new Approach("environment:capacity", "Stabilise the environment the tests run in",
                            "Check the failing service or runner (memory, disk, browser crashes) and give it the"
                                    + " capacity the suite needs; keep test retries off for this cause.",
                            "Run the suite on the changed runner; watch for the same crash.", OUTSIDE))),
            Map.entry(Category.UNKNOWN, List.of(
                    new Approach("investigate:unclassified", "Investigate the unclassified failure",
                            "Read the failure and its trace; add a classification rule once the cause is known.",
                            "Reproduce the failure locally with the same inputs.", SHARED))));

    private Playbook() {
    }

    /** The approaches for a root cause, best first; never empty. */
    public static List<Approach> approaches(Category category) {
        return APPROACHES.get(category);
    }
}
