package dev.feedbackloop.upload;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@code feedback upload} keeps trying: a bound on each request and on the attempts, so a CI job never hangs
 * on a dead endpoint.
 *
 * <p>Worst case per request phase (a report is one phase; a large report two: the upload request, then the S3 PUT,
 * whose timeout grows by a second per MiB): {@code (retries + 1) x timeout} for the attempts, plus the waits between
 * them: exponential backoff from 0.5 s (0.5, 1, 2, 4 s ... at most {@link #MAX_BACKOFF}), or what the server's
 * {@code Retry-After} asks, up to {@link #MAX_RETRY_AFTER}. With the defaults (4 retries, 30 s), a server that never
 * answers is given up after 5 x 30 s + 7.5 s = 157.5 s; one answering 503 with {@code Retry-After: 30} every time,
 * after 4 x 30 s of waits.
 *
 * @param retries attempts after the first, within 0..{@value #MAX_RETRIES}
 * @param timeout the longest wait for one answer (connecting, sending and the answer's headers), within
 *                {@link #MIN_TIMEOUT}..{@link #MAX_TIMEOUT}
 */
public record RetryPolicy(int retries, Duration timeout) {

    /** Most retries allowed: beyond that a CI job waits on a server that is not coming back. */
    public static final int MAX_RETRIES = 10;
    /** Default retries. */
    public static final int DEFAULT_RETRIES = 4;
    /** Default timeout per request: ingest's own function timeout, which a live function answers within. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Shortest timeout allowed. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    /** Longest timeout allowed. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** Longest backoff between attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Longest {@code Retry-After} honoured; a server asking for more is given up at once, saying so. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /** Longest wait for a connection, whatever the timeout. */
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public RetryPolicy {
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be within 0.." + MAX_RETRIES + ", was " + retries);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be within " + Durations.format(MIN_TIMEOUT) + ".."
                    + Durations.format(MAX_TIMEOUT) + ", was " + Durations.format(timeout));
        }
    }

    /** The defaults. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_RETRIES, DEFAULT_TIMEOUT);
    }

    /** The wait before retry number {@code retry} (1 for the first): half fixed, half random, so clients spread. */
    Duration backoff(int retry, double random) {
        long base = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(retry - 1, 16));
        return Duration.ofMillis(base / 2 + Math.round(random * (base / 2)));
    }

    /** The connect timeout: the request timeout, at most {@link #MAX_CONNECT_TIMEOUT}. */
    Duration connectTimeout() {
        return timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    }
}
