package dev.feedbackloop.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.testing.FakeGitHub;
import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.tracker.IssueState;
import dev.feedbackloop.tracker.IssueTrackerException;
import dev.feedbackloop.tracker.TrackedIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GitHub adapter against a local server speaking GitHub's REST wire format. */
class GitHubIssueTrackerTest {

    private static final String TOKEN = "ghp_test_token_for_the_fake_server";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T10:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();
    private final FakeGitHub github = new FakeGitHub("acme/web", TOKEN, clock);
    private final GitHubIssueTracker tracker = tracker("acme/web", TOKEN);

    @AfterEach
    void stop() {
        tracker.close();
        github.close();
    }

    @Test
    void listsLabelledIssuesOfEveryStateAcrossLinkPagesWithoutPullRequests() {
        github.pageSize(2);
        for (int i = 1; i <= 5; i++) {
            github.add("issue " + i, "body " + i, i == 2 ? "closed" : "open", Set.of("feedback-loop"));
        }
        github.add("someone else's", "", "open", Set.of("bug"));
        github.addPullRequest("a labelled pull request", Set.of("feedback-loop"));

        List<TrackedIssue> issues = tracker.labelled("feedback-loop");

        assertThat(issues).extracting(TrackedIssue::number).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(issues).filteredOn(i -> i.number() == 2).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(IssueState.CLOSED);
            assertThat(i.closedAt()).contains(clock.instant());
        });
        List<FakeGitHub.Request> gets = github.requests();
        assertThat(gets).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/repos/acme/web/issues");
            assertThat(r.query()).contains("labels=feedback-loop", "state=all", "per_page=100");
            assertThat(r.headers()).containsEntry("accept", "application/vnd.github+json")
                    .containsEntry("x-github-api-version", "2022-11-28")
                    .containsEntry("authorization", "Bearer " + TOKEN);
        });
    }

    @Test
    void createsEditsAndCommentsAsGitHubStoresThem() {
        int number = tracker.create("A title", "A body <!-- feedback-loop:scenario=0123456789abcdef -->",
                List.of("feedback-loop"));
        tracker.comment(number, "first");
        tracker.edit(number, Optional.empty(), Optional.of("new body"), Optional.of(IssueState.CLOSED));

        assertThat(tracker.labelled("feedback-loop")).singleElement().satisfies(i -> {
            assertThat(i.number()).isEqualTo(number);
            assertThat(i.title()).isEqualTo("A title");
            assertThat(i.body()).isEqualTo("new body");
            assertThat(i.state()).isEqualTo(IssueState.CLOSED);
        });
        assertThat(tracker.comments(number)).containsExactly("first");
        assertThat(github.requests()).extracting(FakeGitHub.Request::method)
                .containsExactly("POST", "POST", "PATCH", "GET", "GET");
    }

    @Test
    void aSecondaryRateLimitWithRetryAfterIsWaitedOutOnTheInjectedSleeper() {
        github.failNext(403, Map.of("retry-after", "30"), "{\"message\":\"You have exceeded a secondary rate limit."
                + " Please wait a few minutes before you try again.\"}");

        int number = tracker.create("A title", "body", List.of("feedback-loop"));

        assertThat(number).isEqualTo(1);
        assertThat(slept).containsExactly(Duration.ofSeconds(30));
        assertThat(github.issues()).hasSize(1);
    }

    @Test
    void aSecondaryRateLimitNamingNoTimeWaitsAMinute() {
        github.failNext(403, Map.of(), "{\"message\":\"You have exceeded a secondary rate limit.\"}");

        tracker.comment(tracker.create("A title", "body", List.of()), "hello");

        assertThat(slept).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void anExhaustedRateLimitResettingTooLateFailsSayingWhenToRetry() {
        long reset = clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        github.failNext(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)),
                "{\"message\":\"API rate limit exceeded\"}");

        assertThatThrownBy(() -> tracker.labelled("feedback-loop")).isInstanceOf(IssueTrackerException.class)
                .hasMessageContaining("GitHub rate limit for acme/web (403 on GET /repos/acme/web/issues)")
                .hasMessageContaining("asked to wait 3601 s").hasMessageContaining("run it again after 2026-03-20T11:00:01Z");
        assertThat(slept).isEmpty();
    }

    @Test
    void anExhaustedRateLimitResettingSoonIsWaitedOut() {
        long reset = clock.instant().plusSeconds(20).getEpochSecond();
        github.failNext(429, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)), "{}");

        assertThat(tracker.labelled("feedback-loop")).isEmpty();
        assertThat(slept).containsExactly(Duration.ofSeconds(21));
    }

    @Test
    void rateLimitsThatKeepComingGiveUpAfterTheBoundedWaits() {
        for (int i = 0; i < 4; i++) {
            github.failNext(429, Map.of("retry-after", "5"), "{\"message\":\"slow down\"}");
        }

        assertThatThrownBy(() -> tracker.create("A title", "body", List.of())).isInstanceOf(
                IssueTrackerException.class).hasMessageContaining("after 3 waits");
        assertThat(slept).hasSize(3);
        assertThat(github.issues()).isEmpty();
    }

    @Test
    void writesArePacedToEightyAMinute() {
        for (int i = 0; i < 81; i++) {
            tracker.comment(1 + 0 * github.add("t", "b", "open", Set.of()), "c" + i);
        }

        assertThat(slept).as("the 81st write waits for the first to leave the minute")
                .containsExactly(Duration.ofMinutes(1));
        assertThat(github.comments(1)).hasSize(81);
    }

    @Test
    void aBadTokenIsRefusedNamingTheRepository() {
        try (GitHubIssueTracker wrong = tracker("acme/web", "not-the-token")) {
            assertThatThrownBy(() -> wrong.labelled("feedback-loop")).isInstanceOf(IssueTrackerException.class)
                    .hasMessage("GitHub refused the token for acme/web (401 on GET /repos/acme/web/issues: Bad"
                            + " credentials): check that the token is set, valid and not expired")
                    .hasMessageNotContaining("not-the-token");
        }
    }

    @Test
    void anUnknownRepositoryIsNamed() {
        try (GitHubIssueTracker other = tracker("acme/other", TOKEN)) {
            assertThatThrownBy(() -> other.labelled("feedback-loop")).isInstanceOf(IssueTrackerException.class)
                    .hasMessageStartingWith("GitHub has no repository acme/other, or the token cannot see it (404 on"
                            + " GET /repos/acme/other/issues: Not Found)");
        }
    }

    @Test
    void anInvalidIssueIsRefusedWithGitHubsReason() {
        assertThatThrownBy(() -> tracker.create("x".repeat(300), "body", List.of()))
                .isInstanceOf(IssueTrackerException.class)
                .hasMessageContaining("GitHub refused POST /repos/acme/web/issues for acme/web as invalid (422:"
                        + " Validation Failed; title is too long (maximum is 256 characters))");
    }

    @Test
    void anUnreachableServerIsNamed() {
        github.close();
        assertThatThrownBy(() -> tracker.labelled("feedback-loop")).isInstanceOf(IssueTrackerException.class)
                .hasMessageContaining("could not reach 127.0.0.1 for acme/web");
    }

    @Test
    void repositoryNamesAreChecked() {
        assertThat(GitHubRepository.parse("acme/web.site").toString()).isEqualTo("acme/web.site");
        assertThatThrownBy(() -> GitHubRepository.parse("acme")).hasMessageContaining("owner/name, was 'acme'");
        assertThatThrownBy(() -> GitHubRepository.parse("acme/we b")).hasMessageContaining("'we b'");
        assertThatThrownBy(() -> GitHubRepository.parse("-x-/..")).hasMessageContaining("'-x-'");
    }

    private GitHubIssueTracker tracker(String repository, String token) {
        return new GitHubIssueTracker(GitHubRepository.parse(repository), github.url(), () -> Optional.of(token),
                clock, d -> {
                    slept.add(d);
                    clock.advance(d);
                }, GitHubIssueTracker.Settings.defaults());
    }
}
