/**
 * From analysis to action: recommendations (immediate fixes per scenario, strategic and architectural ones from
 * patterns across scenarios), their priority and status lifecycle, triage memory, issue reports and coding-agent
 * prompts, and whether an implemented fix worked. Pure: no framework, no storage; the ports it needs are
 * {@link dev.feedbackloop.recommend.RecommendationBook}. See {@code docs/recommendations.md}.
 */
package dev.feedbackloop.recommend;
