/**
 * Regeneration of tests whose failures a corrected test can fix. This package holds the stage's inbound port: the
 * queue other stages ask for regenerations through.
 */
package dev.feedbackloop.regenerate;
