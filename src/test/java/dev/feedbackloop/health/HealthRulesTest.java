package dev.feedbackloop.health;

import static dev.feedbackloop.health.Runs.all;
import static dev.feedbackloop.health.Runs.concat;
import static dev.feedbackloop.health.Runs.error;
import static dev.feedbackloop.health.Runs.fail;
import static dev.feedbackloop.health.Runs.failures;
import static dev.feedbackloop.health.Runs.onBranch;
import static dev.feedbackloop.health.Runs.pass;
import static dev.feedbackloop.health.Runs.passes;
import static dev.feedbackloop.health.Runs.retryPass;
import static dev.feedbackloop.health.Runs.skip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.health.Runs.Replay;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule and its edges, as histories applied in time order with the default settings. */
class HealthRulesTest {

    private static Runs timeout(int run) {
        return fail(run).cause(Category.TIMEOUT, "00000000000000aa");
    }

    private final HealthJudge judge = new HealthJudge(HealthSettings.defaults());

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("a clean history is healthy once judged", passes(1, 10),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("four clean runs are too few to judge", passes(1, 4),
                        HealthState.NEW, List.of()),
                Arguments.of("one pass on retry alone is not flaky: the definition asks for two failures",
                        concat(passes(1, 5), all(retryPass(6)), passes(7, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a second failure in the window with that proof makes it flaky",
                        concat(passes(1, 5), all(retryPass(6)), passes(7, 20), all(fail(21), pass(22))),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("one pass on retry after an INFRA failure proves nothing about the test",
                        concat(passes(1, 5), all(retryPass(6).cause(Category.INFRA, "00000000000000ee")),
                                passes(7, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("one re-run passing on the commit its first attempt failed on is not flaky alone",
                        concat(passes(1, 5), all(fail(6), pass(6).attempt(2)), passes(7, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("one same-commit disagreement blamed on INFRA proves nothing about the test",
                        concat(passes(1, 5), all(fail(6).cause(Category.INFRA, "00000000000000ee"),
                                pass(6).attempt(2)), passes(7, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a same-commit disagreement in an outage run is no evidence",
                        concat(passes(1, 5), all(fail(6).outage(), pass(6).attempt(2)), passes(7, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a regression and its fix across different commits are not flaky",
                        concat(passes(1, 5), all(fail(6), fail(7)), passes(8, 12)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a regression broken for three runs, then fixed: broken, never flaky",
                        concat(passes(1, 5), failures(6, 8), passes(9, 20)),
                        HealthState.FIXED, List.of("new -> healthy", "healthy -> broken", "broken -> healthy",
                                "healthy -> fixed")),
                Arguments.of("a flaky test whose one proof is older than the regression is broken, not flaky",
                        concat(passes(1, 5), all(retryPass(6)), passes(7, 15), failures(16, 19)),
                        HealthState.BROKEN, List.of("new -> healthy", "healthy -> flaky", "flaky -> broken")),
                Arguments.of("two passes on retry are flaky",
                        concat(passes(1, 5), all(retryPass(6)), passes(7, 8), all(retryPass(9), pass(10))),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("a pass on retry and a failure on another commit are flaky",
                        concat(passes(1, 5), all(retryPass(6), pass(7), fail(8)), passes(9, 10)),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("a pass and a failure on one commit across runs are flaky",
                        concat(passes(1, 5), all(fail(6).commit("c5"), pass(7), pass(8), fail(9), pass(10))),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("a re-run of a failed job passing on its commit is flaky",
                        concat(passes(1, 5), all(fail(6), pass(6).attempt(2), pass(7), error(8), pass(9))),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("failures coming and going across different commits are not flaky by that alone",
                        concat(passes(1, 4), all(fail(5).cause(Category.TIMEOUT, "00000000000000aa"), pass(6),
                                fail(7).cause(Category.SELECTOR_ISSUE, "00000000000000bb"), pass(8),
                                fail(9).cause(Category.ASSERTION_FAIL, "00000000000000cc"), pass(10))),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("one root cause coming and going three times on main is flaky",
                        concat(passes(1, 4), all(timeout(5), pass(6), timeout(7), timeout(8), pass(9), timeout(10),
                                pass(11))),
                        HealthState.FLAKY, List.of("new -> healthy", "healthy -> flaky")),
                Arguments.of("twice is not yet recurring",
                        concat(passes(1, 4), all(timeout(5), pass(6), timeout(7), pass(8)), passes(9, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("an episode of three failing runs is no short recurrence (nor, after two earlier"
                                + " failures, long enough to be broken)",
                        concat(passes(1, 4), all(timeout(5), pass(6), timeout(7), pass(8), timeout(9), timeout(10),
                                timeout(11), pass(12))),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("an episode still failing does not count yet",
                        concat(passes(1, 4), all(timeout(5), pass(6), timeout(7), pass(8), timeout(9))),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a pull request fixing and re-breaking its change is not flaky",
                        concat(passes(1, 4), onBranch("feature/pay", all(timeout(5), pass(6), timeout(7), pass(8),
                                timeout(9), pass(10)))),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("three failing runs on main since a commit are broken",
                        concat(passes(1, 7), failures(8, 10)),
                        HealthState.BROKEN, List.of("new -> healthy", "healthy -> broken")),
                Arguments.of("two failing runs are not a regression yet",
                        concat(passes(1, 8), failures(9, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("a test added late is new for its first four runs", passes(50, 53),
                        HealthState.NEW, List.of()),
                Arguments.of("a test added late and flaky is flaky before it has five runs",
                        concat(all(retryPass(50), fail(51)), passes(52, 53)),
                        HealthState.FLAKY, List.of("new -> flaky")),
                Arguments.of("a test added broken is broken after three runs, however new",
                        failures(1, 3),
                        HealthState.BROKEN, List.of("new -> broken")),
                Arguments.of("a regression only on a pull-request branch leaves the default branch healthy",
                        concat(passes(1, 10), onBranch("feature/cart", failures(11, 16)), passes(17, 18)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("failures in outage runs count for nothing",
                        concat(passes(1, 6), all(fail(7).outage(), fail(8).outage(), fail(9).outage()),
                                passes(10, 12)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("passes on retry in outage runs are no flaky evidence",
                        concat(passes(1, 6), all(retryPass(7).outage(), retryPass(8).outage()), passes(9, 10)),
                        HealthState.HEALTHY, List.of("new -> healthy")),
                Arguments.of("skipped executions count for nothing",
                        IntStream.rangeClosed(1, 10).mapToObj(n -> skip(n).build()).toList(),
                        HealthState.NEW, List.of()),
                Arguments.of("skips between failures do not break a streak",
                        concat(passes(1, 7), all(fail(8), skip(9), fail(10), skip(11), fail(12))),
                        HealthState.BROKEN, List.of("new -> healthy", "healthy -> broken")),
                Arguments.of("on master when the project has no main",
                        onBranch("master", concat(passes(1, 7), failures(8, 10))),
                        HealthState.BROKEN, List.of("new -> healthy", "healthy -> broken")),
                Arguments.of("broken, then a pass: healthy again, recovering",
                        concat(passes(1, 7), failures(8, 10), passes(11, 15)),
                        HealthState.HEALTHY, List.of("new -> healthy", "healthy -> broken", "broken -> healthy")),
                Arguments.of("broken, then ten clean runs: fixed",
                        concat(passes(1, 7), failures(8, 10), passes(11, 20)),
                        HealthState.FIXED,
                        List.of("new -> healthy", "healthy -> broken", "broken -> healthy", "healthy -> fixed")),
                Arguments.of("flaky, then a clean window: fixed",
                        concat(passes(1, 5), all(retryPass(6), fail(7)), passes(8, 37)),
                        HealthState.FIXED, List.of("new -> healthy", "healthy -> flaky", "flaky -> fixed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void historyEndsInState(String name, List<Execution> history, HealthState expected, List<String> path) {
        Replay replay = Replay.of(judge, history);

        assertThat(replay.state()).isEqualTo(expected);
        assertThat(replay.path()).isEqualTo(path);
    }
}
