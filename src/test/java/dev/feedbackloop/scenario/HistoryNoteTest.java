package dev.feedbackloop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryNoteTest {

    private static final Instant DAY1 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-11-22T09:00:00Z");

    private static Scenario scenario(Instant first, Instant last, long runs, long tests) {
        return new Scenario(new ScenarioKey("web", new Fingerprint("f4056b8bf35aaada")), Category.SELECTOR_ISSUE,
                FailureType.SITE_CHANGE, 3, true, first, last, Math.max(runs, tests) * 2, tests, runs, "boom",
                Optional.empty(), Map.of(), Optional.empty(), 1);
    }

    @Test
    void aScenarioOfTheLatestRunOnlyIsNew() {
        assertThat(HistoryNote.of(scenario(DAY3, DAY3, 1, 1), Optional.of(DAY3)))
                .isEqualTo("new: first seen in the latest run (2026-11-22 09:00 UTC)");
    }

    @Test
    void aScenarioOfOneOlderRunIsNotCalledNew() {
        assertThat(HistoryNote.of(scenario(DAY2, DAY2, 1, 1), Optional.of(DAY3)))
                .isEqualTo("seen in one run only (2026-11-21 10:00 UTC), not in the later runs");
    }

    @Test
    void aScenarioOfSeveralRunsIsRecurringWithItsSpanAndTests() {
        assertThat(HistoryNote.of(scenario(DAY1, DAY3, 3, 2), Optional.of(DAY3)))
                .isEqualTo("recurring: seen in 3 runs from 2026-11-20 to 2026-11-22, 2 tests affected in all");
        assertThat(HistoryNote.of(scenario(DAY1, DAY2, 2, 1), Optional.of(DAY3)))
                .isEqualTo("recurring: seen in 2 runs from 2026-11-20 to 2026-11-21, 1 test affected in all;"
                        + " not seen in the later runs");
    }

    @Test
    void withoutTheLatestRunTimeOneRunIsSaidSoFar() {
        assertThat(HistoryNote.of(scenario(DAY2, DAY2, 1, 1), Optional.empty()))
                .isEqualTo("new: seen in one run so far (2026-11-21 10:00 UTC)");
    }

    @Test
    void historyNotesOfOlderAnalysersAreRecognisedAndOthersAreNot() {
        assertThat(HistoryNote.isStoredHistoryNote("new: first seen in this run")).isTrue();
        assertThat(HistoryNote.isStoredHistoryNote("recurring: seen in 3 runs since 2026-11-20, 2 tests affected"))
                .isTrue();
        assertThat(HistoryNote.isStoredHistoryNote("every failing test of the run of 2026-11-22 09:00 UTC failed"
                + " with it")).isFalse();
    }
}
