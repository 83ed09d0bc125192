/**
 * People's decisions coming in over the API: triage of a recommendation and marking it implemented, on the ingest
 * Function URL beside the reports and signed as they are, so the read API stays read-only. Pure: no framework; the
 * decisions themselves are {@link dev.feedbackloop.recommend}'s. See {@code docs/triage-api.md}.
 */
package dev.feedbackloop.triage;
