package dev.feedbackloop.classify;

/**
 * Root cause of a test failure. Each category carries its {@link FailureType}, a default severity (1 = cosmetic,
 * 5 = blocks everything) and whether regenerating the test can fix it: no rewrite of a test fixes a bot wall, an
 * expired session or broken infrastructure, so those are never auto-fixable.
 */
public enum Category {
    /** A locator did not resolve, resolved to several elements, or the element was not actionable. */
    SELECTOR_ISSUE(FailureType.SITE_CHANGE, 3, true),
    /** The page ended up at a different URL than the test asserted ({@code toHaveURL}, {@code cy.url()}). */
    URL_MISMATCH(FailureType.SITE_CHANGE, 2, true),
    /** Navigation itself failed: DNS, connection refused, {@code net::ERR_*}, {@code page.goto} errors. */
    NAVIGATION_FAIL(FailureType.TECHNICAL, 4, true),
    /** Network interception or mocking broke: {@code page.route}, {@code cy.intercept}, nock, msw, WireMock. */
    NETWORK_MOCK_FAIL(FailureType.TECHNICAL, 3, true),
    /** An iframe could not be found or accessed. */
    FRAME_FAIL(FailureType.TECHNICAL, 3, true),
    /** An API response failed its status, body or schema check. */
    API_ASSERTION_FAIL(FailureType.LOGIC, 4, true),
    /** A value assertion failed: expected and actual differ. */
    ASSERTION_FAIL(FailureType.LOGIC, 3, true),
    /** The test or a step ran out of time with no more specific cause visible. */
    TIMEOUT(FailureType.TECHNICAL, 3, true),
    /** An anti-bot interstitial or CAPTCHA blocked the test. */
    BOT_BLOCK(FailureType.ANTI_BOT, 4, false),
    /** The session or credentials expired mid-run (401, redirected to login, token expired). */
    AUTH_EXPIRED(FailureType.TECHNICAL, 4, false),
    /** Browser or worker crash, out of memory, disk full, a needed service down, fixture or setup errors. */
    INFRA(FailureType.INFRASTRUCTURE, 5, false),
    /** No rule recognised the failure. */
    UNKNOWN(FailureType.TECHNICAL, 2, false);

    private final FailureType failureType;
    private final int severity;
    private final boolean autoFixable;

    Category(FailureType failureType, int severity, boolean autoFixable) {
        this.failureType = failureType;
        this.severity = severity;
        this.autoFixable = autoFixable;
    }

    public FailureType failureType() {
        return failureType;
    }

    /** Default severity, 1 (cosmetic) to 5 (blocks everything). */
    public int severity() {
        return severity;
    }

    /** Whether regenerating the test can fix a failure of this category. */
    public boolean autoFixable() {
        return autoFixable;
    }
}
