package dev.feedbackloop.recommend;

import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.scenario.Scenario;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recommendation as a GitHub-flavoured Markdown issue, following the design's "Structured Issue Reports" template
 * (type, severity, frequency, affected tests, root cause with evidence, reproduction steps, recommended fix with its
 * diff, validation), and as a coding-agent prompt following its "Code Fix Prompts". Every piece of stored text is
 * redacted again (it may predate a redaction rule) and escaped; both read without the tool.
 */
public final class IssueReport {

    /** The hidden marker an issue is found by: one issue per scenario (or pattern). */
    public static final String MARKER_PREFIX = "<!-- feedback-loop:";

    private final Redactor redactor;

    public IssueReport(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** The marker for a recommendation's issue: its scenario's fingerprint, or the pattern's id. */
    public static String marker(Recommendation recommendation) {
        return MARKER_PREFIX + recommendation.scenario().map(f -> "scenario=" + f.value())
                .orElse("pattern=" + recommendation.id()) + " -->";
    }

    /** The issue body. */
    public String markdown(Recommendation recommendation, Optional<Scenario> scenario, TriageMemory memory) {
        StringBuilder md = new StringBuilder();
        Advice advice = recommendation.advice();
        md.append("## 🐛 Automated Failure Report ")
                .append(recommendation.fingerprint().map(f -> "#" + f.value().substring(0, 12)).orElse(""))
                .append("\n\n");
        md.append("**Recommendation:** ").append(text(advice.title())).append(" (`")
                .append(recommendation.kind().wireName()).append("`, ").append(recommendation.status().wireName())
                .append(")\n");
        md.append("**Failure Type:** ").append(recommendation.category().map(c -> c.failureType().name() + " / "
                + c.name()).orElse("pattern across scenarios")).append('\n');
        scenario.ifPresent(s -> md.append("**Severity:** ").append(s.severity()).append("/5\n")
                .append("**Frequency:** ").append(s.occurrences()).append(" times in ").append(s.runsAffected())
                .append(" runs, first seen ").append(s.firstSeen()).append(", last seen ").append(s.lastSeen())
                .append('\n'));
        md.append("**Priority:** ").append(recommendation.priority().score()).append("/10 (")
                .append(text(String.join("; ", recommendation.priority().reasons()))).append(")\n");
        md.append("**Effort:** ").append(recommendation.effort().level().wireName()).append(" (")
                .append(text(recommendation.effort().reason())).append(") · **Impact:** ")
                .append(recommendation.impact().level().wireName()).append(" (")
                .append(text(recommendation.impact().reason())).append(")\n");
        md.append("**Tests Affected:** ").append(recommendation.tests().size()).append("\n\n");
        tests(md, recommendation.tests());
        md.append("### 🔍 Root Cause Analysis\n");
        Optional<Triage> productBug = recommendation.scenario().flatMap(memory::productBug);
        productBug.ifPresent(t -> md.append("**Product bug** (triaged by ").append(text(t.by())).append(" at ")
                .append(t.at()).append("): ").append(text(t.reason())).append("\n\n"));
        recommendation.evidence().facts().forEach(f -> md.append("- ").append(text(f)).append('\n'));
        scenario.filter(s -> !s.sampleMessage().isBlank()).ifPresent(s -> md.append("\nSample failure:\n\n")
                .append(Markdown.codeBlock("text", clean(s.sampleMessage()))));
        if (recommendation.evidence().scenarios().size() > 1 || recommendation.scenario().isEmpty()) {
            md.append("\nEvidence scenarios: ").append(String.join(", ", recommendation.evidence().scenarios()
                    .stream().map(f -> "`" + f.value() + "`").toList())).append('\n');
        }
        md.append("\n### 📝 Reproduction Steps\n");
        reproduction(md, recommendation, scenario);
        md.append("\n### 💡 Recommended Fix\n").append(text(advice.suggestedChanges())).append("\n\n");
        md.append("Target: ").append(text(advice.targetComponent())).append(" · approach `")
                .append(advice.direction()).append("`\n");
        recommendation.fix().filter(f -> !f.diff().isBlank())
                .ifPresent(f -> md.append('\n').append(Markdown.codeBlock("diff", clean(f.diff()))));
        if (!advice.implementationNotes().isBlank()) {
            md.append("\nNotes:\n");
            advice.implementationNotes().lines().forEach(l -> md.append("- ").append(text(l)).append('\n'));
        }
        md.append("\n### 🧪 Validation\n").append(text(advice.testRequirements())).append("\n\n")
                .append("Done when: ").append(text(advice.validationCriteria())).append('\n');
        recommendation.effectiveness().ifPresent(e -> md.append(String.format(java.util.Locale.ROOT,
                "%nEffectiveness: %.2f (failure rate %.0f%% before, %.0f%% after, over %d runs each)%n", e.score(),
                100 * e.failureRateBefore(), 100 * e.failureRateAfter(), e.runsCompared())));
        md.append('\n').append(marker(recommendation)).append('\n');
        return md.toString();
    }

    /** The coding-agent prompt, plain text in the design's shape, with what reviewers rejected before. */
    public String agentPrompt(Recommendation recommendation, Optional<Scenario> scenario, TriageMemory memory) {
        Advice advice = recommendation.advice();
        StringBuilder prompt = new StringBuilder("Fix the following automation failure based on the analysis:\n\n");
        prompt.append("ISSUE: ").append(clean(advice.title())).append(scenario.map(s -> " (" + s.occurrences()
                + " occurrences in " + s.runsAffected() + " runs)").orElse("")).append('\n');
        prompt.append("ROOT CAUSE: ").append(clean(String.join("; ", recommendation.evidence().facts())));
        recommendation.scenario().flatMap(memory::productBug).ifPresent(t -> prompt.append(
                "; a reviewer judged it a product bug: ").append(clean(t.reason())));
        prompt.append('\n');
        scenario.filter(s -> !s.sampleMessage().isBlank()).ifPresent(s -> prompt.append("FAILURE MESSAGE: ")
                .append(clean(s.sampleMessage()).strip()).append('\n'));
        prompt.append("AFFECTED FILES: ").append(clean(advice.targetComponent())).append('\n');
        if (!recommendation.tests().isEmpty()) {
            prompt.append("AFFECTED TESTS: ").append(String.join(", ", recommendation.tests().stream()
                    .limit(20).map(t -> clean(t.value())).toList())).append('\n');
        }
        prompt.append("SUGGESTED CHANGES: ").append(clean(advice.suggestedChanges())).append('\n');
        recommendation.fix().filter(f -> !f.diff().isBlank()).ifPresent(f -> prompt.append("PROPOSED DIFF:\n")
                .append(clean(f.diff())).append(f.diff().endsWith("\n") ? "" : "\n"));
        recommendation.scenario().ifPresent(f -> memory.promptNotes(f).forEach(n -> prompt.append("CONSTRAINT: ")
                .append(clean(n)).append('\n')));
        prompt.append("VALIDATION: ").append(clean(advice.testRequirements())).append(' ')
                .append(clean(advice.validationCriteria())).append("\n\n");
        prompt.append("Please implement the fix and create tests to prevent regression.\n");
        return prompt.toString();
    }

    private void tests(StringBuilder md, List<TestId> tests) {
        tests.stream().limit(20).forEach(t -> md.append("- `").append(clean(t.value()).replace("`", "'"))
                .append("`\n"));
        if (tests.size() > 20) {
            md.append("- … and ").append(tests.size() - 20).append(" more\n");
        }
        md.append('\n');
    }

    private void reproduction(StringBuilder md, Recommendation recommendation, Optional<Scenario> scenario) {
        int step = 1;
        Optional<String> recipe = scenario.flatMap(Scenario::reproductionRecipe);
        if (recipe.isPresent()) {
            for (String line : clean(recipe.get()).lines().filter(l -> !l.isBlank()).toList()) {
                md.append(step++).append(". ").append(text(line.strip())).append('\n');
            }
        }
        if (!recommendation.tests().isEmpty()) {
            md.append(step++).append(". Run `").append(clean(recommendation.tests().get(0).value())
                    .replace("`", "'")).append("`").append(scenario.map(s -> s.environment().isEmpty() ? ""
                    : " with " + text(s.environment().toString())).orElse("")).append('\n');
        }
        md.append(step).append(". Expect the failure described above").append(scenario.map(s -> " (seen in "
                + s.runsAffected() + " of the runs that ran it)").orElse("")).append('\n');
    }

    private String text(String untrusted) {
        return Markdown.text(clean(untrusted));
    }

    private String clean(String untrusted) {
        return redactor.redact(untrusted);
    }
}
