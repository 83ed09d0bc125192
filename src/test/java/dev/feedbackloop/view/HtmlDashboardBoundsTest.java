package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The page stays small for a large project: however many tests a table would list, it shows a few open, more
 * behind a details element, and counts the rest; the pass-rate chart draws a bounded number of runs.
 */
class HtmlDashboardBoundsTest {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void aTableOfThousandsShowsAFewOpenMoreBehindDetailsAndCountsTheRest() {
        List<TestChange> failures = IntStream.range(0, 3_000).mapToObj(i -> change("test " + i)).toList();
        List<FlakyTest> flaky = IntStream.range(0, 30).mapToObj(i -> new FlakyTest(Samples.id("big", "flaky " + i),
                Samples.test("flaky " + i), 1, 30, T0)).toList();
        StoredRun latest = run(100);
        RunChanges changes = new RunChanges(latest, Optional.of(run(99)), true, failures, List.of(), List.of(),
                List.of(), List.of());

        String html = HtmlDashboard.render(new Dashboard("big", T0, List.of(), false, List.of(),
                IntStream.rangeClosed(1, 100).mapToObj(i -> run(101 - i)).toList(), Optional.of(changes), flaky,
                List.of(), List.of()));

        assertThat(count(html, "test 2999")).isZero();
        assertThat(count(html, "<td><span class=\"test\">e2e/checkout.spec.ts › test ")).isEqualTo(
                HtmlDashboard.ROWS_LISTED);
        assertThat(html).contains("<summary>" + (HtmlDashboard.ROWS_LISTED - HtmlDashboard.ROWS_SHOWN) + " more"
                + "</summary>").contains("and " + (3_000 - HtmlDashboard.ROWS_LISTED) + " more, not listed here:"
                + " feedback run --run run-100 --json lists them all");
        String open = html.substring(html.indexOf("<h3><span class=\"bad\">New failures"),
                html.indexOf("<details class=\"more-rows\">"));
        assertThat(count(open, "<tr><td>")).isEqualTo(HtmlDashboard.ROWS_SHOWN);
        assertThat(count(html, "id=\"flaky-table\"")).isOne();
        assertThat(html).contains("Flaky tests (30)").contains("<summary>5 more</summary>");
        assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(HtmlDashboard.RUNS_CHARTED);
        assertThat(html.length()).isLessThan(200_000);
    }

    private static TestChange change(String name) {
        return new TestChange(Samples.id("big", name), Samples.test(name), Optional.of(TestStatus.FAILED),
                Optional.of(TestStatus.PASSED), Optional.of(Category.TIMEOUT), Optional.of(Samples.fingerprint(7)),
                Optional.of("Timeout 30000ms exceeded"));
    }

    private static StoredRun run(int n) {
        Instant at = T0.plus(Duration.ofHours(n));
        return new StoredRun(Samples.run("big", "run-" + n, at), at, RunState.COMPLETE,
                new RunCounts(10_000, 9_700, 300, 0, 0, 0, 0));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
