/**
 * Storage ports and the records that cross them. Repositories: runs and their per-test results
 * ({@link dev.feedbackloop.store.RunStore}), failure scenarios and analyses
 * ({@link dev.feedbackloop.store.ScenarioStore}), delivery idempotency ({@link dev.feedbackloop.store.DeliveryStore}),
 * pending recommendations ({@link dev.feedbackloop.store.RecommendationStore}), daily metrics
 * ({@link dev.feedbackloop.store.MetricsStore}) and model spend ({@link dev.feedbackloop.store.SpendLedger}); raw objects ({@link dev.feedbackloop.store.RawReportStore}) and
 * pre-signed uploads into them ({@link dev.feedbackloop.store.ReportUploads}); the regeneration queue
 * ({@link dev.feedbackloop.store.RegenerationQueue}). Adapters implement them (DynamoDB, S3, SQS); the core never
 * sees an SDK type. A storage port lives with the records it stores: the history several stages share is here; a
 * stage's own working records stay with that stage ({@code regenerate.FixAnalysisStore},
 * {@code recommend.RecommendationBook}), because this package may not import a stage. A port to an outside service that is not storage lives in the stage that calls it
 * ({@link dev.feedbackloop.ingest.ProjectSecrets}, {@link dev.feedbackloop.regenerate.FixModel}); ArchitectureTest
 * holds the storage adapters to this rule.
 *
 * <p>Every write is idempotent, because Lambda delivers at least once: writing the same run, the same results or
 * the same scenario occurrences twice leaves the same state as writing them once, and a write that failed half-way
 * can simply be retried. Failures surface as {@link dev.feedbackloop.store.StoreException} subclasses that name the
 * item involved.
 */
package dev.feedbackloop.store;
