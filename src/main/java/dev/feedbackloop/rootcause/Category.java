package dev.feedbackloop.rootcause;

/**
 * Root cause of a test failure. Each category carries its {@link FailureType}, a default severity (1 = cosmetic,
 * 5 = blocks everything) and whether regenerating the test can fix it: no rewrite of a test fixes a bot wall, an
 * expired session or broken infrastructure, so those are never auto-fixable.
 */
public enum Category {
    /** A locator did not resolve, resolved to several elements, or the element was not actionable. */
    SELECTOR_ISSUE(FailureType.SITE_CHANGE, 3, true,
            "a locator did not resolve to the one element the test expects"),
    /** The page ended up at a different URL than the test asserted ({@code toHaveURL}, {@code cy.url()}). */
    URL_MISMATCH(FailureType.SITE_CHANGE, 2, true,
            "the page ended up at another URL than the test asserts"),
    /** Navigation itself failed: DNS, connection refused, {@code net::ERR_*}, {@code page.goto} errors. */
    NAVIGATION_FAIL(FailureType.TECHNICAL, 4, true,
            "navigating to the page failed"),
    /** Network interception or mocking broke: {@code page.route}, {@code cy.intercept}, nock, msw, WireMock. */
    NETWORK_MOCK_FAIL(FailureType.TECHNICAL, 3, true,
            "network interception or mocking broke"),
    /** An iframe could not be found or accessed. */
    FRAME_FAIL(FailureType.TECHNICAL, 3, true,
            "an iframe could not be found or accessed"),
    /** An API response failed its status, body or schema check. */
    API_ASSERTION_FAIL(FailureType.LOGIC, 4, true,
            "an API response failed its status, body or schema check"),
    /** A value assertion failed: expected and actual differ. */
    ASSERTION_FAIL(FailureType.LOGIC, 3, true,
            "a value assertion failed: expected and actual differ"),
    /** The test or a step ran out of time with no more specific cause visible. */
    TIMEOUT(FailureType.TECHNICAL, 3, true,
            "the test ran out of time with no more specific cause in sight"),
    /** An anti-bot interstitial or CAPTCHA blocked the test. */
    BOT_BLOCK(FailureType.ANTI_BOT, 4, false,
            "an anti-bot wall or CAPTCHA blocked the test"),
    /** The session or credentials expired mid-run (401, redirected to login, token expired). */
    AUTH_EXPIRED(FailureType.TECHNICAL, 4, false,
            "the session or credentials expired mid-run"),
    /** Browser or worker crash, out of memory, disk full, a needed service down, fixture or setup errors. */
    INFRA(FailureType.INFRASTRUCTURE, 5, false,
            "the browser, a worker or a service the test needs failed"),
    /**
     * The code threw a plain runtime exception (a null dereference, a division by zero, an index out of range, a
     * type error) rather than failing a check: most often a bug in the product, sometimes in the test's own code.
     * Never auto-fixable: regenerating the test would only teach it to tolerate the bug.
     */
    CODE_ERROR(FailureType.LOGIC, 4, false,
            "the code threw a runtime exception instead of failing a check: a bug to fix in the code"),
    /**
     * A snapshot test has no baseline to compare with (Playwright's "A snapshot doesn't exist", Jest's "New snapshot
     * was not written" in CI) or has obsolete ones. Nothing is wrong with the values: the baseline must be recorded
     * with {@code --update-snapshots} ({@code -u} in Jest) and committed, so no rewrite of the test is asked for.
     */
    SNAPSHOT_BASELINE(FailureType.TECHNICAL, 2, false,
            "the snapshot baseline is missing or obsolete: record it with --update-snapshots (Jest: -u)"),
    /** No rule recognised the failure. */
    UNKNOWN(FailureType.TECHNICAL, 2, false,
            "no rule recognised the failure");

    private final FailureType failureType;
    private final int severity;
    private final boolean autoFixable;
    private final String description;

    /**
     * The category a set labelled before this one existed would give the same failure: {@code CODE_ERROR} and
     * {@code SNAPSHOT_BASELINE} were {@code UNKNOWN} ("no category fits") in the original ten. An evaluation against
     * labels that never use a newer category scores it as this one ({@link Evaluation#inTaxonomyOfLabels()}).
     */
    public Category labelledBefore() {
        return this == CODE_ERROR || this == SNAPSHOT_BASELINE ? UNKNOWN : this;
    }

    Category(FailureType failureType, int severity, boolean autoFixable, String description) {
        this.failureType = failureType;
        this.severity = severity;
        this.autoFixable = autoFixable;
        this.description = description;
    }

    /** What this root cause means, as a clause a report can build a sentence on. */
    public String description() {
        return description;
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
