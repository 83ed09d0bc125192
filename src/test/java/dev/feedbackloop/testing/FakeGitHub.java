package dev.feedbackloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server speaking the part of GitHub's REST API (2022-11-28) that issue sync uses, with state: issues (and a
 * pull request, which the issues listing includes as GitHub's does), their labels and comments. Lists are paged by
 * {@code per_page} (capped at {@link #pageSize}) with GitHub's {@code Link} header; requests without the expected
 * bearer token get GitHub's 401, another repository GitHub's 404, a title over 256 characters GitHub's 422. Failures
 * can be queued for the next requests (a 403 secondary rate limit with {@code retry-after}, for instance). Every
 * request is recorded.
 */
public final class FakeGitHub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+)/([^/]+)/issues");
    private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)");
    private static final Pattern COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");

    /** A request as received. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public boolean write() {
            return !method.equals("GET");
        }
    }

    /** A queued answer: status, headers, body. */
    public record Failure(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final String repository;
    private final String token;
    private final Clock clock;
    private final List<ObjectNode> issues = new ArrayList<>();
    private final Map<Integer, List<ObjectNode>> comments = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int pageSize = 100;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /**
     * @param repository {@code owner/name} served
     * @param token      the token expected after {@code Bearer}
     */
    public FakeGitHub(String repository, String token, Clock clock) {
        this.repository = repository;
        this.token = token;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Lists page at most this many items, whatever {@code per_page} asks. */
    public FakeGitHub pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Answers the next request with this instead. */
    public synchronized FakeGitHub failNext(int status, Map<String, String> headers, String body) {
        failures.add(new Failure(status, headers, body));
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public synchronized List<JsonNode> issues() {
        return issues.stream().filter(i -> !i.has("pull_request")).map(JsonNode.class::cast).toList();
    }

    public synchronized List<String> comments(int number) {
        return comments.getOrDefault(number, List.of()).stream().map(c -> c.get("body").asText()).toList();
    }

    /** An issue made by a person or another tool, as GitHub would keep it. */
    public synchronized int add(String title, String body, String state, Set<String> labels) {
        ObjectNode issue = newIssue(title, body, labels);
        issue.put("state", state);
        if (state.equals("closed")) {
            issue.put("closed_at", clock.instant().toString());
        }
        return issue.get("number").asInt();
    }

    /** A pull request with the label: the issues listing includes pull requests, marked by {@code pull_request}. */
    public synchronized void addPullRequest(String title, Set<String> labels) {
        newIssue(title, "", labels).putObject("pull_request").put("url", "https://example.invalid/pull/1");
    }

    /** A person closes an issue at {@code at}. */
    public synchronized void close(int number, Instant at) {
        ObjectNode issue = find(number);
        issue.put("state", "closed");
        issue.put("closed_at", at.toString());
    }

    /** A person adds a label. */
    public synchronized void label(int number, String label) {
        ((ArrayNode) find(number).get("labels")).addObject().put("name", label);
    }

    private ObjectNode newIssue(String title, String body, Set<String> labels) {
        ObjectNode issue = JSON.createObjectNode();
        int number = issues.size() + 1;
        issue.put("number", number).put("title", title).put("body", body).put("state", "open")
                .put("html_url", "https://github.example/" + repository + "/issues/" + number)
                .put("created_at", clock.instant().toString()).putNull("closed_at");
        ArrayNode names = issue.putArray("labels");
        labels.forEach(l -> names.addObject().put("name", l).put("color", "ededed"));
        issues.add(issue);
        return issue;
    }

    private ObjectNode find(int number) {
        return issues.get(number - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                    body);
            requests.add(request);
            Failure failure;
            synchronized (this) {
                failure = failures.pollFirst();
            }
            if (failure != null) {
                respond(exchange, failure.status(), failure.headers(), failure.body());
                return;
            }
            answer(exchange, request);
        }
    }

    private void answer(HttpExchange exchange, Request request) throws IOException {
        if (!("Bearer " + token).equals(request.headers().get("authorization"))) {
            respond(exchange, 401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest\",\"status\":\"401\"}");
            return;
        }
        if (!"application/vnd.github+json".equals(request.headers().get("accept"))
                || !"2022-11-28".equals(request.headers().get("x-github-api-version"))) {
            respond(exchange, 400, Map.of(), "{\"message\":\"expected GitHub's media type and API version\"}");
            return;
        }
        Matcher comment = COMMENTS.matcher(request.path());
        Matcher issue = ISSUE.matcher(request.path());
        Matcher list = ISSUES.matcher(request.path());
        String served = comment.matches() ? comment.group(1) + "/" + comment.group(2) : issue.matches()
                ? issue.group(1) + "/" + issue.group(2) : list.matches() ? list.group(1) + "/" + list.group(2) : "";
        if (!served.equals(repository)) {
            respond(exchange, 404, Map.of(), "{\"message\":\"Not Found\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest/issues/issues\",\"status\":\"404\"}");
            return;
        }
        synchronized (this) {
            if (comment.matches()) {
                comments(exchange, request, Integer.parseInt(comment.group(3)));
            } else if (issue.matches()) {
                edit(exchange, request, Integer.parseInt(issue.group(3)));
            } else if (request.method().equals("GET")) {
                list(exchange, request);
            } else {
                create(exchange, request);
            }
        }
    }

    private void list(HttpExchange exchange, Request request) throws IOException {
        Map<String, String> query = query(request.query());
        Set<String> wanted = new LinkedHashSet<>(List.of(query.getOrDefault("labels", "").split(",")));
        wanted.remove("");
        String state = query.getOrDefault("state", "open");
        List<JsonNode> matching = new ArrayList<>();
        for (int i = issues.size() - 1; i >= 0; i--) { // newest first, as GitHub sorts by default
            ObjectNode candidate = issues.get(i);
            Set<String> names = new LinkedHashSet<>();
            candidate.get("labels").forEach(l -> names.add(l.get("name").asText()));
            if (names.containsAll(wanted) && (state.equals("all") || state.equals(candidate.get("state").asText()))) {
                matching.add(candidate);
            }
        }
        page(exchange, request, matching);
    }

    private void comments(HttpExchange exchange, Request request, int number) throws IOException {
        if (number > issues.size()) {
            respond(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
        } else if (request.method().equals("GET")) {
            page(exchange, request, new ArrayList<>(comments.getOrDefault(number, List.of())));
        } else {
            ObjectNode comment = JSON.createObjectNode().put("id", 1000 + request.hashCode())
                    .put("body", JSON.readTree(request.body()).path("body").asText());
            comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
            respond(exchange, 201, Map.of(), comment.toString());
        }
    }

    private void create(HttpExchange exchange, Request request) throws IOException {
        JsonNode sent = JSON.readTree(request.body());
        String title = sent.path("title").asText("");
        if (title.isEmpty() || title.length() > 256) {
            respond(exchange, 422, Map.of(), "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                    + "\"code\":\"custom\",\"field\":\"title\",\"message\":\"title is too long (maximum is 256"
                    + " characters)\"}],\"status\":\"422\"}");
            return;
        }
        Set<String> labels = new LinkedHashSet<>();
        sent.path("labels").forEach(l -> labels.add(l.asText()));
        ObjectNode issue = newIssue(title, sent.path("body").asText(""), labels);
        respond(exchange, 201, Map.of("location", url() + request.path() + "/" + issue.get("number")),
                issue.toString());
    }

    private void edit(HttpExchange exchange, Request request, int number) throws IOException {
        if (number > issues.size() || !request.method().equals("PATCH")) {
            respond(exchange, 404, Map.of(), "{\"message\":\"Not Found\"}");
            return;
        }
        ObjectNode issue = find(number);
        JsonNode sent = JSON.readTree(request.body());
        if (sent.has("title")) {
            issue.put("title", sent.get("title").asText());
        }
        if (sent.has("body")) {
            issue.put("body", sent.get("body").asText());
        }
        if (sent.has("state")) {
            String state = sent.get("state").asText();
            issue.put("state", state);
            if (state.equals("open")) {
                issue.putNull("closed_at");
            } else {
                issue.put("closed_at", clock.instant().toString());
            }
        }
        respond(exchange, 200, Map.of(), issue.toString());
    }

    private void page(HttpExchange exchange, Request request, List<? extends JsonNode> all) throws IOException {
        Map<String, String> query = query(request.query());
        int perPage = Math.min(pageSize, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int from = Math.min(all.size(), (page - 1) * perPage);
        ArrayNode out = JSON.createArrayNode();
        all.subList(from, Math.min(all.size(), from + perPage)).forEach(out::add);
        Map<String, String> headers = new LinkedHashMap<>();
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        if (page < last) {
            String base = url() + request.path() + "?" + request.query().replaceAll("(^|&)page=\\d+", "");
            headers.put("link", "<" + base + "&page=" + (page + 1) + ">; rel=\"next\", <" + base + "&page=" + last
                    + ">; rel=\"last\"");
        }
        respond(exchange, 200, headers, out.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
