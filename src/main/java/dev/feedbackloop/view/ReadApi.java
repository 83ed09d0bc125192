package dev.feedbackloop.view;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read API's routes, independent of any server: the local {@code feedback serve} and a deployed function hand
 * it the request as sent and send back what it answers. Every route is under one project and is authorised for that
 * project before anything is read, so an unauthorised caller learns nothing, not even whether the project exists;
 * no route lists projects.
 *
 * <pre>
 * GET /api/v1/projects/{project}/scenarios?limit=N&amp;cursor=C   scenarios, most occurrences first
 * GET /api/v1/projects/{project}/scenarios/{fingerprint}      one scenario with its tests and runs
 * GET /api/v1/projects/{project}/runs?limit=N&amp;cursor=C        runs, newest first
 * GET /api/v1/projects/{project}/runs/{runId}?attempt=N       a run and what it changed
 * GET /projects/{project}/dashboard                           the dashboard page (HTML)
 * </pre>
 *
 * The dashboard also takes the token as {@code ?token=} so a browser can open it from a link.
 */
public final class ReadApi {

    static final int DEFAULT_LIMIT = 50;

    private final ProjectReads reads;
    private final ReadTokens tokens;

    public ReadApi(ProjectReads reads, ReadTokens tokens) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
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
        Optional<String> authorization = request.authorization();
        if (page && authorization.isEmpty() && query.containsKey("token")) {
            authorization = Optional.of("Bearer " + query.get("token"));
        }
        tokens.authorise(project, authorization);
        return page ? new ReadResponse(200, ReadResponse.HTML, HtmlDashboard.render(reads.dashboard(project,
                limit(query, 20), 20))) : api(project, path.subList(4, path.size()), query);
    }

    private ReadResponse api(String project, List<String> rest, Map<String, String> query) {
        String listing = rest.get(0);
        Optional<String> cursor = Optional.ofNullable(query.get("cursor"));
        if (listing.equals("scenarios") && rest.size() == 1) {
            return json(ViewJson.page(reads.scenarios(project, limit(query, DEFAULT_LIMIT), cursor),
                    ViewJson::scenario));
        }
        if (listing.equals("scenarios") && rest.size() == 2) {
            Fingerprint fingerprint = new Fingerprint(rest.get(1));
            return reads.scenario(project, fingerprint).map(d -> json(ViewJson.write(g -> ViewJson.scenario(g, d))))
                    .orElseThrow(() -> ReadProblem.notFound("project " + project + " has no scenario "
                            + fingerprint));
        }
        if (listing.equals("runs") && rest.size() == 1) {
            return json(ViewJson.page(reads.runs(project, limit(query, DEFAULT_LIMIT), cursor), ViewJson::run));
        }
        if (listing.equals("runs") && rest.size() == 2) {
            Optional<Integer> attempt = Optional.ofNullable(query.get("attempt")).map(a -> number("attempt", a));
            String runId = rest.get(1);
            new RunKey(project, runId, attempt.orElse(1));
            return reads.run(project, runId, attempt).map(c -> json(ViewJson.write(g -> ViewJson.changes(g, c))))
                    .orElseThrow(() -> ReadProblem.notFound("project " + project + " has no run " + runId
                            + attempt.map(a -> " attempt " + a).orElse("")));
        }
        throw ReadProblem.notFound("no route under /api/v1/projects/" + project + "/ named "
                + String.join("/", rest) + "; try scenarios or runs");
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
