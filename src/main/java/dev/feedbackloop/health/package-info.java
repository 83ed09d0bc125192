/**
 * Each test's health over its history: {@code new}, {@code healthy}, {@code flaky}, {@code broken}, {@code fixed}
 * or {@code quarantined}, with the evidence behind it.
 *
 * <p>Entry point: {@link dev.feedbackloop.health.HealthJudge}, which advances a bounded, immutable
 * {@link dev.feedbackloop.health.TestHealth} one {@link dev.feedbackloop.health.Execution} at a time (idempotent,
 * tolerant of executions arriving out of time order) and returns the
 * {@link dev.feedbackloop.health.StateChange}s of the test's timeline. {@link dev.feedbackloop.health.OutageGuard}
 * flags runs that say nothing about any one test. Every tunable is in
 * {@link dev.feedbackloop.health.HealthSettings}; the rules and their reasons are in {@code docs/test-health.md}.
 *
 * <p>Pure domain core: no framework, no I/O; storage feeds it and keeps what it returns.
 */
package dev.feedbackloop.health;
