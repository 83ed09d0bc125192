/**
 * Regeneration of tests whose failures a corrected test can fix: the intake of regeneration requests from their
 * queue ({@link dev.feedbackloop.regenerate.RegenerationIntake}) and the requests' wire format. The queue and the
 * recommendation store are ports in {@link dev.feedbackloop.store}.
 */
package dev.feedbackloop.regenerate;
