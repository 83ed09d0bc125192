package dev.feedbackloop.bench.history;

/**
 * An infrastructure incident during a run: the runner's Docker daemon, the test database or the network went down,
 * and most tests that needed it failed with an infrastructure error, whatever their own health.
 *
 * @param kind    how much of the run it took down
 * @param cause   what broke, which decides the failure messages
 * @param hitRate the chance that a test executed in the run fails from it
 * @param blip    whether it was over before the build retried its failed tests: a network or grid hiccup of a
 *                minute, after which surefire's rerun (or Gradle's retry) of each hit test passes; a run without
 *                retries is red all the same
 */
record Incident(Kind kind, Cause cause, double hitRate, boolean blip) {

    static final Incident NONE = new Incident(Kind.NONE, Cause.DOCKER, 0.0, false);

    Incident {
        if (!(hitRate >= 0.0 && hitRate <= 1.0)) {
            throw new IllegalArgumentException("hitRate must be between 0 and 1, was " + hitRate);
        }
    }

    /** Reach of an incident. */
    enum Kind {
        /** A normal run. */
        NONE,
        /** An outage: 85-100% of the tests that ran fail. */
        FULL,
        /** A partial incident: 10-70% of the tests fail (one grid node of several, or most of them), all with infrastructure errors. */
        PARTIAL
    }

    /** What broke. */
    enum Cause {
        /** The runner's Docker daemon died: browsers crash or do not start, Testcontainers finds no Docker. */
        DOCKER,
        /** The test database did not come up: application contexts fail to load, the app refuses connections. */
        DATABASE,
        /** The runner's network: names do not resolve, the browser grid is unreachable. */
        NETWORK
    }
}
