package dev.feedbackloop.adapter.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Posts a message to a Slack incoming webhook. Slack answers 200 when it took the message; 429 (with Retry-After)
 * and 5xx are retried with backoff up to {@code attempts} tries, other answers are final (a 4xx names a bad payload
 * or a revoked hook, and retrying would not help). A webhook URL is a secret: it is never put in a message.
 */
public final class SlackWebhook {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final HttpClient client;
    private final int attempts;
    private final long firstBackoffMillis;
    private final LongConsumer sleeper;

    /**
     * @param attempts           tries in all, at least 1
     * @param firstBackoffMillis wait before the second try; doubled for each later one
     * @param sleeper            waits the given milliseconds (tests pass one that records instead)
     */
    public SlackWebhook(int attempts, long firstBackoffMillis, LongConsumer sleeper) {
        if (attempts < 1 || firstBackoffMillis < 0) {
            throw new IllegalArgumentException("a webhook needs attempts >= 1 and a backoff >= 0, was " + attempts
                    + " and " + firstBackoffMillis);
        }
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.attempts = attempts;
        this.firstBackoffMillis = firstBackoffMillis;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Sleeps for real between tries. */
    public static SlackWebhook withDefaults() {
        return new SlackWebhook(4, 1000, millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry the Slack webhook", e);
            }
        });
    }

    /**
     * Posts {@code payload} (Block Kit JSON).
     *
     * @return the tries it took
     * @throws WebhookException when Slack refused it, or every try failed
     */
    public int post(URI webhook, String payload) {
        String failure = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long retryAfter = -1;
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return attempt;
                }
                failure = "Slack answered " + status + " " + cut(response.body());
                if (status != 429 && status < 500) {
                    throw new WebhookException(failure + " (not retried)");
                }
                retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(-1);
            } catch (IOException e) {
                failure = "the webhook could not be reached: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebhookException("interrupted while posting to Slack");
            }
            if (attempt < attempts) {
                long backoff = firstBackoffMillis << (attempt - 1);
                sleeper.accept(Math.min(MAX_WAIT_MILLIS, retryAfter >= 0 ? retryAfter * 1000 : backoff));
            }
        }
        throw new WebhookException(failure + " (after " + attempts + " tries)");
    }

    private static String cut(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The message was not delivered. */
    public static final class WebhookException extends RuntimeException {
        public WebhookException(String message) {
            super(message);
        }
    }
}
