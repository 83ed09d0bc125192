/**
 * The client side of ingest, what runs in CI ({@code feedback upload}) and in local runs: run metadata from the CI
 * environment ({@link dev.feedbackloop.upload.CiEnvironment}), reports gzip-compressed for sending
 * ({@link dev.feedbackloop.upload.GzipReports}), signed requests sent with retries within time limits
 * ({@link dev.feedbackloop.upload.IngestClient}, {@link dev.feedbackloop.upload.RetryPolicy}), the answer to an upload
 * request ({@link dev.feedbackloop.upload.UploadGrantAnswer}) and signed ingest requests as Function URL events
 * ({@link dev.feedbackloop.upload.SignedIngestEvents}). Nothing in the Lambda functions calls it; it shares the wire
 * protocol ({@link dev.feedbackloop.ingest.RequestSignature}, {@link dev.feedbackloop.ingest.RunMetadata}) with ingest.
 */
package dev.feedbackloop.upload;
