package dev.feedbackloop.view;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.text.TerminalText;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A project's digest as a Slack Block Kit message (the JSON an incoming webhook takes): the latest run's counts, its
 * new failures, the top scenarios and the flaky tests. Text from reports is escaped as Slack asks ({@code & < >}),
 * so it cannot make a link or a mention ({@code <!channel>}), and cut so every block stays within Slack's limits.
 */
public final class SlackDigest {

    static final int LISTED = 5;
    /** Slack refuses a section's text over 3000 characters. */
    private static final int SECTION_MAX = 2900;

    private SlackDigest() {
    }

    /** The webhook payload. */
    public static String payload(Dashboard d) {
        return payload(d, Optional.empty(), Map.of());
    }

    /**
     * The webhook payload of the nightly digest: with a link to the day's report and, for each owner in the
     * project's owners file, the failing and flaky tests it owns.
     *
     * @param reportLink where the day's report opens (a pre-signed URL), if published
     * @param owned      owner mention ({@code <@U…>}, {@code <!subteam^S…>}, {@code <#C…>}, {@code @name},
     *                   {@code #channel}, already checked by the owners file's parser, so shown as given) to test
     *                   names (escaped here like all report text)
     */
    public static String payload(Dashboard d, Optional<String> reportLink, Map<String, List<String>> owned) {
        return ViewJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("text", "Feedback Loop digest for " + slack(d.project()));
            g.writeArrayFieldStart("blocks");
            header(g, "Feedback Loop: " + d.project());
            section(g, latest(d));
            d.latestChanges().filter(c -> !c.newFailures().isEmpty()).ifPresent(c -> {
                try {
                    section(g, "*New failures (" + c.newFailures().size() + ")*\n" + tests(c.newFailures()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!d.scenarios().isEmpty()) {
                section(g, "*Top scenarios*\n" + scenarios(d.scenarios()));
            }
            if (!d.flaky().isEmpty()) {
                StringBuilder flaky = new StringBuilder("*Flaky tests*\n");
                d.flaky().stream().limit(LISTED).forEach(f -> flaky.append("• `").append(slack(f.testCase().name()))
                        .append("` flaky in ").append(f.flakyRuns()).append(" of ").append(f.runsLooked())
                        .append(" runs\n"));
                section(g, flaky.toString());
            }
            if (!d.recommendations().isEmpty()) {
                section(g, "*Fixes asked for:* " + d.recommendations().size() + " pending");
            }
            if (!owned.isEmpty()) {
                StringBuilder owners = new StringBuilder("*By owner*\n");
                owned.forEach((owner, tests) -> owners.append("• ").append(owner).append(": ").append(tests.stream()
                        .limit(LISTED).map(t -> "`" + slack(t) + "`").collect(Collectors.joining(", ")))
                        .append(tests.size() > LISTED ? " and " + (tests.size() - LISTED) + " more" : "")
                        .append('\n'));
                section(g, owners.toString());
            }
            if (reportLink.isPresent()) {
                section(g, "<" + link(reportLink.get()) + "|Open the day's report> (the link expires)");
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static String latest(Dashboard d) {
        if (d.recentRuns().isEmpty()) {
            return "No runs stored yet.";
        }
        RunCounts c = d.recentRuns().get(0).counts();
        String line = "Latest run `" + slack(d.recentRuns().get(0).key().runId()) + "`: " + c.tests() + " tests, "
                + c.passed() + " passed, " + (c.failed() + c.errored()) + " failed, " + c.flaky() + " flaky.";
        return d.latestChanges().map(RunChanges::fixed).filter(f -> !f.isEmpty())
                .map(f -> line + " " + f.size() + " fixed since the run before.").orElse(line);
    }

    private static String tests(List<TestChange> tests) {
        StringBuilder out = new StringBuilder();
        tests.stream().limit(LISTED).forEach(t -> out.append("• `").append(slack(t.testCase().name())).append("` ")
                .append(t.category().map(Enum::name).orElse("unclassified")).append('\n'));
        if (tests.size() > LISTED) {
            out.append("…and ").append(tests.size() - LISTED).append(" more\n");
        }
        return out.toString();
    }

    private static String scenarios(List<ScenarioDetails> scenarios) {
        StringBuilder out = new StringBuilder();
        scenarios.stream().limit(LISTED).forEach(s -> out.append("• ").append(s.scenario().occurrences())
                .append(" failures, ").append(s.scenario().testsAffected()).append(" tests: ")
                .append(s.scenario().category().name()).append(" `").append(slack(firstLine(s.scenario()
                        .sampleMessage()))).append("`\n"));
        return out.toString();
    }

    private static void header(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "header");
        g.writeObjectFieldStart("text");
        g.writeStringField("type", "plain_text");
        g.writeStringField("text", cut(TerminalText.escape(text), 150));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void section(JsonGenerator g, String mrkdwn) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "section");
        g.writeObjectFieldStart("text");
        g.writeStringField("type", "mrkdwn");
        g.writeStringField("text", cut(mrkdwn, SECTION_MAX));
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Report text for mrkdwn: controls and bidi made visible, Slack's three control characters escaped. */
    static String slack(String text) {
        return TerminalText.escape(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("`", "'");
    }

    /** A URL inside {@code <url|text>}: Slack's three control characters escaped, so it cannot end the link early. */
    private static String link(String url) {
        return url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
    }

    private static String firstLine(String text) {
        return cut(text.strip().lines().findFirst().orElse("(no message)"), 100);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
