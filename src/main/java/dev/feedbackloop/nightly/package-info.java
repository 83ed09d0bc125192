/**
 * The nightly job: refreshes each project's recommendations from the day's scenarios, judges implemented fixes, and
 * rolls the day up with the recommendation stage's records counted in. It joins two stages of the loop
 * ({@code recommend} and {@code rollup}) that do not know each other.
 */
package dev.feedbackloop.nightly;
