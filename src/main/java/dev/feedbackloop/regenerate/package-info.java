/**
 * Regeneration of tests whose failures a corrected test can fix: the intake of regeneration requests from their
 * queue ({@link dev.feedbackloop.regenerate.RegenerationIntake}) and the requests' wire format (the queue and the
 * recommendation store are ports in {@link dev.feedbackloop.store}); and the stage's port to an outside service,
 * the model it asks for a root cause and a corrected test ({@link dev.feedbackloop.regenerate.FixModel}, called
 * under {@link dev.feedbackloop.regenerate.FixModelCaller}'s deadline, budget and retry rules; docs/llm.md).
 */
package dev.feedbackloop.regenerate;
