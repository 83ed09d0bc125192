package dev.feedbackloop.bench.history;

/**
 * The root cause of a simulated failure, which decides its text. Each names the project's classification category
 * a reader would expect for it (see {@code dev.feedbackloop.rootcause.Category}).
 */
enum Cause {
    /** A Selenium wait or a JUnit {@code @Timeout} ran out. */
    TIMEOUT("TIMEOUT", true),
    /** An Awaitility condition was not met in time: an async event or job arrived late. */
    ASYNC_WAIT("TIMEOUT", true),
    /** An element is not on the page. */
    SELECTOR("SELECTOR_ISSUE", true),
    /** An element was re-rendered between finding and using it. */
    STALE_ELEMENT("SELECTOR_ISSUE", true),
    /** A compared value differs. */
    VALUE("ASSERTION_FAIL", false),
    /** An HTTP status code differs. */
    API_STATUS("API_ASSERTION_FAIL", false),
    /** A dependency timed out or refused a connection. */
    NETWORK("NAVIGATION_FAIL", true),
    /** State another test left behind: test-order dependence. */
    ORDER_STATE("ASSERTION_FAIL", false),
    /** A race between threads or parallel tests. */
    CONCURRENCY("ASSERTION_FAIL", false),
    /** The infrastructure, not the test: a crashed browser, a refused database, no Docker. */
    INFRA("INFRA", true);

    final String category;
    /** Whether JUnit reports it as an {@code <error>} (an exception) rather than a {@code <failure>} (an assertion). */
    final boolean error;

    Cause(String category, boolean error) {
        this.category = category;
        this.error = error;
    }
}
