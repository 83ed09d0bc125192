package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aGreenRunIsOneShortParagraph() {
        String md = MarkdownSummary.render(changes(new RunCounts(3, 3, 0, 0, 0, 0, 10), List.of(), List.of(),
                List.of()));

        assertThat(md).startsWith("### ✅ Feedback Loop: run <code>r2</code>")
                .contains("3 tests: 3 passed, 0 failed, 0 flaky, 0 skipped (compared with run <code>r1</code>")
                .doesNotContain("####");
        assertThat(md.lines().count()).isLessThanOrEqualTo(4);
    }

    @Test
    void failuresAreGroupedNewKnownAndFlakyWithTheirRootCauses() {
        String md = MarkdownSummary.render(changes(new RunCounts(5, 1, 3, 0, 0, 1, 10),
                List.of(change("checkout", TestStatus.FAILED, Category.SELECTOR_ISSUE, "locator('#pay') not found"),
                        change("search", TestStatus.FAILED, Category.TIMEOUT, "Timeout 30000ms exceeded")),
                List.of(change("refund", TestStatus.FAILED, Category.SELECTOR_ISSUE, "locator('#pay') not found")),
                List.of(change("login", TestStatus.FLAKY, null, null))));

        assertThat(md).startsWith("### ❌").contains("#### 🆕 New failures (2)").contains("#### 🔁 Still failing"
                + " (known) (1)").contains("#### 🎲 Flaky (failed, then passed on a retry) (1)")
                .contains("| <code>suite › checkout</code> | SELECTOR_ISSUE | <code>locator(&#39;#pay&#39;) not found"
                        + "</code> |")
                .contains("**Root causes:** selector issue 2, timeout 1");
    }

    @Test
    void reportTextBecomesNoMarkupLinkMentionOrCell() {
        String hostile = "<img src=x onerror=alert(1)> | [x](https://evil) @octocat `tick` \u202Eevil";
        String md = MarkdownSummary.render(changes(new RunCounts(1, 0, 1, 0, 0, 0, 1),
                List.of(change(hostile, TestStatus.FAILED, Category.UNKNOWN, hostile)), List.of(), List.of()));

        String row = md.lines().filter(l -> l.contains("onerror")).findFirst().orElseThrow();
        assertThat(row).doesNotContain("<img").doesNotContain("@octocat").doesNotContain("`")
                .doesNotContain("\u202E").contains("&lt;img src=x onerror=alert(1)&gt; &#124; [x](https://evil)"
                        + " &#64;octocat");
        assertThat(row.chars().filter(c -> c == '|').count()).as("cell separators").isEqualTo(4);
    }

    private static RunChanges changes(RunCounts counts, List<TestChange> newFailures, List<TestChange> still,
                                      List<TestChange> flaky) {
        return new RunChanges(run("r2", counts), Optional.of(run("r1", RunCounts.zero())), true, newFailures, still,
                List.of(), List.of(), flaky);
    }

    private static StoredRun run(String id, RunCounts counts) {
        Run run = Samples.run("web", id, T);
        return new StoredRun(run, T, RunState.COMPLETE, counts);
    }

    private static TestChange change(String name, TestStatus now, Category category, String headline) {
        return new TestChange(TestId.derive("web", "suite", name, Optional.empty()), TestCase.of("suite", name), Optional.of(now),
                Optional.empty(), Optional.ofNullable(category), Optional.ofNullable(category)
                .map(c -> new Fingerprint("00000000000000aa")), Optional.ofNullable(headline));
    }
}
