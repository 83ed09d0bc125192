package dev.feedbackloop.adapter.github;

import java.time.Duration;

/** Waits; injected so that tests of rate limiting advance a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** The thread's own sleep. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
