package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.store.SpendLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deadline, budget and retry rules, with a scripted model behind the port (each provider adapter is tested against
 * a server speaking its wire format, with this caller in front, in {@code dev.feedbackloop.adapter.llm}).
 */
class FixModelCallerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final String MODEL = "claude-sonnet-4-5";
    private static final TokenUsage USAGE = new TokenUsage(1_000, 500, 0, 0);

    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> sleeps = new ArrayList<>();
    private final SpendLedger ledger = SpendLedger.inMemory();
    private final ScriptedModel model = new ScriptedModel();

    @Test
    void anAnswer_isPricedAndCharged() {
        model.then(this::reply);

        FixModelReply reply = caller(Optional.of(new BigDecimal("5"))).ask("web-shop", request(Optional.empty()));

        // 1 000 input tokens at $3/MTok + 500 output at $15/MTok
        assertThat(reply.costUsd()).isEqualByComparingTo("0.0105");
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(ledger.spent("web-shop", TODAY)).isEqualTo(10_500);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRateLimit_waitsWhatTheProviderAsked_thenRetries() {
        model.then(() -> fault(FixModelFault.RATE_LIMITED, Optional.of(Duration.ofSeconds(2)))).then(this::reply);

        FixModelReply reply = caller(Optional.empty()).ask("web-shop", request(Optional.empty()));

        assertThat(model.calls).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(reply.attempts()).isEqualTo(2);
    }

    @Test
    void anOverload_isRetriedWithGrowingJitteredBackoff_upToTheAttemptLimit() {
        model.then(() -> fault(FixModelFault.OVERLOADED, Optional.empty()))
                .then(() -> fault(FixModelFault.OVERLOADED, Optional.empty()))
                .then(() -> fault(FixModelFault.OVERLOADED, Optional.empty()));

        assertThatThrownBy(() -> caller(Optional.empty()).ask("web-shop", request(Optional.empty())))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.OVERLOADED);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).endsWith("(after 3 attempts)");
                });
        assertThat(model.calls).isEqualTo(3);
        // random 0.5: half of 1 s plus a quarter, then half of 2 s plus a quarter of it
        assertThat(sleeps).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @EnumSource(value = FixModelFault.class, names = {"QUOTA_EXHAUSTED", "AUTH_FAILED", "BAD_REQUEST", "REFUSED",
            "TRUNCATED", "MALFORMED_ANSWER", "SCHEMA_VIOLATION", "TIMEOUT"})
    void permanentFaultsAndTimeouts_areNotRetriedAtOnce(FixModelFault fault) {
        model.then(() -> fault(fault, Optional.of(Duration.ofSeconds(1))));

        assertThatThrownBy(() -> caller(Optional.empty()).ask("web-shop", request(Optional.empty())))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(fault);
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(model.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheCap_goesBackToTheQueueInsteadOfWaiting() {
        model.then(() -> fault(FixModelFault.RATE_LIMITED, Optional.of(Duration.ofSeconds(120))));

        assertThatThrownBy(() -> caller(Optional.empty()).ask("web-shop", request(Optional.empty())))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(model.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void noCallStarts_thatCouldNotEndBeforeTheDeadline() {
        // a call takes up to 60 s and 10 s are kept after it: 69 s left is not enough
        Optional<Instant> deadline = Optional.of(NOW.plusSeconds(69));

        assertThatThrownBy(() -> caller(Optional.empty()).ask("web-shop", request(deadline)))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.DEADLINE_TOO_CLOSE);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.attempts()).isZero();
                    assertThat(e.getMessage()).contains("69000 ms left");
                });
        assertThat(model.calls).isZero();
    }

    @Test
    void aCallThatFits_isMade_butNoRetryWaitsPastTheDeadline() {
        model.then(() -> fault(FixModelFault.SERVER_ERROR, Optional.of(Duration.ofSeconds(5))));
        Optional<Instant> deadline = Optional.of(NOW.plusSeconds(72));

        assertThatThrownBy(() -> caller(Optional.empty()).ask("web-shop", request(deadline)))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.SERVER_ERROR);
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(model.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aCallWhoseWorstCaseExceedsWhatIsLeftOfTheBudget_isNotMade() {
        ledger.add("web-shop", TODAY, 40_000);

        // up to 8 192 output tokens at $15/MTok is $0.12 alone; $0.04 of $0.10 are spent
        assertThatThrownBy(() -> caller(Optional.of(new BigDecimal("0.10"))).ask("web-shop",
                request(Optional.empty()))).isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.BUDGET_EXCEEDED);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.attempts()).isZero();
                    assertThat(e.getMessage()).contains("web-shop has spent $0.0400 of its $0.10 daily model budget",
                            "2026-12-07", "was not made");
                });
        assertThat(model.calls).isZero();
        assertThat(ledger.spent("web-shop", TODAY)).isEqualTo(40_000);
    }

    @Test
    void theBudgetIsPerProjectAndPerDay() {
        ledger.add("web-shop", TODAY, 4_990_000);
        ledger.add("mobile-api", TODAY.minusDays(1), 5_000_000);
        model.then(this::reply).then(this::reply);

        caller(Optional.of(new BigDecimal("5"))).ask("mobile-api", request(Optional.empty()));
        clock.advance(Duration.ofDays(1));
        caller(Optional.of(new BigDecimal("5"))).ask("web-shop", request(Optional.empty()));

        assertThat(model.calls).isEqualTo(2);
        assertThat(ledger.spent("web-shop", TODAY.plusDays(1))).isEqualTo(10_500);
    }

    @Test
    void aBilledFailure_isCharged_andAnUnbilledOne_givesItsReservationBack() {
        model.then(() -> new FixModelException(FixModelFault.REFUSED, "anthropic", "refused", OptionalInt.of(200),
                Optional.empty(), Optional.empty(), Optional.of(new TokenUsage(2_000, 40, 0, 0)), Optional.of("{}"), 1,
                null)).then(() -> fault(FixModelFault.AUTH_FAILED, Optional.empty()));
        FixModelCaller caller = caller(Optional.of(new BigDecimal("5")));

        assertThatThrownBy(() -> caller.ask("web-shop", request(Optional.empty())))
                .isInstanceOf(FixModelException.class);
        assertThat(ledger.spent("web-shop", TODAY)).isEqualTo(6_600);
        assertThatThrownBy(() -> caller.ask("web-shop", request(Optional.empty())))
                .isInstanceOf(FixModelException.class);
        assertThat(ledger.spent("web-shop", TODAY)).isEqualTo(6_600);
    }

    @Test
    void aTimeout_keepsItsReservation_asTheProviderMayHaveBilledIt() {
        model.then(() -> fault(FixModelFault.TIMEOUT, Optional.empty()));

        assertThatThrownBy(() -> caller(Optional.of(new BigDecimal("5"))).ask("web-shop", request(Optional.empty())))
                .isInstanceOf(FixModelException.class);

        long worstCase = ledger.spent("web-shop", TODAY);
        long output = 8_192L * 15;
        assertThat(worstCase).isGreaterThan(output).isLessThan(output + 20_000);
    }

    @Test
    void aModelWithoutAPrice_cannotBeCalledUnderABudget_butCanWithout() {
        FixModelRequest local = FixModelRequest.of("instructions", "evidence", 1_000, "llama3.1:8b",
                Optional.empty());
        model.then(this::reply);

        assertThatThrownBy(() -> caller(Optional.of(BigDecimal.ONE)).ask("web-shop", local))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).contains("llama3.1:8b has no price", "feedback.llm.price");
                });
        assertThat(caller(Optional.empty()).ask("web-shop", local).costUsd()).isZero();
    }

    private FixModelCaller caller(Optional<BigDecimal> dailyLimit) {
        return new FixModelCaller(model, new SpendBudget(ledger, ModelPrices.standard(), dailyLimit, clock),
                FixModelCaller.Settings.DEFAULT, clock, d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, () -> 0.5);
    }

    private static FixModelRequest request(Optional<Instant> deadline) {
        return FixModelRequest.of("You fix failing end-to-end tests.", "The evidence, as data.", 8_192, MODEL,
                deadline);
    }

    private FixModelReply reply() {
        return new FixModelReply(FixAnswerSchema.standard().read(SampleAnswers.fix()), "anthropic", MODEL,
                "end_turn", USAGE, Duration.ofMillis(900), BigDecimal.ZERO, SampleAnswers.fix(), Optional.of("req_1"),
                1);
    }

    private static FixModelException fault(FixModelFault fault, Optional<Duration> retryAfter) {
        return new FixModelException(fault, "anthropic", fault + " from the provider", OptionalInt.of(500),
                retryAfter, Optional.empty(), Optional.empty(), Optional.empty(), 1, null);
    }

    /** Answers or fails in the order given; each script step is one call. */
    private static final class ScriptedModel implements FixModel {
        private final Deque<Supplier<Object>> script = new ArrayDeque<>();
        int calls;

        ScriptedModel then(Supplier<Object> step) {
            script.add(step);
            return this;
        }

        @Override
        public String provider() {
            return "anthropic";
        }

        @Override
        public FixModelReply ask(FixModelRequest request) {
            calls++;
            Object next = script.removeFirst().get();
            if (next instanceof FixModelException e) {
                throw e;
            }
            return (FixModelReply) next;
        }
    }
}
