package dev.feedbackloop.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationJson;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.TestEntry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read API's routes, independent of any server: the local {@code feedback serve} and a deployed function hand
 * it the request as sent and send back what it answers. Every route is under one project and is authorised for that
 * project before anything is read, so an unauthorised caller learns nothing, not even whether the project exists;
 * no route lists projects.
 *
 * <pre>
 * GET /api/v1/projects/{project}/scenarios?limit=N&amp;cursor=C&amp;tests=N&amp;runs=N  scenarios, most occurrences first
 * GET /api/v1/projects/{project}/scenarios/{fingerprint}?analyses=N  one scenario, its tests, runs,
 *                                                             recommendations (with diffs) and newest fix analyses
 * GET /api/v1/projects/{project}/runs?limit=N&amp;cursor=C        runs, newest first
 * GET /api/v1/projects/{project}/runs/{runId}?attempt=N       a run and what it changed (new vs known failures),
 *                                                              and the screenshots and traces stored for it
 * GET /api/v1/projects/{project}/runs/{runId}/summary?attempt=N  its summary in Markdown (text/markdown)
 * GET /api/v1/projects/{project}/tests?limit=N&amp;cursor=C       tests' health, by test id
 * GET /api/v1/projects/{project}/tests/{testId}/timeline      one test's health timeline, oldest first
 * GET /api/v1/projects/{project}/quarantine?format=F          the tests quarantined now (json, or text/plain in
 *                                                             playwright-grep, pytest-deselect, surefire-excludes)
 * GET /api/v1/projects/{project}/recommendations?status=S&amp;limit=N  recommendations, highest priority first
 * GET /api/v1/projects/{project}/recommendations/{id}         one, with its coding-agent prompt and diff
 * GET /api/v1/projects/{project}/metrics?days=N               daily metrics rows, newest first
 * GET /projects/{project}/dashboard                           the dashboard page (HTML)
 * </pre>
 *
 * Lists answer {@code {"items": [...], "next": cursor|null}}; those the store cannot page in their order
 * (quarantine, timeline, recommendations, metrics) answer every item within their bound, {@code next} null. Each
 * request is authorised by {@link ReadAccess}: the project's read token or a request signed with its secret. The
 * dashboard also takes the token as {@code ?token=} so a browser can open it from a link.
 */
public final class ReadApi {

    static final int DEFAULT_LIMIT = 50;
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3650;
    /** A scenario's fix analyses shown by default, newest first, and at most (each holds up to two model calls). */
    static final int ANALYSES_LISTED = 10;
    static final int MAX_ANALYSES = 50;
    private static final Pattern RECOMMENDATION_ID = Pattern.compile("[0-9a-f]{6,64}");

    private final ProjectReads reads;
    private final ReadAccess access;

    public ReadApi(ProjectReads reads, ReadAccess access) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.access = Objects.requireNonNull(access, "access");
    }

    /** Read tokens only. */
    public ReadApi(ProjectReads reads, ReadTokens tokens) {
        this(reads, ReadAccess.tokens(tokens));
    }

    /** The answer to {@code request}: never throws for anything a client sent. */
    public ReadResponse handle(ReadRequest request) {
        try {
            return route(request);
        } catch (ReadProblem problem) {
            return new ReadResponse(problem.status(), ReadResponse.PROBLEM, ViewJson.problem(problem,
                    request.rawPath()));
        } catch (IllegalArgumentException invalid) { // a value the domain refused: its message says which
            ReadProblem problem = ReadProblem.badRequest(invalid.getMessage());
            return new ReadResponse(400, ReadResponse.PROBLEM, ViewJson.problem(problem, request.rawPath()));
        }
    }

    private ReadResponse route(ReadRequest request) {
        List<String> path = segments(request.rawPath());
        Map<String, String> query = query(request.rawQuery());
        boolean api = path.size() >= 5 && path.get(0).equals("api") && path.get(1).equals("v1")
                && path.get(2).equals("projects");
        boolean page = path.size() == 3 && path.get(0).equals("projects") && path.get(2).equals("dashboard");
        if (!api && !page) {
            throw ReadProblem.notFound("no route " + request.rawPath() + "; routes start /api/v1/projects/{project}/");
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw new ReadProblem(405, "Method not allowed", "the read API answers GET only, not "
                    + request.method());
        }
        String project = path.get(api ? 3 : 1);
        try {
            RunKey.requireProjectKey(project);
        } catch (IllegalArgumentException e) {
            throw ReadProblem.badRequest(e.getMessage());
        }
        ReadRequest authorised = request;
        if (page && request.authorization().isEmpty() && query.containsKey("token")) {
            authorised = new ReadRequest(request.method(), request.rawPath(), request.rawQuery(),
                    Optional.of("Bearer " + query.get("token")));
        }
        access.authorise(project, authorised);
        return page ? new ReadResponse(200, ReadResponse.HTML, HtmlDashboard.render(reads.dashboard(project,
                limit(query, 20), 20))) : api(project, path.subList(4, path.size()), query);
    }

    private ReadResponse api(String project, List<String> rest, Map<String, String> query) {
        String listing = rest.get(0);
        Optional<String> cursor = Optional.ofNullable(query.get("cursor"));
        return switch (listing + "/" + rest.size()) {
            case "scenarios/1" -> json(ViewJson.page(reads.scenarios(project, limit(query, DEFAULT_LIMIT), cursor,
                    count(query, "tests", ProjectReads.TESTS_LISTED), count(query, "runs", ProjectReads.RUNS_LISTED)),
                    ViewJson::scenario));
            case "scenarios/2" -> scenario(project, new Fingerprint(rest.get(1)), count(query, "analyses",
                    ANALYSES_LISTED, MAX_ANALYSES));
            case "runs/1" -> json(ViewJson.page(reads.runs(project, limit(query, DEFAULT_LIMIT), cursor),
                    ViewJson::run));
            case "runs/2" -> run(project, rest.get(1), query);
            case "runs/3" -> {
                if (!rest.get(2).equals("summary")) {
                    throw noRoute(project, rest);
                }
                yield new ReadResponse(200, ReadResponse.MARKDOWN, MarkdownSummary.render(changes(project,
                        rest.get(1), query)));
            }
            case "tests/1" -> {
                Instant now = reads.now();
                yield json(ViewJson.page(reads.tests(project, limit(query, DEFAULT_LIMIT), cursor),
                        (g, t) -> ViewJson.health(g, t, reads.judge(), now)));
            }
            case "tests/3" -> {
                if (!rest.get(2).equals("timeline")) {
                    throw noRoute(project, rest);
                }
                yield json(ViewJson.page(new Page<>(reads.timeline(project, new TestId(rest.get(1))),
                        Optional.empty()), ViewJson::timelineEntry));
            }
            case "quarantine/1" -> quarantine(project, query);
            case "recommendations/1" -> recommendations(project, query);
            case "recommendations/2" -> recommendation(project, rest.get(1));
            case "metrics/1" -> {
                int days = days(query);
                Map<LocalDate, DailyFigures> figures = reads.figures(project, days);
                yield json(ViewJson.page(new Page<>(reads.metrics(project, days), Optional.empty()),
                        (g, row) -> ViewJson.metrics(g, row, Optional.ofNullable(figures.get(row.day())))));
            }
            default -> throw noRoute(project, rest);
        };
    }

    private static ReadProblem noRoute(String project, List<String> rest) {
        return ReadProblem.notFound("no route under /api/v1/projects/" + project + "/ named "
                + String.join("/", rest) + "; try scenarios, runs, tests, quarantine, recommendations or metrics");
    }

    private ReadResponse scenario(String project, Fingerprint fingerprint, int analysesListed) {
        ScenarioDetails details = reads.scenario(project, fingerprint).orElseThrow(() -> ReadProblem.notFound(
                "project " + project + " has no scenario " + fingerprint));
        List<Recommendation> recommendations = reads.servesRecommendations()
                ? reads.recommendations(project, List.of(RecommendationStatus.values()), 1000).stream()
                .filter(r -> r.scenario().equals(Optional.of(fingerprint))).toList() : List.of();
        List<FixAnalysis> analyses = reads.analyses(project, fingerprint, analysesListed);
        List<StoredAttachment> attachments = reads.attachments(details);
        return json(ViewJson.write(g -> ViewJson.scenario(g, details, more -> {
            more.writeArrayFieldStart("recommendations");
            for (Recommendation r : recommendations) {
                ObjectNode summary = RecommendationJson.summary(r);
                summary.put("diff", diff(r).orElse(null));
                more.writeTree(summary);
            }
            more.writeEndArray();
            FixAnalysisJson.analyses(more, analyses);
            ViewJson.attachments(more, attachments);
        })));
    }

    private ReadResponse run(String project, String runId, Map<String, String> query) {
        RunChanges changes = changes(project, runId, query);
        List<StoredAttachment> attachments = reads.attachments(changes.run().key());
        return json(ViewJson.write(g -> ViewJson.changes(g, changes, attachments)));
    }

    /** The run and what it changed; 404 until the run is stored (after classification, on AWS). */
    private RunChanges changes(String project, String runId, Map<String, String> query) {
        Optional<Integer> attempt = Optional.ofNullable(query.get("attempt")).map(a -> number("attempt", a));
        new RunKey(project, runId, attempt.orElse(1));
        return reads.run(project, runId, attempt).orElseThrow(() -> ReadProblem.notFound("project " + project
                + " has no run " + runId + attempt.map(a -> " attempt " + a).orElse("")));
    }

    private ReadResponse quarantine(String project, Map<String, String> query) {
        QuarantineList.Format format = QuarantineList.Format.parse(query.getOrDefault("format", "json"));
        List<TestEntry> tests = reads.quarantine(project);
        return format == QuarantineList.Format.JSON
                ? json(ViewJson.page(new Page<>(tests, Optional.empty()), ViewJson::quarantined))
                : new ReadResponse(200, ReadResponse.TEXT, QuarantineList.text(tests, format));
    }

    private ReadResponse recommendations(String project, Map<String, String> query) {
        List<RecommendationStatus> statuses = Optional.ofNullable(query.get("status"))
                .map(s -> List.of(RecommendationStatus.parse(s)))
                .orElseGet(() -> List.of(RecommendationStatus.values()));
        return json(ViewJson.page(new Page<>(reads.recommendations(project, statuses, limit(query, DEFAULT_LIMIT)),
                Optional.empty()), (g, r) -> g.writeTree(RecommendationJson.summary(r))));
    }

    private ReadResponse recommendation(String project, String id) {
        if (!RECOMMENDATION_ID.matcher(id).matches()) {
            throw ReadProblem.badRequest("a recommendation id is 6-64 lower-case hex digits, was '" + id + "'");
        }
        Recommendation r = reads.recommendation(project, id).orElseThrow(() -> ReadProblem.notFound("project "
                + project + " has no recommendation " + id));
        ObjectNode body = recommendationBody(r, reads.agentPrompt(project, r), reads.issueReport(project, r));
        withAttachments(body, r.scenario().flatMap(f -> reads.scenario(project, f)).map(reads::attachments)
                .orElse(List.of()));
        return json(ViewJson.write(g -> g.writeTree(body)));
    }

    /**
     * One recommendation as {@code recommendations/{id}} answers it (and {@code feedback recommendation show}
     * prints it from): its summary, {@code agentPrompt}, {@code issueReport} (Markdown), the proposed {@code diff}
     * (redacted; null without one), {@code openedTests} (its reproduction, validation and regression tests as they
     * are tracked from now) and {@code history} (its status changes).
     */
    /**
     * Adds to a recommendation's record the screenshots and traces stored for its scenario's newest run
     * ({@code "attachments"}, as the run view lists them), when there are some.
     */
    public static ObjectNode withAttachments(ObjectNode body, List<StoredAttachment> attachments) {
        if (!attachments.isEmpty()) {
            body.set("attachments", ViewJson.attachmentsTree(attachments));
        }
        return body;
    }

    public static ObjectNode recommendationBody(Recommendation r, String agentPrompt, String issueReport) {
        ObjectNode body = RecommendationJson.summary(r);
        body.put("agentPrompt", agentPrompt);
        body.put("issueReport", issueReport);
        body.put("diff", diff(r).orElse(null));
        body.set("openedTests", RecommendationJson.tests(r.ledger().opened(r)));
        var history = body.putArray("history");
        for (var change : r.history()) {
            ObjectNode c = history.addObject();
            c.put("from", change.from().wireName());
            c.put("to", change.to().wireName());
            c.put("by", change.by());
            c.put("at", change.at().toString());
            c.put("reason", change.reason());
        }
        return body;
    }

    /** The recommendation's proposed diff, redacted; empty for advice without one. */
    private static Optional<String> diff(Recommendation r) {
        return r.fix().map(f -> f.diff()).filter(d -> !d.isBlank()).map(Redactor.standard()::redact);
    }

    private static ReadResponse json(String body) {
        return new ReadResponse(200, ReadResponse.JSON, body);
    }

    private static int limit(Map<String, String> query, int defaultLimit) {
        int limit = Optional.ofNullable(query.get("limit")).map(l -> number("limit", l)).orElse(defaultLimit);
        if (limit < 1 || limit > 1000) {
            throw ReadProblem.badRequest("limit must be within 1..1000, was " + limit);
        }
        return limit;
    }

    private static int count(Map<String, String> query, String name, int defaultCount) {
        return count(query, name, defaultCount, 1000);
    }

    private static int count(Map<String, String> query, String name, int defaultCount, int max) {
        int count = Optional.ofNullable(query.get(name)).map(l -> number(name, l)).orElse(defaultCount);
        if (count < 0 || count > max) {
            throw ReadProblem.badRequest(name + " must be within 0.." + max + ", was " + count);
        }
        return count;
    }

    private static int days(Map<String, String> query) {
        int days = Optional.ofNullable(query.get("days")).map(d -> number("days", d)).orElse(DEFAULT_DAYS);
        if (days < 1 || days > MAX_DAYS) {
            throw ReadProblem.badRequest("days must be within 1.." + MAX_DAYS + ", was " + days);
        }
        return days;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ReadProblem.badRequest(name + " must be a whole number, was '" + value + "'");
        }
    }

    /** The path's segments, percent-decoded one by one (an encoded slash stays inside its segment). */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (query.putIfAbsent(name, value) != null) {
                throw ReadProblem.badRequest("query parameter '" + name + "' is given more than once");
            }
        }
        return query;
    }

    /** Percent-decoding of a path segment, where '+' is a plus sign. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ReadProblem.badRequest("the request is not percent-encoded properly: " + e.getMessage());
        }
    }
}
