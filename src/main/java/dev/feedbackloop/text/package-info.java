/**
 * Small text primitives shared by the stages that read failure text (redaction, classification): no domain
 * knowledge, no dependencies.
 */
package dev.feedbackloop.text;
