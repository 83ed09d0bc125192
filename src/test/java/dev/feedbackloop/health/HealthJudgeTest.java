package dev.feedbackloop.health;

import static dev.feedbackloop.health.Runs.PROJECT;
import static dev.feedbackloop.health.Runs.TEST;
import static dev.feedbackloop.health.Runs.all;
import static dev.feedbackloop.health.Runs.concat;
import static dev.feedbackloop.health.Runs.fail;
import static dev.feedbackloop.health.Runs.failures;
import static dev.feedbackloop.health.Runs.onBranch;
import static dev.feedbackloop.health.Runs.pass;
import static dev.feedbackloop.health.Runs.passes;
import static dev.feedbackloop.health.Runs.retryPass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Runs.Replay;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthJudgeTest {

    /** The opt-in rules that hold a test on one proof and until its clean streak is unlikely (off by default). */
    private static final HealthSettings ONE_PROOF_AND_CHANCE = HealthSettings.defaults().toBuilder()
            .flakyOnOneProof(true).flakyExitMaxRuns(150).build();

    private final HealthJudge judge = new HealthJudge(HealthSettings.defaults());

    @Test
    void redeliveredExecutionChangesNothing() {
        Replay replay = Replay.of(judge, concat(passes(1, 5), all(retryPass(6), fail(7))));
        Execution again = fail(7).build();

        HealthUpdate update = judge.apply(replay.health(), again);

        assertThat(update.changed()).isFalse();
        assertThat(update.changes()).isEmpty();
        assertThat(update.health()).isSameAs(replay.health());
    }

    @Test
    void aWholeHistoryDeliveredTwiceCountsOnce() {
        List<Execution> history = concat(passes(1, 8), all(retryPass(9), fail(10)), failures(11, 14), passes(15, 50));
        Replay once = Replay.of(judge, history);

        Replay twice = Replay.of(judge, once.health(), history);

        assertThat(twice.health()).isEqualTo(once.health());
        assertThat(twice.changes()).isEmpty();
    }

    @Test
    void anExecutionOlderThanAFullWindowChangesNothing() {
        Replay replay = Replay.of(judge, passes(10, 45));

        HealthUpdate late = judge.apply(replay.health(), fail(2).build());

        assertThat(late.changed()).isFalse();
        assertThat(replay.health().window()).hasSize(30);
    }

    static Stream<Arguments> historiesInAnyOrder() {
        Random random = new Random(12);
        List<Execution> flaky = new ArrayList<>();
        for (int n = 1; n <= 80; n++) {
            flaky.add((random.nextDouble() < 0.2 ? retryPass(n) : pass(n)).build());
        }
        return Stream.of(
                Arguments.of("flaky", flaky, HealthState.FLAKY),
                Arguments.of("broken", concat(passes(1, 60), failures(61, 80)), HealthState.BROKEN),
                Arguments.of("healthy", passes(1, 80), HealthState.HEALTHY),
                Arguments.of("regression on a pull request", concat(passes(1, 70),
                        onBranch("feature/cart", failures(71, 76)), passes(77, 80)), HealthState.HEALTHY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("historiesInAnyOrder")
    void aBackfillLoadedAfterNewerRunsEndsTheSame(String name, List<Execution> history, HealthState expected) {
        Replay inOrder = Replay.of(judge, history);
        List<Execution> backfill = concat(history.subList(40, 80), history.subList(0, 40));
        List<Execution> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7));

        Replay backfilled = Replay.of(judge, backfill);
        Replay anyOrder = Replay.of(judge, shuffled);

        assertThat(inOrder.state()).isEqualTo(expected);
        assertThat(backfilled.state()).isEqualTo(expected);
        assertThat(anyOrder.state()).isEqualTo(expected);
        assertThat(backfilled.health().window()).isEqualTo(inOrder.health().window());
        assertThat(anyOrder.health().window()).isEqualTo(inOrder.health().window());
    }

    @Test
    void aRunFoundToBeAnOutageAfterwardsDropsOut() {
        Replay broken = Replay.of(judge, concat(passes(1, 7), failures(8, 10)));
        assertThat(broken.state()).isEqualTo(HealthState.BROKEN);

        HealthUpdate corrected = judge.apply(broken.health(), fail(10).cause(Category.ASSERTION_FAIL,
                "00000000000000aa").outage().build());

        assertThat(corrected.health().window()).extracting(e -> e.run().runId()).doesNotContain("r10");
        assertThat(corrected.health().verdict().state()).isEqualTo(HealthState.HEALTHY);
        assertThat(corrected.changes()).extracting(StateChange::transition).containsExactly("broken -> healthy");
    }

    @Test
    void flakyStaysFlakyWhileAFailureRemainsInTheWindow() {
        // Enters with two failures and a pass on retry; the evidence then slides out but a plain failure stays.
        List<Execution> history = concat(passes(1, 5), all(retryPass(6), fail(7)), passes(8, 30), all(fail(31)),
                passes(32, 40));
        Replay replay = Replay.of(judge, history);

        assertThat(judge.assess(replay.health()).flakyEvidence()).isZero();
        assertThat(replay.state()).isEqualTo(HealthState.FLAKY);
        assertThat(replay.path()).containsExactly("new -> healthy", "healthy -> flaky");
    }

    @Test
    void hysteresisKeepsAnOccasionalFlakeFromFlapping() {
        // A pass on retry every 20 runs: a window of 30 holds one such failure at times, two at others.
        List<Execution> history = new ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            history.add((n % 20 == 0 ? retryPass(n) : pass(n)).build());
        }
        Replay withHysteresis = Replay.of(judge, history);
        HealthJudge without = new HealthJudge(HealthSettings.defaults().toBuilder().flakyExitFailures(2)
                .flakyOnOneProof(false).flakyExitChance(0.99).build()); // leaves at its first clean run
        Replay withoutHysteresis = Replay.of(without, history);

        assertThat(withHysteresis.path()).containsExactly("new -> healthy", "healthy -> flaky");
        assertThat(withoutHysteresis.changes().size()).isGreaterThan(10);
    }

    @Test
    void aLowRateFlakyTestStaysFlakyUntilItsCleanStreakIsUnlikelyAtItsOwnRate() {
        // One pass on retry in its first 10 runs: a rate of 1 / (10 + 1) while it still failed. Passing 30 runs in
        // a row is then likely (0.909^30 = 6%) and no proof; 49 are (0.909^49 < 1%).
        List<Execution> flakyThenClean = concat(passes(1, 9), all(retryPass(10)), passes(11, 58));
        HealthJudge judge = new HealthJudge(ONE_PROOF_AND_CHANCE);
        Replay still = Replay.of(judge, flakyThenClean);
        Assessment a = judge.assess(still.health());

        assertThat(a.flakyRate()).isCloseTo(1.0 / 11, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.exitRuns()).isEqualTo(49);
        assertThat(a.cleanRuns()).isEqualTo(48);
        assertThat(still.state()).isEqualTo(HealthState.FLAKY);
        assertThat(still.health().flakyBeforeWindow()).isEqualTo(new FlakyTally(28, 1));

        Replay gone = Replay.of(judge, still.health(), passes(59, 59));
        assertThat(gone.path()).containsExactly("flaky -> fixed");
        assertThat(gone.health().flakyBeforeWindow()).isEqualTo(FlakyTally.NONE);
    }

    @Test
    void theFlakySpellsTallyCountsWhatSlidOutAndEndsWithTheSpell() {
        // Flaky from run 6; every 10th run passes on retry. The window keeps 30; the tally keeps the rest.
        List<Execution> history = new ArrayList<>(passes(1, 5));
        for (int n = 6; n <= 80; n++) {
            history.add((n % 10 == 6 ? retryPass(n) : pass(n)).build());
        }
        TestHealth health = Replay.of(judge, history).health();

        assertThat(health.verdict().state()).isEqualTo(HealthState.FLAKY);
        // Runs 1..50 slid out, all after it became flaky at run 6: the window it entered with is part of the spell.
        assertThat(health.flakyBeforeWindow()).isEqualTo(new FlakyTally(50, 5));
        assertThat(judge.apply(health, history.get(history.size() - 1)).changed()).isFalse();
    }

    @Test
    void withTheCapAtTheWindowAFlakyTestLeavesAfterThirtyCleanRunsAsBefore() {
        HealthJudge windowOnly = new HealthJudge(ONE_PROOF_AND_CHANCE.toBuilder().flakyExitMaxRuns(30).build());

        Replay replay = Replay.of(windowOnly, concat(passes(1, 9), all(retryPass(10)), passes(11, 40)));

        assertThat(replay.path()).containsExactly("new -> healthy", "healthy -> flaky", "flaky -> fixed");
    }

    @Test
    void infraFailuresDoNotCountInTheFlakyRate() {
        // Flaky by a pass on retry, then a crashed browser: not the test's own failure, so it does not raise the
        // rate (1 of the 21 runs up to the clean streak, not 2); it does end the clean streak.
        Runs crash = fail(20).cause(Category.INFRA, "00000000000000ee");
        Replay replay = Replay.of(judge, concat(passes(1, 9), all(retryPass(10)), passes(11, 19), all(crash),
                passes(21, 30)));

        assertThat(judge.assess(replay.health()).flakyRate()).isCloseTo(1.0 / 21,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void settingsRejectAnExitCapBelowTheWindow() {
        assertThatThrownBy(() -> HealthSettings.defaults().toBuilder().flakyExitMaxRuns(29).build())
                .hasMessageContaining("flakyExitMaxRuns must be at least 30, was 29");
    }

    @Test
    void brokenIsNeverTurnedBackIntoFlakyByOlderEvidenceWhileItKeepsFailing() {
        List<Execution> flakyPast = concat(passes(1, 5), all(retryPass(6), pass(7), retryPass(8)), passes(9, 25));
        Replay replay = Replay.of(judge, concat(flakyPast, failures(26, 32)));

        assertThat(replay.state()).isEqualTo(HealthState.BROKEN);
        assertThat(judge.assess(replay.health()).flakyEvidence()).isPositive();
        assertThat(replay.path()).endsWith("flaky -> broken");
        assertThat(replay.health().verdict().reason()).contains("since commit c26");
    }

    @Test
    void brokenEndsAtTheFirstPass() {
        Replay broken = Replay.of(judge, concat(passes(1, 7), failures(8, 12)));

        HealthUpdate pass = judge.apply(broken.health(), pass(13).build());

        assertThat(pass.health().verdict().state()).isEqualTo(HealthState.HEALTHY);
        assertThat(pass.health().recoveringFrom()).contains(HealthState.BROKEN);
        assertThat(pass.changes()).singleElement().satisfies(c -> {
            assertThat(c.transition()).isEqualTo("broken -> healthy");
            assertThat(c.cause()).contains(new RunKey(PROJECT, "r13", 1));
        });
    }

    @Test
    void aTestThatFailsOftenNeedsALongerStreakToBeCalledBroken() {
        // 10 of its 26 runs before failed (p = 10/27): three failures in a row are its bad luck, not a regression;
        // ln(0.01) / ln(10/27) = 4.6, so five are needed.
        List<Execution> history = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            history.add((n % 5 == 1 || n % 5 == 3 ? fail(n) : pass(n)).build());
        }
        history.add(retryPass(26).build());
        history.addAll(failures(27, 29));
        Replay threeInARow = Replay.of(judge, history);
        Replay fourInARow = Replay.of(judge, concat(history, failures(30, 30)));
        Replay fiveInARow = Replay.of(judge, concat(history, failures(30, 31)));

        assertThat(judge.assess(threeInARow.health()).runsToBreak()).isEqualTo(5);
        assertThat(threeInARow.state()).isEqualTo(HealthState.FLAKY);
        assertThat(fourInARow.state()).isEqualTo(HealthState.FLAKY);
        assertThat(fiveInARow.state()).isEqualTo(HealthState.BROKEN);
    }

    @Test
    void aStreakLongerThanTheWindowKeepsTheCommitWhereItStarted() {
        Replay replay = Replay.of(judge, concat(passes(1, 10), failures(11, 60)));

        Evidence.FailureStreak streak = judge.assess(replay.health()).defaultStreak().orElseThrow();

        assertThat(streak.runs()).isEqualTo(50);
        assertThat(streak.startCommit()).contains("c11");
        assertThat(streak.sharedFingerprint()).contains(new Fingerprint("00000000000000aa"));
        assertThat(replay.health().window()).hasSize(30);
    }

    @Test
    void aStreakWithTwoRootCausesSharesNoFingerprint() {
        Replay replay = Replay.of(judge, concat(passes(1, 7), all(
                fail(8).cause(Category.TIMEOUT, "00000000000000aa"),
                fail(9).cause(Category.TIMEOUT, "00000000000000aa"),
                fail(10).cause(Category.SELECTOR_ISSUE, "00000000000000bb"))));

        Evidence.FailureStreak streak = judge.assess(replay.health()).defaultStreak().orElseThrow();

        assertThat(streak.runs()).isEqualTo(3);
        assertThat(streak.sharedFingerprint()).isEmpty();
    }

    @Test
    void aPullRequestRegressionIsBrokenOnItsBranchOnly() {
        Replay replay = Replay.of(judge, concat(passes(1, 10), onBranch("feature/cart", failures(11, 14))));
        Assessment assessment = judge.assess(replay.health());

        assertThat(replay.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(assessment.brokenBranches()).singleElement().satisfies(s -> {
            assertThat(s.branch()).isEqualTo("feature/cart");
            assertThat(s.startCommit()).contains("c11");
        });
        assertThat(assessment.flakyFailing()).isZero();
    }

    @Test
    void aFlakyTestSaysWhyItFails() {
        Replay replay = Replay.of(judge, concat(passes(1, 5), all(
                retryPass(6).cause(Category.TIMEOUT, "00000000000000aa"),
                fail(7).cause(Category.TIMEOUT, "00000000000000aa"),
                retryPass(8).cause(Category.NETWORK_MOCK_FAIL, "00000000000000bb"),
                fail(9).cause(Category.TIMEOUT, "00000000000000aa"), pass(10))));
        Assessment assessment = judge.assess(replay.health());

        assertThat(replay.state()).isEqualTo(HealthState.FLAKY);
        assertThat(assessment.rootCauses().dominant()).contains(Category.TIMEOUT);
        assertThat(assessment.rootCauses().counts()).containsEntry(Category.TIMEOUT, 3)
                .containsEntry(Category.NETWORK_MOCK_FAIL, 1);
    }

    @Test
    void everyStateChangeCarriesTimeReasonAndEvidenceWithRunAndCommit() {
        // With one proof enough the test would be flaky at run 6 already; this is about the two pieces of evidence.
        HealthJudge judge = new HealthJudge(HealthSettings.defaults().toBuilder().flakyOnOneProof(false).build());
        Replay replay = Replay.of(judge, concat(passes(1, 5), all(fail(6).commit("c5"), retryPass(7)), passes(8, 9)));
        StateChange flaky = replay.changes().get(1);

        assertThat(flaky.transition()).isEqualTo("healthy -> flaky");
        assertThat(flaky.at()).isEqualTo(Runs.START.plusSeconds(7 * 3600));
        assertThat(flaky.reason()).contains("failed 2 of its last 7 runs");
        assertThat(flaky.evidence()).anySatisfy(e -> assertThat(e).isEqualTo(new Evidence.RetryPass(
                new RunKey(PROJECT, "r7", 1), Optional.of("c7"), "main", Runs.START.plusSeconds(7 * 3600),
                Optional.of(Category.ASSERTION_FAIL))));
        assertThat(flaky.evidence()).anySatisfy(e -> assertThat(e.describe())
                .isEqualTo("failed in run r6#1 and passed in run r5#1 on the same commit c5 (ASSERTION_FAIL)"));
        assertThat(replay.health().verdict().since()).contains(flaky.at());
    }

    @Test
    void flipRateAndFailureRateArePerBranch() {
        Replay replay = Replay.of(judge, concat(all(pass(1), fail(2), pass(3), fail(4), pass(5)),
                onBranch("feature/x", all(fail(6), fail(7), pass(8)))));

        assertThat(judge.assess(replay.health()).branches()).containsExactly(
                new Evidence.BranchRates("main", 5, 2, 4), new Evidence.BranchRates("feature/x", 3, 2, 1));
        assertThat(judge.assess(replay.health()).branches().get(0).flipRate()).isEqualTo(1.0);
    }

    static Stream<Arguments> scores() {
        return Stream.of(
                Arguments.of("no evidence, many failures", 0, 10, 30, 0.0),
                Arguments.of("one piece of evidence, 2 of 30 failing", 1, 2, 30, 0.067),
                Arguments.of("two pieces, 6 of 30 failing", 2, 6, 30, 0.3),
                Arguments.of("three pieces, half failing", 3, 15, 30, 0.875),
                Arguments.of("five pieces, most failing", 5, 25, 30, 0.969),
                Arguments.of("nothing run", 0, 0, 0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void scoreFollowsItsFormula(String name, int evidence, int failing, int executions, double expected) {
        assertThat(Assessment.score(evidence, failing, executions)).isEqualTo(expected);
    }

    @Test
    void anExecutionOfAnotherTestIsRejected() {
        TestHealth health = TestHealth.unseen(PROJECT, TEST);
        Execution other = new Execution(TestId.derive(PROJECT, "Other", "x", Optional.empty()),
                new RunKey(PROJECT, "r1", 1), Runs.START, Optional.empty(), Optional.empty(), Outcome.PASSED,
                Optional.empty(), Optional.empty(), false);

        assertThatThrownBy(() -> judge.apply(health, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applied to the health of test " + TEST);
    }

    @Test
    void aPassingExecutionCannotCarryARootCause() {
        assertThatThrownBy(() -> new Execution(TEST, new RunKey(PROJECT, "r1", 1), Runs.START, Optional.empty(),
                Optional.empty(), Outcome.PASSED, Optional.of(Category.TIMEOUT), Optional.empty(), false))
                .hasMessageContaining("run r1#1 is PASSED and cannot carry");
    }

    @Test
    void anExecutionOfAStoredRunTakesItsCommitAndBranchAndDropsACauseFromAPass() {
        Run run = new Run(new RunKey(PROJECT, "r9", 2), Optional.of("c9"), Optional.of("feature/x"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

        Execution flaky = Execution.of(TEST, run, Runs.START, TestStatus.FLAKY, Optional.of(Category.TIMEOUT),
                Optional.empty(), false);
        Execution passed = Execution.of(TEST, run, Runs.START, TestStatus.PASSED, Optional.of(Category.TIMEOUT),
                Optional.empty(), false);

        assertThat(flaky.outcome()).isEqualTo(Outcome.PASSED_ON_RETRY);
        assertThat(flaky.category()).contains(Category.TIMEOUT);
        assertThat(flaky.commit()).contains("c9");
        assertThat(flaky.branch()).contains("feature/x");
        assertThat(passed.category()).isEmpty();
    }

    @Test
    void settingsRejectAnExitThresholdAboveTheEntry() {
        assertThatThrownBy(() -> HealthSettings.defaults().toBuilder().flakyExitFailures(3).build())
                .hasMessageContaining("flakyExitFailures (3) <= flakyEnterFailures (2)");
    }

    @Test
    void theStateStaysBoundedWhateverTheHistory() {
        List<Execution> history = new ArrayList<>();
        for (int n = 1; n <= 600; n++) {
            String branch = n % 3 == 0 ? "feature/" + n : "main";
            history.add((n % 7 == 0 ? fail(n) : pass(n)).branch(branch).build());
        }
        TestHealth health = Replay.of(judge, history).health();

        assertThat(health.window()).hasSize(30);
        assertThat(health.streaksBeforeWindow().size()).isLessThanOrEqualTo(31);
    }
}
