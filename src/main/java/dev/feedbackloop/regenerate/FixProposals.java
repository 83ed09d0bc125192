package dev.feedbackloop.regenerate;

import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ProposedFix;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A drafted fix ({@link FixOutcome#DRAFT}) as the recommendation stage takes it ({@link ProposedFix}): a summary, the
 * change as a unified diff of the test's file, redacted and bounded, and the approach's direction key, which triage
 * memory matches a person's rejection on. Pure.
 */
public final class FixProposals {

    /** Most characters of a stored diff: well inside a DynamoDB item (400 KB) beside the rest of the recommendation. */
    public static final int MAX_DIFF = 60_000;
    /** Most characters of a summary. */
    public static final int MAX_SUMMARY = 2_000;

    /**
     * What the added lines of a fix do, first match wins, most specific first: the same keys the recommendation
     * stage's playbook uses, so a person who rejects "role locators" rejects them whichever wrote them.
     */
    private static final List<Direction> DIRECTIONS = List.of(
            new Direction("selector:role-locator", Pattern.compile("getByRole\\(|By\\.role|findByRole\\(")),
            new Direction("selector:test-id", Pattern.compile("getByTestId\\(|data-testid|data-test-id|data-cy")),
            new Direction("selector:label", Pattern.compile("getByLabel\\(|getByPlaceholder\\(")),
            new Direction("selector:text", Pattern.compile("getByText\\(|cy\\.contains\\(")),
            new Direction("frame:frame-locator", Pattern.compile("frameLocator\\(|contentFrame\\(")),
            new Direction("mock:match-request", Pattern.compile("\\.route\\(|cy\\.intercept\\(")),
            new Direction("assert:content-not-url", Pattern.compile("toHaveURL\\(")),
            new Direction("wait:web-first", Pattern.compile(
                    "toBeVisible\\(|toHaveText\\(|toBeEnabled\\(|waitForResponse\\(|waitForURL\\(|toHaveCount\\(")));

    private record Direction(String key, Pattern added) {
    }

    private FixProposals() {
    }

    /**
     * The proposal of a drafted fix; empty for any other outcome, or when the fix changes no line.
     *
     * @param evidence what the model was given: its source is the original file
     * @param author   who proposed it (the model id)
     */
    public static Optional<ProposedFix> of(FixRecommendation recommendation, Evidence evidence, String author,
                                           Redactor redactor, Instant at) {
        if (recommendation.outcome() != FixOutcome.DRAFT || evidence.source().isEmpty()) {
            return Optional.empty();
        }
        FixAnswer.ProposedFix fix = recommendation.fix().orElseThrow();
        TestSource original = evidence.source().get();
        String diff = bounded(redactor.redact(UnifiedDiff.of(original.path(), original.content(),
                redactor.redact(fix.content()))));
        if (diff.isEmpty()) {
            return Optional.empty();
        }
        String cause = recommendation.rootCause().map(c -> "Root cause: " + c.primary().statement() + " ").orElse("");
        String summary = Bounded.middle(redactor.redact(cause + fix.explanation()), MAX_SUMMARY);
        return Optional.of(new ProposedFix(summary, diff, direction(diff, evidence), author, at));
    }

    /** The direction key of a diff: what its added lines do, else the category's generic fix. */
    static String direction(String diff, Evidence evidence) {
        String added = String.join("\n", diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++"))
                .toList());
        return DIRECTIONS.stream().filter(d -> d.added().matcher(added).find()).map(Direction::key).findFirst()
                .orElse("fix:" + evidence.category().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The diff cut at a line end within {@link #MAX_DIFF}, saying so in its last line. */
    private static String bounded(String diff) {
        if (diff.length() <= MAX_DIFF) {
            return diff;
        }
        int cut = diff.lastIndexOf('\n', MAX_DIFF - 100) + 1;
        return diff.substring(0, cut) + "[diff cut: " + (diff.length() - cut) + " more characters not shown]\n";
    }
}
