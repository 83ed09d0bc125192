package dev.feedbackloop.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.tracker.IssueState;
import dev.feedbackloop.tracker.IssueTracker;
import dev.feedbackloop.tracker.IssueTrackerException;
import dev.feedbackloop.tracker.TrackedIssue;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's issues as an {@link IssueTracker}, over its REST API (version 2022-11-28): lists issues by label (all
 * states, pages followed by their {@code Link} header, pull requests skipped), reads comments, creates, edits and
 * comments. Writes are paced to at most {@link Settings#writesPerMinute()} a minute; a 403 or 429 that is a rate limit
 * ({@code retry-after}, or {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}, or a "secondary rate
 * limit" message) is waited out up to {@link Settings#maxWait()} per wait and {@link Settings#maxWaits()} waits per
 * request, then fails naming when to try again. Other refusals (401, 403, 404, 410, 422) fail with what was refused,
 * for which repository. Not thread-safe: one sync writes serially, as GitHub asks.
 */
public final class GitHubIssueTracker implements IssueTracker, AutoCloseable {

    /** GitHub's public API. */
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int PER_PAGE = 100;
    /** Pages read per listing: 100 pages of 100 is far above the issues one project files. */
    private static final int MAX_PAGES = 100;
    /** GitHub asks clients to wait at least a minute after a secondary rate limit that names no time. */
    private static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

    /**
     * Limits and timeouts.
     *
     * @param writesPerMinute writes sent in any minute, at most (GitHub: 80)
     * @param maxWait         the longest single wait for a rate limit; a longer one fails at once
     * @param maxWaits        rate-limit waits per request before giving up
     */
    public record Settings(int writesPerMinute, Duration maxWait, int maxWaits, Duration connectTimeout,
                           Duration readTimeout) {

        public Settings {
            if (writesPerMinute < 1 || maxWaits < 0) {
                throw new IllegalArgumentException("writes per minute must be at least 1 and waits at least 0, were "
                        + writesPerMinute + " and " + maxWaits);
            }
            Objects.requireNonNull(maxWait, "maxWait");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
        }

        public static Settings defaults() {
            return new Settings(80, Duration.ofMinutes(2), 3, Duration.ofSeconds(10), Duration.ofSeconds(30));
        }
    }

    private final GitHubRepository repository;
    private final URI api;
    private final Supplier<Optional<String>> token;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Settings settings;
    private final WritePacer pacer;
    private final GitHubHttp http;

    /**
     * @param api   the API's base URL ({@link #PUBLIC_API}, or {@code https://HOST/api/v3} for GitHub Enterprise)
     * @param token the token, asked once per request; empty sends none (reading a public repository)
     */
    public GitHubIssueTracker(GitHubRepository repository, URI api, Supplier<Optional<String>> token, Clock clock,
                              Sleeper sleeper, Settings settings) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.api = URI.create(Objects.requireNonNull(api, "api").toString().replaceAll("/+$", ""));
        if (!"https".equals(this.api.getScheme()) && !"http".equals(this.api.getScheme())) {
            throw new IllegalArgumentException("GitHub API URL must be http(s), was '" + api + "'");
        }
        this.token = Objects.requireNonNull(token, "token");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pacer = new WritePacer(settings.writesPerMinute(), clock, sleeper);
        this.http = new GitHubHttp(settings.connectTimeout(), settings.readTimeout());
    }

    @Override
    public String repository() {
        return repository.toString();
    }

    @Override
    public List<TrackedIssue> labelled(String label) {
        List<TrackedIssue> issues = new ArrayList<>();
        for (JsonNode issue : pages(repoUri("/issues?labels=" + URLEncoder.encode(label, StandardCharsets.UTF_8)
                + "&state=all&per_page=" + PER_PAGE))) {
            if (!issue.has("pull_request")) {
                issues.add(issue(issue));
            }
        }
        return issues;
    }

    @Override
    public List<String> comments(int number) {
        return pages(repoUri("/issues/" + number + "/comments?per_page=" + PER_PAGE)).stream()
                .map(c -> c.path("body").asText("")).toList();
    }

    @Override
    public int create(String title, String body, List<String> labels) {
        ObjectNode json = JSON.createObjectNode().put("title", title).put("body", body);
        labels.forEach(json.putArray("labels")::add);
        JsonNode created = json(send("POST", repoUri("/issues"), Optional.of(json)));
        int number = created.path("number").asInt(0);
        if (number < 1) {
            throw new IssueTrackerException("GitHub created an issue in " + repository + " but named no number");
        }
        return number;
    }

    @Override
    public void edit(int number, Optional<String> title, Optional<String> body, Optional<IssueState> state) {
        ObjectNode json = JSON.createObjectNode();
        title.ifPresent(t -> json.put("title", t));
        body.ifPresent(b -> json.put("body", b));
        state.ifPresent(s -> json.put("state", s == IssueState.OPEN ? "open" : "closed"));
        if (!json.isEmpty()) {
            send("PATCH", repoUri("/issues/" + number), Optional.of(json));
        }
    }

    @Override
    public void comment(int number, String body) {
        send("POST", repoUri("/issues/" + number + "/comments"), Optional.of(JSON.createObjectNode().put("body",
                body)));
    }

    @Override
    public void close() {
        http.close();
    }

    private List<JsonNode> pages(URI first) {
        List<JsonNode> items = new ArrayList<>();
        Optional<URI> next = Optional.of(first);
        for (int page = 0; next.isPresent(); page++) {
            if (page == MAX_PAGES) {
                throw new IssueTrackerException("more than " + MAX_PAGES + " pages listing " + first.getPath()
                        + " of " + repository + "; stopped");
            }
            GitHubHttp.Response response = send("GET", next.get(), Optional.empty());
            JsonNode array = json(response);
            if (!array.isArray()) {
                throw new IssueTrackerException("GitHub answered " + first.getPath() + " of " + repository
                        + " with no list");
            }
            array.forEach(items::add);
            next = nextPage(response);
        }
        return items;
    }

    /** The next page's URL, followed only on the API's own origin so that the token goes nowhere else. */
    private Optional<URI> nextPage(GitHubHttp.Response response) {
        Optional<URI> next = response.header("link").map(NEXT::matcher).filter(Matcher::find)
                .map(m -> URI.create(m.group(1)));
        next.ifPresent(uri -> {
            if (!Objects.equals(uri.getScheme(), api.getScheme()) || !Objects.equals(uri.getHost(), api.getHost())
                    || uri.getPort() != api.getPort()) {
                throw new IssueTrackerException("GitHub's next page for " + repository + " is on another origin ("
                        + uri.getHost() + "); not followed");
            }
        });
        return next;
    }

    private GitHubHttp.Response send(String method, URI uri, Optional<JsonNode> body) {
        boolean write = !method.equals("GET");
        for (int waits = 0; ; waits++) {
            if (write) {
                pacer.beforeWrite();
            }
            GitHubHttp.Response response = exchange(method, uri, body);
            Optional<Duration> wait = RateLimit.waitFor(response, clock, SECONDARY_WAIT);
            if (wait.isEmpty()) {
                if (!response.ok()) {
                    throw new IssueTrackerException(Refusal.message(response, method, uri, repository));
                }
                return response;
            }
            if (waits >= settings.maxWaits() || wait.get().compareTo(settings.maxWait()) > 0) {
                throw new IssueTrackerException("GitHub rate limit for " + repository + " (" + response.status()
                        + " on " + method + " " + uri.getPath() + "): asked to wait " + wait.get().toSeconds()
                        + " s" + (waits > 0 ? " after " + waits + " waits" : "") + ", more than this sync waits ("
                        + settings.maxWait().toSeconds() + " s, " + settings.maxWaits() + " times); run it again after "
                        + clock.instant().plus(wait.get()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
            WritePacer.sleep(sleeper, wait.get());
        }
    }

    private GitHubHttp.Response exchange(String method, URI uri, Optional<JsonNode> body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        token.get().filter(t -> !t.isBlank()).ifPresent(t -> headers.put("Authorization", "Bearer " + t.strip()));
        try {
            return http.exchange(method, uri, headers, body.map(GitHubIssueTracker::bytes));
        } catch (ProcessingException e) {
            throw new IssueTrackerException("could not reach " + uri.getHost() + " for " + repository + " ("
                    + method + " " + uri.getPath() + "): " + rootMessage(e), e);
        }
    }

    private URI repoUri(String pathAndQuery) {
        return URI.create(api + "/repos/" + repository.owner() + "/" + repository.name() + pathAndQuery);
    }

    private TrackedIssue issue(JsonNode issue) {
        IssueState state = "closed".equals(issue.path("state").asText()) ? IssueState.CLOSED : IssueState.OPEN;
        Set<String> labels = new LinkedHashSet<>();
        issue.path("labels").forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText("")));
        return new TrackedIssue(issue.path("number").asInt(), issue.path("title").asText(""), state,
                instant(issue.path("closed_at")), labels, issue.path("body").asText(""));
    }

    private Optional<Instant> instant(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            throw new IssueTrackerException("GitHub gave an unreadable time '" + value.asText() + "' for an issue of "
                    + repository, e);
        }
    }

    private JsonNode json(GitHubHttp.Response response) {
        try {
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IssueTrackerException("GitHub answered " + repository + " with something other than JSON", e);
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
