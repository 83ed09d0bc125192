package dev.feedbackloop.regenerate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Calls the {@link FixModel} under the loop's rules, so that the regenerate stage only decides what to ask:
 * <ol>
 *   <li><b>Deadline</b> (the seed's abort signal, on Lambda): no call starts that could not end before the
 *       request's deadline, i.e. unless {@code now + requestTimeout + deadlineMargin <= deadline}. Such a call is
 *       {@link FixModelFault#DEADLINE_TOO_CLOSE}, transient: the work goes back to the queue untouched.</li>
 *   <li><b>Budget</b>: each attempt reserves its worst-case cost in the project's daily {@link SpendBudget} first; one
 *       that does not fit is {@link FixModelFault#BUDGET_EXCEEDED} and is not made.</li>
 *   <li><b>Retries</b>: a rate limit, an overload, a server error or an unreachable provider is tried again at once,
 *       at most {@code maxAttempts} calls in all, after the provider's {@code retry-after} when it gave one, else a
 *       backoff doubling from {@code baseDelay} up to {@code maxDelay}, each wait between half and all of it (equal
 *       jitter, so that concurrent callers spread out). A wait longer than {@code maxRetryAfter}, or one after which
 *       a call could no longer end before the deadline, is not waited here: the transient fault is thrown and the
 *       queue redelivers later. A timeout is not retried at once (it used a whole request timeout, and the provider
 *       may have billed it); every permanent fault is final.</li>
 * </ol>
 * Thread-safe when its collaborators are.
 */
public final class FixModelCaller {

    /**
     * @param requestTimeout the adapter's timeout for one call
     * @param deadlineMargin time kept after a call before the deadline (to store the result and answer the queue)
     * @param maxAttempts    calls at most for one request, retries included
     * @param baseDelay      first backoff
     * @param maxDelay       longest backoff
     * @param maxRetryAfter  longest provider-requested wait honoured in process
     */
    public record Settings(Duration requestTimeout, Duration deadlineMargin, int maxAttempts, Duration baseDelay,
                           Duration maxDelay, Duration maxRetryAfter) {

        /** 60 s calls, 10 s margin, 3 attempts, backoff 1 s doubling to 20 s, waits of up to 30 s honoured. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), Duration.ofSeconds(10), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(30));

        public Settings {
            requirePositive(requestTimeout, "requestTimeout");
            Objects.requireNonNull(deadlineMargin, "deadlineMargin");
            if (deadlineMargin.isNegative()) {
                throw new IllegalArgumentException("deadlineMargin cannot be negative, was " + deadlineMargin);
            }
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be within 1..10, was " + maxAttempts);
            }
            requirePositive(baseDelay, "baseDelay");
            requirePositive(maxDelay, "maxDelay");
            requirePositive(maxRetryAfter, "maxRetryAfter");
        }

        /** These settings with another request timeout. */
        public Settings withRequestTimeout(Duration timeout) {
            return new Settings(timeout, deadlineMargin, maxAttempts, baseDelay, maxDelay, maxRetryAfter);
        }

        private static void requirePositive(Duration duration, String name) {
            if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
        }
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        /** {@link Thread#sleep}. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
    }

    private final FixModel model;
    private final SpendBudget budget;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1), for jitter
     */
    public FixModelCaller(FixModel model, SpendBudget budget, Settings settings, Clock clock, Sleeper sleeper,
                          DoubleSupplier random) {
        this.model = Objects.requireNonNull(model, "model");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The provider's name, for records. */
    public String provider() {
        return model.provider();
    }

    /**
     * Asks the model for {@code project}, under the deadline, budget and retry rules above.
     *
     * @return the valid answer, priced, with the number of attempts it took
     * @throws FixModelException the fault that ended it; {@link FixModelException#attempts()} says how many calls
     *                           were made (0 when none was: deadline, budget)
     */
    public FixModelReply ask(String project, FixModelRequest request) {
        for (int attempt = 1; ; attempt++) {
            checkDeadline(request, attempt);
            SpendBudget.Reservation reservation = reserve(project, request, attempt);
            try {
                FixModelReply reply = model.ask(request);
                BigDecimal cost = budget.settle(reservation, Optional.of(reply.usage()), true);
                return reply.withCost(cost, attempt);
            } catch (FixModelException e) {
                budget.settle(reservation, e.usage(), e.fault() == FixModelFault.TIMEOUT);
                Optional<Duration> wait = waitBeforeRetry(e, attempt, request);
                if (wait.isEmpty()) {
                    throw e.afterAttempts(attempt);
                }
                pause(wait.get(), e, attempt);
            }
        }
    }

    private SpendBudget.Reservation reserve(String project, FixModelRequest request, int attempt) {
        try {
            return budget.reserve(project, request);
        } catch (FixModelException e) {
            throw attempt > 1 ? e.afterAttempts(attempt - 1) : e;
        }
    }

    private void checkDeadline(FixModelRequest request, int attempt) {
        Optional<Instant> deadline = request.deadline();
        if (deadline.isEmpty()) {
            return;
        }
        Instant latestEnd = clock.instant().plus(settings.requestTimeout()).plus(settings.deadlineMargin());
        if (latestEnd.isAfter(deadline.get())) {
            Duration left = Duration.between(clock.instant(), deadline.get());
            FixModelException tooClose = FixModelException.notMade(FixModelFault.DEADLINE_TOO_CLOSE,
                    "not called: " + Math.max(0, left.toMillis()) + " ms left before the deadline, a call needs up to "
                    + settings.requestTimeout().toMillis() + " ms plus a " + settings.deadlineMargin().toMillis()
                    + " ms margin");
            throw attempt > 1 ? tooClose.afterAttempts(attempt - 1) : tooClose;
        }
    }

    /** How long to wait before trying again, or empty when this fault must not be retried in process. */
    private Optional<Duration> waitBeforeRetry(FixModelException e, int attempt, FixModelRequest request) {
        if (!retriedAtOnce(e.fault()) || attempt >= settings.maxAttempts()) {
            return Optional.empty();
        }
        Duration wait = e.retryAfter().orElseGet(() -> backoff(attempt));
        if (wait.compareTo(settings.maxRetryAfter()) > 0) {
            return Optional.empty();
        }
        boolean fitsDeadline = request.deadline().map(d -> !clock.instant().plus(wait)
                .plus(settings.requestTimeout()).plus(settings.deadlineMargin()).isAfter(d)).orElse(true);
        return fitsDeadline ? Optional.of(wait) : Optional.empty();
    }

    private static boolean retriedAtOnce(FixModelFault fault) {
        return switch (fault) {
            case RATE_LIMITED, OVERLOADED, SERVER_ERROR, UNREACHABLE -> true;
            default -> false;
        };
    }

    /** Equal jitter: half of the doubled delay, plus up to the other half at random. */
    private Duration backoff(int attempt) {
        long cap = Math.min(settings.maxDelay().toMillis(),
                settings.baseDelay().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + (long) (random.getAsDouble() * (cap - cap / 2)));
    }

    private void pause(Duration wait, FixModelException cause, int attempt) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause.afterAttempts(attempt);
        }
    }
}
