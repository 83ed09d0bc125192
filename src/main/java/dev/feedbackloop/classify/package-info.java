/**
 * The classify stage (the {@code classify} Lambda's): turns a stored raw report into a run, its results, root causes,
 * scenario occurrences, analyses and regeneration requests, once however often it is delivered. Entry point:
 * {@link dev.feedbackloop.classify.ReportClassifier}.
 */
package dev.feedbackloop.classify;
