package dev.feedbackloop.regenerate;

import dev.feedbackloop.store.SpendLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A spend limit per project per UTC day. Before a call, its worst case is reserved in the {@link SpendLedger}: every
 * output token it may produce and its input estimated high (UTF-8 bytes / 3: English prose averages about four
 * characters a token and code about three, and a character of a non-Latin script takes two or three bytes). A call
 * whose worst case does not fit what is left is not made. After the call the reservation is corrected to what the
 * provider reported. Concurrent calls of one project cannot together overrun the limit: each reserves before it
 * starts.
 */
public final class SpendBudget {

    private final SpendLedger ledger;
    private final ModelPrices prices;
    private final Optional<BigDecimal> dailyLimitUsd;
    private final Clock clock;

    /**
     * @param dailyLimitUsd the limit per project per UTC day; empty for none (costs are still estimated)
     */
    public SpendBudget(SpendLedger ledger, ModelPrices prices, Optional<BigDecimal> dailyLimitUsd, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.dailyLimitUsd = Objects.requireNonNull(dailyLimitUsd, "dailyLimitUsd");
        dailyLimitUsd.ifPresent(limit -> {
            if (limit.signum() < 0) {
                throw new IllegalArgumentException("a daily budget cannot be negative, was " + limit);
            }
        });
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A spend reserved for one call.
     *
     * @param project the project charged
     * @param day     the UTC day charged
     * @param micros  micro-dollars reserved (0 when there is no limit)
     * @param model   the model called
     */
    public record Reservation(String project, LocalDate day, long micros, String model) {
    }

    /**
     * Reserves the worst case of {@code request} for {@code project} today.
     *
     * @throws FixModelException {@link FixModelFault#BUDGET_EXCEEDED} when it does not fit, or when a limit is set
     *                           and the model has no price to check it with
     */
    public Reservation reserve(String project, FixModelRequest request) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (dailyLimitUsd.isEmpty()) {
            return new Reservation(project, day, 0, request.model());
        }
        long worstCase = micros(worstCaseUsd(request).orElseThrow(() -> FixModelException.notMade(
                FixModelFault.BUDGET_EXCEEDED, "model " + request.model() + " has no price, so the daily budget of "
                        + project + " cannot be checked; set feedback.llm.price.* for it")));
        long limit = micros(dailyLimitUsd.get());
        if (!ledger.addWithin(project, day, worstCase, limit)) {
            throw FixModelException.notMade(FixModelFault.BUDGET_EXCEEDED, "project " + project + " has spent $"
                    + usd(ledger.spent(project, day)) + " of its $" + dailyLimitUsd.get().toPlainString()
                    + " daily model budget on " + day + "; this call could cost up to $" + usd(worstCase)
                    + ", so it was not made");
        }
        return new Reservation(project, day, worstCase, request.model());
    }

    /**
     * Replaces a reservation by what the call cost.
     *
     * @param usage          the tokens the provider reported; empty when it reported none
     * @param possiblyBilled when no usage is known: whether the provider may still have billed the call (it timed
     *                       out rather than answered an error), in which case the reservation is kept as spent
     * @return the call's estimated cost in US dollars (the reservation's when kept, zero when given back)
     */
    public BigDecimal settle(Reservation reservation, Optional<TokenUsage> usage, boolean possiblyBilled) {
        BigDecimal cost = usage.map(u -> cost(reservation.model(), u))
                .orElse(possiblyBilled ? BigDecimal.valueOf(reservation.micros(), 6) : BigDecimal.ZERO);
        long correction = micros(cost) - reservation.micros();
        if (correction != 0 && dailyLimitUsd.isPresent()) {
            ledger.add(reservation.project(), reservation.day(), correction);
        }
        return cost;
    }

    /**
     * The most {@code request} can cost: every output token it allows, and its input estimated high (see above).
     * Empty for a model without a price.
     */
    public Optional<BigDecimal> worstCaseUsd(FixModelRequest request) {
        return prices.priceOf(request.model()).map(price -> price.cost(new TokenUsage(estimatedInputTokens(request),
                request.maxOutputTokens(), 0, 0)));
    }

    /** What {@code usage} costs on {@code model}; zero for a model without a price. */
    public BigDecimal cost(String model, TokenUsage usage) {
        return prices.priceOf(model).map(p -> p.cost(usage)).orElse(BigDecimal.ZERO.setScale(6));
    }

    static long estimatedInputTokens(FixModelRequest request) {
        long bytes = request.system().getBytes(StandardCharsets.UTF_8).length
                + request.userContent().getBytes(StandardCharsets.UTF_8).length
                + request.schema().providerSchema().toString().getBytes(StandardCharsets.UTF_8).length;
        return (bytes + 2) / 3;
    }

    private static long micros(BigDecimal usd) {
        return usd.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }
}
