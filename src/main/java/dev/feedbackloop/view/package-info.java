/**
 * What people and agents look at: read-only views of a project's stored history. {@link
 * dev.feedbackloop.view.ProjectReads} answers the queries (scenarios, a scenario's details, runs, a run's changes,
 * a dashboard's data) from the storage ports alone, paged with opaque {@link dev.feedbackloop.view.PageCursor}s;
 * {@link dev.feedbackloop.view.ReadApi} routes HTTP-shaped requests to it, authorised per project by {@link
 * dev.feedbackloop.view.ReadTokens}, answering JSON or RFC 9457 problem bodies; {@link
 * dev.feedbackloop.view.HtmlDashboard}, {@link dev.feedbackloop.view.MarkdownSummary} and {@link
 * dev.feedbackloop.view.SlackDigest} render the same data as a self-contained page, a pull-request comment and a
 * Slack message. Everything here is pure: servers, files and webhooks are adapters.
 */
package dev.feedbackloop.view;
