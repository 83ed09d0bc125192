/**
 * Failure scenarios: one root cause (one {@link dev.feedbackloop.fingerprint.Fingerprint}) in one project, followed
 * across runs and tests, with the analyses made of it. {@link dev.feedbackloop.scenario.ObservationCollector} folds
 * a run's classified failures into one {@link dev.feedbackloop.scenario.ScenarioObservation} per fingerprint, which
 * the store adds to the persistent {@link dev.feedbackloop.scenario.Scenario} exactly once.
 */
package dev.feedbackloop.scenario;
