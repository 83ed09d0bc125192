/**
 * One model of test runs, whatever format the report came in: a {@link dev.feedbackloop.model.Run} holds
 * {@link dev.feedbackloop.model.TestResult}s, each the final {@link dev.feedbackloop.model.TestStatus} of one
 * {@link dev.feedbackloop.model.TestCase} with every {@link dev.feedbackloop.model.Attempt} (retries included) in order.
 *
 * <p>Pure domain core: no framework, no I/O. Values are immutable records validated in their constructors; absent
 * optional data is {@link java.util.Optional}, never {@code null}.
 */
package dev.feedbackloop.model;
