package dev.feedbackloop.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IssuePlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    private final IssuePlanner planner = new IssuePlanner(Redactor.standard());

    @Test
    void aScenarioWithoutAnIssueGetsOneCarryingItsMarkerLabelAndCommit() {
        List<IssueAction> plan = planner.plan(List.of(scenario("a", "login.spec.ts", "abc1234", 3)), List.of(),
                noComments());

        assertThat(plan).singleElement().isInstanceOfSatisfying(IssueAction.Create.class, c -> {
            assertThat(c.title()).isEqualTo("Wait for the button a (scenario aaaaaaaa)");
            assertThat(c.labels()).containsExactly("feedback-loop");
            assertThat(c.body()).contains("<!-- feedback-loop:scenario=" + fp("a").value() + " -->",
                    "<!-- feedback-loop:commit=abc1234 -->", "<!-- feedback-loop:group=");
            assertThat(c.describe()).isEqualTo("create  \"Wait for the button a (scenario aaaaaaaa)\" (scenario "
                    + fp("a").value() + ")");
        });
    }

    @Test
    void planningAgainstTheIssuesItMadePlansNothing() {
        List<TrackedScenario> scenarios = List.of(scenario("a", "login.spec.ts", "abc1234", 3),
                scenario("b", "login.spec.ts", "abc1234", 5), scenario("c", "cart.spec.ts", null, 1));
        List<TrackedIssue> made = created(planner.plan(scenarios, List.of(), noComments()));

        assertThat(made).hasSize(2);
        assertThat(planner.plan(scenarios, made, n -> {
            throw new AssertionError("comments read though the body marks every commit");
        })).isEmpty();
    }

    @Test
    void scenariosOfOneTestFileShareOneIssueAndALaterOneJoinsIt() {
        List<IssueAction> plan = planner.plan(List.of(scenario("a", "login.spec.ts", "abc1234", 3),
                scenario("b", "login.spec.ts", "abc1234", 5)), List.of(), noComments());

        assertThat(plan).singleElement().isInstanceOfSatisfying(IssueAction.Create.class, c -> {
            assertThat(c.title()).isEqualTo("2 failure scenarios in login.spec.ts");
            assertThat(Markers.scenarios(c.body())).containsExactly(fp("a"), fp("b"));
        });

        List<TrackedIssue> one = created(planner.plan(List.of(scenario("a", "login.spec.ts", "abc1234", 3)),
                List.of(), noComments()));
        List<IssueAction> joined = planner.plan(List.of(scenario("a", "login.spec.ts", "abc1234", 3),
                scenario("b", "login.spec.ts", "abc1234", 5)), one, noComments());
        assertThat(joined).singleElement().isInstanceOfSatisfying(IssueAction.Update.class, u -> {
            assertThat(u.number()).isEqualTo(1);
            assertThat(u.titleChanged()).isTrue();
            assertThat(Markers.scenarios(u.body())).containsExactly(fp("a"), fp("b"));
        });
    }

    @Test
    void aNewCommitGetsOneCommentAndACommentedCommitNone() {
        List<TrackedIssue> made = created(planner.plan(List.of(scenario("a", "x.spec.ts", "abc1234", 3)), List.of(),
                noComments()));
        TrackedScenario again = scenario("a", "x.spec.ts", "def5678", 4);

        List<IssueAction> plan = planner.plan(List.of(again), made, noComments());
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).isInstanceOf(IssueAction.Update.class);
        assertThat(plan.get(1)).isInstanceOfSatisfying(IssueAction.Comment.class, c -> {
            assertThat(c.commit()).isEqualTo("def5678");
            assertThat(c.body()).contains("Seen again at commit `def5678`", "4 occurrences in 4 runs",
                    "<!-- feedback-loop:commit=def5678 -->");
        });

        String comment = ((IssueAction.Comment) plan.get(1)).body();
        TrackedIssue updated = withBody(made.get(0), ((IssueAction.Update) plan.get(0)).body());
        assertThat(planner.plan(List.of(again), List.of(updated), n -> Markers.commits(comment))).isEmpty();
    }

    @Test
    void aQuietIssueGetsNoCommentButStaysUpToDate() {
        TrackedIssue made = created(planner.plan(List.of(scenario("a", "x.spec.ts", "abc1234", 3)), List.of(),
                noComments())).get(0);
        TrackedIssue quiet = new TrackedIssue(1, made.title(), IssueState.OPEN, Optional.empty(),
                Set.of("feedback-loop", "Quiet"), made.body());

        assertThat(planner.plan(List.of(scenario("a", "x.spec.ts", "def5678", 4)), List.of(quiet), n -> {
            throw new AssertionError("comments of a quiet issue are not read");
        })).singleElement().isInstanceOf(IssueAction.Update.class);
    }

    @Test
    void aClosedIssueRecurringWithinTenDaysIsReopenedAndLaterFollowedByANewOne() {
        TrackedIssue made = created(planner.plan(List.of(scenario("a", "x.spec.ts", "abc1234", 3)), List.of(),
                noComments())).get(0);
        Instant closedAt = NOW.minus(Duration.ofDays(12));
        TrackedIssue closed = new TrackedIssue(1, made.title(), IssueState.CLOSED, Optional.of(closedAt), made.labels(),
                made.body());

        List<IssueAction> soon = planner.plan(List.of(scenario("a", "x.spec.ts", "def5678", 4,
                closedAt.plus(Duration.ofDays(3)))), List.of(closed), noComments());
        assertThat(soon).hasSize(2);
        assertThat(soon.get(0)).isInstanceOfSatisfying(IssueAction.Reopen.class, r -> {
            assertThat(r.number()).isEqualTo(1);
            assertThat(r.describe()).contains("reopen  #1", "recurred 3 days after it was closed");
        });
        assertThat(soon.get(1)).isInstanceOf(IssueAction.Comment.class);

        List<IssueAction> late = planner.plan(List.of(scenario("a", "x.spec.ts", "def5678", 4, NOW)),
                List.of(closed), noComments());
        assertThat(late).singleElement().isInstanceOfSatisfying(IssueAction.Create.class, c -> {
            assertThat(c.follows()).contains(1);
            assertThat(c.body()).startsWith("Follows #1").contains(Markers.scenarios(made.body()).iterator().next()
                    .value());
        });

        TrackedIssue follower = created(late, 2).get(0);
        assertThat(planner.plan(List.of(scenario("a", "x.spec.ts", "def5678", 4, NOW)), List.of(closed, follower),
                noComments())).as("the new issue is current; the old one is not looked at again").isEmpty();
        assertThat(planner.plan(List.of(scenario("a", "x.spec.ts", "abc1234", 3, closedAt.minusSeconds(60))),
                List.of(closed), noComments())).as("closed and not seen since").isEmpty();
    }

    @Test
    void titlesAreRedactedAndBounded() {
        TrackedScenario secret = new TrackedScenario(fp("a"), "a".repeat(64),
                "Use token ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + " \n and " + "x".repeat(300), "report\n",
                Optional.empty(), NOW, Optional.empty(), 1, 1);

        IssueAction.Create c = (IssueAction.Create) planner.plan(List.of(secret), List.of(), noComments()).get(0);
        assertThat(c.title()).doesNotContain("ghp_A1b2").doesNotContain("\n").hasSizeLessThanOrEqualTo(256)
                .contains("[REDACTED");
    }

    @Test
    void aSecretInATestFileNameReachesNeitherTheTitleNorTheBodyNorAComment() {
        String file = "tests/login-ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8.spec.ts";
        List<TrackedScenario> both = List.of(scenario("a", file, "abc1234", 1), scenario("b", file, "abc1234", 1));
        IssueAction.Create c = (IssueAction.Create) planner.plan(both, List.of(), noComments()).get(0);
        TrackedIssue made = created(List.of(c)).get(0);
        List<IssueAction> later = planner.plan(List.of(scenario("a", file, "def5678", 2),
                scenario("b", file, "def5678", 2)), List.of(made), noComments());

        assertThat(later).hasSize(2);
        assertThat(c.title() + c.body() + later.get(1).describe() + ((IssueAction.Comment) later.get(1)).body())
                .doesNotContain("A1b2C3d4").contains("REDACTED");
    }

    @Test
    void aBodyOverGitHubsLimitShortensLaterReportsAndKeepsEveryMarker() {
        String big = "x".repeat(40_000);
        List<TrackedScenario> scenarios = List.of(scenario("a", "x.spec.ts", null, 1, NOW, big),
                scenario("b", "x.spec.ts", null, 1, NOW, big));

        IssueAction.Create c = (IssueAction.Create) planner.plan(scenarios, List.of(), noComments()).get(0);
        assertThat(c.body().length()).isLessThan(65_536);
        assertThat(Markers.scenarios(c.body())).containsExactly(fp("a"), fp("b"));
        assertThat(c.body()).contains("feedback recommendation show bbbbbbbbbbbb");
    }

    // --- fixtures

    private static java.util.function.Function<Integer, Set<String>> noComments() {
        return n -> Set.of();
    }

    private static Fingerprint fp(String letter) {
        return new Fingerprint(letter.repeat(16));
    }

    private static TrackedScenario scenario(String letter, String file, String commit, long occurrences) {
        return scenario(letter, file, commit, occurrences, NOW.minusSeconds(3600));
    }

    private static TrackedScenario scenario(String letter, String file, String commit, long occurrences,
                                            Instant lastSeen) {
        return scenario(letter, file, commit, occurrences, lastSeen, "");
    }

    private static TrackedScenario scenario(String letter, String file, String commit, long occurrences,
                                            Instant lastSeen, String extra) {
        String report = "## Report " + letter + " seen " + occurrences + " times\n" + extra + "\n"
                + "<!-- feedback-loop:scenario=" + fp(letter).value() + " -->\n";
        return new TrackedScenario(fp(letter), letter.repeat(64), "Wait for the button " + letter, report,
                Optional.ofNullable(file), lastSeen, Optional.ofNullable(commit), occurrences, occurrences);
    }

    /** The issues the plan's creates make, numbered from 1, as the tracker lists them. */
    private static List<TrackedIssue> created(List<IssueAction> plan) {
        return created(plan, 1);
    }

    private static List<TrackedIssue> created(List<IssueAction> plan, int first) {
        int[] number = {first};
        return plan.stream().filter(IssueAction.Create.class::isInstance).map(IssueAction.Create.class::cast)
                .map(c -> new TrackedIssue(number[0]++, c.title(), IssueState.OPEN, Optional.empty(),
                        Set.copyOf(c.labels()), c.body())).toList();
    }

    private static TrackedIssue withBody(TrackedIssue issue, String body) {
        return new TrackedIssue(issue.number(), issue.title(), issue.state(), issue.closedAt(), issue.labels(), body);
    }

}
