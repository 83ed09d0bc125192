package dev.feedbackloop.guard;

/**
 * The timeouts a framework applies when a test sets none, in milliseconds: what a proposed timeout is compared
 * with when the original had no explicit one. Sources: Playwright's test configuration docs (expect 5 s, test 30 s,
 * actions and navigations unlimited within the test, {@code test.slow()} triples, {@code 0} disables a timeout),
 * Cypress's configuration reference, WebdriverIO's timeouts guide, Jest's {@code testTimeout}, and the W3C
 * WebDriver session timeouts that Selenium uses.
 */
final class TimeoutDefaults {

    static final long PLAYWRIGHT_EXPECT = 5_000;
    static final long PLAYWRIGHT_TEST = 30_000;
    /** Playwright for Python's own bound on an action or navigation (pytest sets no test timeout around it). */
    static final long PLAYWRIGHT_PYTHON_ACTION = 30_000;
    /** {@code test.slow()} multiplies the test timeout by this. */
    static final long PLAYWRIGHT_SLOW_FACTOR = 3;
    static final long CYPRESS_COMMAND = 4_000;
    static final long CYPRESS_REQUEST = 5_000;
    static final long CYPRESS_RESPONSE = 30_000;
    static final long CYPRESS_PAGE_LOAD = 60_000;
    static final long WEBDRIVERIO_WAITFOR = 5_000;
    /** expect-webdriverio's default {@code wait} for its matchers. */
    static final long WEBDRIVERIO_EXPECT = 3_000;
    /** The Mocha test timeout WebdriverIO's runner uses unless configured. */
    static final long WEBDRIVERIO_TEST = 10_000;
    static final long JEST_TEST = 5_000;
    static final long WEBDRIVER_IMPLICIT = 0;
    static final long WEBDRIVER_PAGE_LOAD = 300_000;
    static final long WEBDRIVER_SCRIPT = 30_000;
    /**
     * Selenium has no default explicit wait: a {@code WebDriverWait} always names its timeout. When the original
     * file has none to compare with, a new one is compared with this customary value.
     */
    static final long SELENIUM_CUSTOMARY_EXPLICIT_WAIT = 10_000;
    /**
     * No limit: pytest and JUnit have no test timeout unless a plugin or annotation sets one, so adding one is a
     * limit, not a raise.
     */
    static final long UNLIMITED = Long.MAX_VALUE;

    private TimeoutDefaults() {
    }

    /** The implicit timeout of {@code kind} under {@code framework}; {@link #UNLIMITED} where there is none. */
    static long of(Framework framework, Timeouts.Kind kind) {
        return switch (kind) {
            case EXPECT -> framework.isPlaywright() ? PLAYWRIGHT_EXPECT
                    : framework == Framework.WEBDRIVERIO ? WEBDRIVERIO_EXPECT : CYPRESS_COMMAND;
            case TEST -> switch (framework) {
                case PLAYWRIGHT_TS, PLAYWRIGHT_JS -> PLAYWRIGHT_TEST;
                case WEBDRIVERIO -> WEBDRIVERIO_TEST;
                case JEST_SUPERTEST -> JEST_TEST;
                default -> UNLIMITED;
            };
            case ACTION, NAVIGATION -> framework.isPlaywright() ? PLAYWRIGHT_TEST : WEBDRIVER_PAGE_LOAD;
            case COMMAND -> CYPRESS_COMMAND;
            case REQUEST -> CYPRESS_REQUEST;
            case RESPONSE -> CYPRESS_RESPONSE;
            case PAGE_LOAD -> framework == Framework.CYPRESS ? CYPRESS_PAGE_LOAD : WEBDRIVER_PAGE_LOAD;
            case WAIT -> framework == Framework.SELENIUM_JAVA ? SELENIUM_CUSTOMARY_EXPLICIT_WAIT : WEBDRIVERIO_WAITFOR;
            case IMPLICIT -> WEBDRIVER_IMPLICIT;
            case SCRIPT -> WEBDRIVER_SCRIPT;
        };
    }

    /** Where the default comes from, for messages. */
    static String source(Framework framework, Timeouts.Kind kind) {
        if (framework == Framework.SELENIUM_JAVA && kind == Timeouts.Kind.WAIT) {
            return "a customary explicit wait";
        }
        String name = switch (framework) {
            case PLAYWRIGHT_TS, PLAYWRIGHT_JS, PYTEST_PLAYWRIGHT, PLAYWRIGHT_JAVA -> "Playwright";
            case CYPRESS -> "Cypress";
            case WEBDRIVERIO -> "WebdriverIO";
            case JEST_SUPERTEST -> "Jest";
            case SELENIUM_JAVA -> "WebDriver";
        };
        return name + "'s default";
    }
}
