package dev.feedbackloop.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.view.ReadAccess;
import dev.feedbackloop.view.ReadResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of the read API: GETs a route under one project, authorised by the project's read token or signed
 * with its secret ({@link ReadAccess#signedHeaders}, signed anew for each request). The answer comes back as the
 * server sent it ({@link ReadResponse}); a problem answer is turned into an exception by {@link #require}.
 */
public final class ReadApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a client proves it may read a project. */
    public sealed interface Credentials {
        /** A read token, sent as {@code Authorization: Bearer}. */
        record Token(String token) implements Credentials {
            public Token {
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("a read token must not be blank");
                }
            }

            @Override
            public String toString() {
                return "Token[...]"; // never print a credential
            }
        }

        /** The project's signing secret: each request is signed with it. */
        record Secret(byte[] secret) implements Credentials {
            public Secret {
                if (secret == null || secret.length == 0) {
                    throw new IllegalArgumentException("a signing secret must not be empty");
                }
                secret = secret.clone();
            }

            @Override
            public String toString() {
                return "Secret[...]";
            }
        }
    }

    private final URI base;
    private final String project;
    private final Credentials credentials;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param base        the server's URL (a Function URL, or {@code feedback serve}'s), routes go under its path
     * @param project     the project read
     * @param credentials the project's token or secret
     */
    public ReadApiClient(URI base, String project, Credentials credentials, Clock clock) {
        this.base = requireHttp(base);
        this.project = Objects.requireNonNull(project, "project");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * GETs {@code route} under the project ({@code scenarios}, {@code runs/r1}; each segment percent-encoded by the
     * caller, see {@link #segment}) with {@code query} (encoded, may be empty).
     *
     * @throws ReadApiException when the server cannot be reached
     */
    public ReadResponse get(String route, String query) {
        String path = base.getRawPath().replaceAll("/+$", "") + "/api/v1/projects/" + segment(project) + "/" + route;
        String target = query.isEmpty() ? path : path + "?" + query;
        URI uri = base.resolve(target);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Accept", "application/json, text/plain, text/markdown");
        if (credentials instanceof Credentials.Token t) {
            request.header("Authorization", "Bearer " + t.token());
        } else if (credentials instanceof Credentials.Secret s) {
            ReadAccess.signedHeaders(s.secret(), "GET", target, clock.instant()).forEach(request::header);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ReadResponse(response.statusCode(), response.headers().firstValue("Content-Type")
                    .orElse(ReadResponse.JSON), response.body());
        } catch (IOException e) {
            throw new ReadApiException("cannot read " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadApiException("interrupted while reading " + uri, e);
        }
    }

    /** {@link #get}, refusing anything but a 200 with the problem's detail, named by the route. */
    public String require(String route, String query) {
        ReadResponse response = get(route, query);
        if (response.status() != 200) {
            throw new ReadApiException(base + " answered " + response.status() + " to " + route + ": "
                    + detail(response));
        }
        return response.body();
    }

    /** A path segment percent-encoded (a space as {@code %20}, a slash as {@code %2F}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a problem answer says was wrong (its {@code detail}), or the start of a body that is not a problem. */
    public static String detail(ReadResponse response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            return Optional.ofNullable(problem.get("detail")).map(JsonNode::asText)
                    .orElse(response.body().strip());
        } catch (IOException e) { // not a problem body: a proxy's page, say; show its start
            String body = response.body().strip();
            return body.length() <= 200 ? body : body.substring(0, 200) + "...";
        }
    }

    /** {@code base} if it can be the read API's URL, so a command can refuse a bad flag before doing anything. */
    public static URI requireHttp(URI base) {
        Objects.requireNonNull(base, "base");
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("the read API's URL must be http(s)://host[:port][/path], was " + base);
        }
        return base;
    }

    /** The read API could not be reached, or refused the read. */
    public static final class ReadApiException extends RuntimeException {
        public ReadApiException(String message) {
            super(message);
        }

        public ReadApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
