package dev.feedbackloop.guard;

import java.util.Arrays;
import java.util.Optional;

/** What a finding of the fix guard is about; each has a stable name used in output and labelled sets. */
public enum GuardRule {
    /** A timeout raised above what the test had, or above the framework's implicit default. */
    TIMEOUT_BUMP("timeout-bump"),
    /** A fixed sleep added ({@code waitForTimeout}, {@code cy.wait(ms)}, {@code Thread.sleep}, ...). */
    FIXED_SLEEP("fixed-sleep"),
    /** A wait for network idle added, which never settles on pages that poll or keep sockets open. */
    NETWORKIDLE("networkidle"),
    /** An assertion deleted without one as strong taking its place. */
    ASSERTION_REMOVED("assertion-removed"),
    /** An assertion made looser, softer, conditional or unable to fail. */
    ASSERTION_WEAKENED("assertion-weakened"),
    /** The test skipped, focused away, marked as expected to fail, returned from early, or retried more. */
    TEST_SKIPPED("test-skipped"),
    /** An action forced past its actionability checks ({@code force: true}, a click dispatched by script). */
    FORCE_ACTION("force-action"),
    /** Errors caught and dropped ({@code try/catch}, {@code .catch(() => {})}, {@code failOnStatusCode: false}). */
    ERROR_SWALLOWED("error-swallowed"),
    /** A secret or literal credential written into the test. */
    SECRET_ADDED("secret-added"),
    /** A stable locator replaced by a brittle one, or a new locator naming nothing on the page. */
    BRITTLE_SELECTOR("brittle-selector"),
    /** A change outside the failing test, or a proposal for another file. */
    SCOPE_ESCAPE("scope-escape");

    private final String id;

    GuardRule(String id) {
        this.id = id;
    }

    /** The rule's name, e.g. {@code timeout-bump}. */
    public String id() {
        return id;
    }

    /** The rule with this name, if any. */
    public static Optional<GuardRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
