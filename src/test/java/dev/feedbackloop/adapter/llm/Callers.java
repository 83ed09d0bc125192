package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixModelCaller;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.ModelPrices;
import dev.feedbackloop.regenerate.SpendBudget;
import dev.feedbackloop.regenerate.SpendLedger;
import dev.feedbackloop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link FixModelCaller} in front of a provider adapter, recording its waits instead of sleeping. */
final class Callers {

    static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    /** The client's timeout in these tests: generous, as the first request of a new client loads Vert.x. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The timeout of a client that a test lets time out, once it is warm. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    final MutableClock clock = new MutableClock(NOW);
    final List<Duration> sleeps = new ArrayList<>();

    FixModelCaller in(FixModel model) {
        return new FixModelCaller(model, new SpendBudget(SpendLedger.inMemory(), ModelPrices.standard(),
                Optional.empty(), clock), FixModelCaller.Settings.DEFAULT.withRequestTimeout(TIMEOUT), clock,
                d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, () -> 0.5);
    }

    static HttpTransport transport() {
        return new RestClientTransport(Duration.ofSeconds(2), TIMEOUT);
    }

    /** A client that gives up after {@link #SHORT_TIMEOUT}: warm it with one request before timing anything. */
    static HttpTransport shortTimeoutTransport() {
        return new RestClientTransport(Duration.ofSeconds(2), SHORT_TIMEOUT);
    }

    /** A caller whose request timeout matches {@link #shortTimeoutTransport()}. */
    FixModelCaller withShortTimeout(FixModel model) {
        return new FixModelCaller(model, new SpendBudget(SpendLedger.inMemory(), ModelPrices.standard(),
                Optional.empty(), clock), FixModelCaller.Settings.DEFAULT.withRequestTimeout(SHORT_TIMEOUT), clock,
                d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, () -> 0.5);
    }

    static FixModelRequest request(String model) {
        return FixModelRequest.of("You fix failing end-to-end tests. Answer with the JSON schema given.",
                "<evidence>\nThe failure, as data: waiting for getByRole('button', { name: 'Buy now' })\n</evidence>",
                4_096, model, Optional.empty());
    }
}
