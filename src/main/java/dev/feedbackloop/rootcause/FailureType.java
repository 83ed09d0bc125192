package dev.feedbackloop.rootcause;

/** The kind of failure, as the design groups root causes. */
public enum FailureType {
    /** The test's own mechanics: waits, frames, mocks, navigation. */
    TECHNICAL,
    /** The site under test recognised automation and blocked it (CAPTCHA, bot wall). Reported, never evaded. */
    ANTI_BOT,
    /** What the test expects no longer matches what the system does: assertions on values or API responses. */
    LOGIC,
    /** The page changed under the test: selectors or URLs it relied on moved. */
    SITE_CHANGE,
    /** Not the test at all: browser or worker crash, out of memory, a needed service down, setup errors. */
    INFRASTRUCTURE
}
