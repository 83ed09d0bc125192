/**
 * Ports the stages store through, and the records they exchange: runs and their per-test results
 * ({@link dev.feedbackloop.store.RunStore}), failure scenarios and analyses
 * ({@link dev.feedbackloop.store.ScenarioStore}), delivery idempotency ({@link dev.feedbackloop.store.DeliveryStore})
 * and raw reports ({@link dev.feedbackloop.store.RawReportStore}). Adapters implement them (DynamoDB, S3); the core
 * never sees an SDK type.
 *
 * <p>Every write is idempotent, because Lambda delivers at least once: writing the same run, the same results or
 * the same scenario occurrences twice leaves the same state as writing them once, and a write that failed half-way
 * can simply be retried. Failures surface as {@link dev.feedbackloop.store.StoreException} subclasses that name the
 * item involved.
 */
package dev.feedbackloop.store;
