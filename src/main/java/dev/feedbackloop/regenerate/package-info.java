/**
 * Regeneration of tests whose failures a corrected test can fix. This package holds the stage's ports: the queue
 * other stages ask for regenerations through, and the model it asks for a root cause and a corrected test
 * ({@link dev.feedbackloop.regenerate.FixModel}, called under {@link dev.feedbackloop.regenerate.FixModelCaller}'s
 * deadline, budget and retry rules; docs/llm.md).
 */
package dev.feedbackloop.regenerate;
