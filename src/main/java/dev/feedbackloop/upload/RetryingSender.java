package dev.feedbackloop.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends one HTTP request until it gets a usable answer, within a {@link RetryPolicy}.
 *
 * <p>Retried: every I/O failure (refused or dropped connection, timeout, an answer that is garbled or cut short), 408,
 * 429 and every 5xx, and a 2xx answer the caller cannot use. Waits follow the server's {@code Retry-After} (seconds
 * or an HTTP date) when it gives one, else exponential backoff with jitter. Not retried: other statuses, which mean
 * the request itself is wrong (a bad signature, a refused report); retrying would only repeat the refusal.
 *
 * <p>Each retry is announced in one line; an answer already described is not described again, so a proxy's error
 * page shows once, by its title ({@link ResponseSummary}).
 */
final class RetryingSender {

    /** An answer, its body read up to {@link #MAX_BODY_BYTES}. */
    record Answer(int status, HttpHeaders headers, String body) {

        Optional<String> contentType() {
            return headers.firstValue("content-type");
        }

        String summary() {
            return ResponseSummary.of(status, contentType(), body);
        }
    }

    /** Most of an answer read: ingest answers in a few hundred bytes; an error page needs no more to be named. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<String> notices;

    /**
     * @param notices where retry notices go (standard error, for a person reading the CI log)
     */
    RetryingSender(HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock, Consumer<String> notices) {
        this.http = http;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.notices = notices;
    }

    /**
     * Sends the request {@code request} builds (called again for each attempt, so each can be signed anew).
     *
     * @param unusable why a 2xx answer cannot be used (then it is retried), or empty when it can
     * @return the first 2xx answer that is usable
     * @throws UploadException naming the method, URL and reason when refused or out of retries
     */
    Answer send(Supplier<HttpRequest> request, Function<Answer, Optional<String>> unusable)
            throws InterruptedException {
        String said = null;
        for (int attempt = 1; ; attempt++) {
            HttpRequest built = request.get();
            String label = built.method() + " " + shown(built.uri());
            Failure failure;
            try {
                Answer answer = exchange(built);
                if (answer.status() >= 200 && answer.status() < 300) {
                    Optional<String> problem = unusable.apply(answer);
                    if (problem.isEmpty()) {
                        return answer;
                    }
                    failure = new Failure(problem.get(), Optional.empty());
                } else if (retryable(answer.status())) {
                    failure = new Failure(answer.summary(), retryAfter(answer.headers()));
                } else {
                    throw new UploadException(label + " was refused: " + answer.summary() + refusalHint(answer));
                }
            } catch (IOException e) {
                failure = new Failure(reason(e, built), Optional.empty());
            }
            if (attempt > policy.retries()) {
                throw new UploadException(label + " failed after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                        + " (--retries " + policy.retries() + "): " + failure.reason());
            }
            Duration wait = wait(label, failure, attempt);
            notices.accept(label + ": " + (failure.reason().equals(said) ? "the same again" : failure.reason())
                    + "; retry " + attempt + " of " + policy.retries() + " in " + Durations.format(wait));
            said = failure.reason();
            sleeper.sleep(wait);
        }
    }

    private record Failure(String reason, Optional<Duration> retryAfter) {
    }

    private Answer exchange(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES);
            return new Answer(response.statusCode(), response.headers(), new String(body, StandardCharsets.UTF_8));
        }
    }

    private Duration wait(String label, Failure failure, int attempt) {
        if (failure.retryAfter().isEmpty()) {
            return policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        }
        Duration asked = failure.retryAfter().get();
        if (asked.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0) {
            throw new UploadException(label + " failed: " + failure.reason() + "; the server asks to retry in "
                    + Durations.format(asked) + ", longer than the " + Durations.format(RetryPolicy.MAX_RETRY_AFTER)
                    + " feedback upload waits, so it gives up now");
        }
        return asked;
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The wait a {@code Retry-After} header asks for: delay-seconds, or an HTTP date (RFC 9110, IMF-fixdate); empty
     * when absent or unreadable (the caller backs off as usual). A date in the past asks for no wait.
     */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("retry-after").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        if (value.get().chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofDays(1)); // more digits than a long: far longer than anyone waits
            }
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String reason(IOException e, HttpRequest request) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + Durations.format(policy.connectTimeout());
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Durations.format(request.timeout().orElse(policy.timeout()))
                    + " (--timeout)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect (" + describe(e) + ")";
        }
        return "the exchange broke off (" + describe(e) + ")";
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return ResponseSummary.oneLine(cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static String refusalHint(Answer answer) {
        return switch (answer.status()) {
            case 301, 302, 303, 307, 308 -> "; redirected to " + answer.headers().firstValue("location")
                    .map(RetryingSender::shownLocation).orElse("elsewhere") + ": check --url";
            case 404 -> "; check --url";
            default -> "";
        };
    }

    /** A URL without its query (a pre-signed URL's query holds credentials) or user info. */
    static String shown(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getHost() == null ? path
                : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    private static String shownLocation(String location) {
        try {
            return shown(URI.create(location.strip()));
        } catch (IllegalArgumentException e) {
            return "an unreadable location";
        }
    }
}
