/**
 * Analysis of a stored report: the stage that turns a raw report into a run, its results, scenario occurrences,
 * analyses and regeneration requests, once however often it is delivered. Entry point:
 * {@link dev.feedbackloop.analyze.ReportAnalysis}.
 */
package dev.feedbackloop.analyze;
