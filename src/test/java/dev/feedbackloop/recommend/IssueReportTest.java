package dev.feedbackloop.recommend;

import static dev.feedbackloop.recommend.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.ProposedFix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueReportTest {

    private final IssueReport report = new IssueReport(Redactor.standard());

    private static Scenario hostile() {
        Scenario s = Scenarios.scenario(1, Category.SELECTOR_ISSUE, 12, 3, T0, T0.plusSeconds(60));
        return new Scenario(s.key(), s.category(), s.failureType(), s.severity(), s.autoFixable(), s.firstSeen(),
                s.lastSeen(), s.occurrences(), s.testsAffected(), s.runsAffected(),
                "<img src=x onerror=alert(1)> @admin [click](http://evil) token ghp_abcdefghijklmnopqrstuvwxyz0123456789"
                        + "\n```\n# not a heading",
                Optional.of("open /cart\nclick **Buy** as @everyone"), Map.of(), Optional.empty(), 1);
    }

    private static Recommendation recommendation(Scenario scenario) {
        ProposedFix fix = new ProposedFix("Use the role locator", "-a\n+b ``` still code\n", "selector:role-locator",
                "model-x", T0);
        return new Recommender().immediateFix(new ScenarioFacts(scenario, Scenarios.tests(0, 2), Optional.empty()),
                Optional.of(new Recommender.Draft(scenario.key(), "c".repeat(64), fix)), TriageMemory.empty(), T0)
                .orElseThrow();
    }

    @Test
    void theReportFollowsTheDesignTemplate() {
        Scenario scenario = hostile();
        String md = report.markdown(recommendation(scenario), Optional.of(scenario), TriageMemory.empty());
        assertThat(md).contains("## 🐛 Automated Failure Report #0000000000ab", "**Failure Type:** SITE_CHANGE / SELECTOR_ISSUE",
                "**Severity:** 3/5", "**Frequency:** 12 times in 3 runs", "### 🔍 Root Cause Analysis",
                "### 📝 Reproduction Steps", "### 💡 Recommended Fix", "### 🧪 Validation",
                "<!-- feedback-loop:scenario=" + scenario.key().fingerprint().value() + " -->");
    }

    @Test
    void untrustedTextIsRedactedAndEscaped() {
        Scenario scenario = hostile();
        String md = report.markdown(recommendation(scenario), Optional.of(scenario), TriageMemory.empty());
        assertThat(md).doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "@everyone", "**Buy**")
                .contains("[REDACTED", "click \\*\\*Buy\\*\\* as @\u200Beveryone");
        // the sample and the diff sit in fences longer than any backtick run inside them
        assertThat(md).contains("````text\n<img src=x onerror=alert(1)>", "````diff\n-a\n+b ``` still code\n````");
        // only our own marker is an HTML comment; no raw tag from the failure outside a fence
        assertThat(md.replaceAll("(?s)````.*?````", "")).doesNotContain("<img");
    }

    @Test
    void thePromptNamesIssueCauseFilesChangesAndRejectedDirections() {
        Scenario scenario = hostile();
        Recommendation r = recommendation(scenario);
        TriageMemory memory = new TriageMemory(List.of(new Triage("d".repeat(64), r.scenario(), "wait:web-first",
                TriageDecision.REJECT, "we already wait", "ana", T0)));
        String prompt = report.agentPrompt(r, Optional.of(scenario), memory);
        assertThat(prompt).startsWith("Fix the following automation failure")
                .contains("ISSUE: Fix: Use the role locator", "ROOT CAUSE: ", "AFFECTED FILES: ", "SUGGESTED CHANGES: ",
                        "PROPOSED DIFF:\n-a\n", "CONSTRAINT: Do not propose wait:web-first again: a reviewer rejected"
                                + " it (we already wait).")
                .endsWith("Please implement the fix and create tests to prevent regression.\n")
                .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    }

    @Test
    void aProductBugVerdictBecomesTheRootCause() {
        Scenario scenario = hostile();
        Recommendation r = recommendation(scenario);
        TriageMemory memory = new TriageMemory(List.of(Triage.decide(r, TriageDecision.PRODUCT_BUG,
                "checkout button missing in release 4.2", "bo", T0).triage()));
        assertThat(report.markdown(r, Optional.of(scenario), memory))
                .contains("**Product bug** (triaged by bo at " + T0 + "): checkout button missing in release 4\\.2");
        assertThat(report.agentPrompt(r, Optional.of(scenario), memory))
                .contains("a reviewer judged it a product bug: checkout button missing in release 4.2");
    }
}
