package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelCaller;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.ModelPrices;
import dev.feedbackloop.regenerate.SpendBudget;
import dev.feedbackloop.store.SpendLedger;
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

    /**
     * Plays {@code responses} to {@code model} through a caller and checks the outcome: an answer after
     * {@code requests} calls when {@code expected} is null, else that fault, its transience, and a message naming the
     * provider and none of {@code secrets}; in both cases the requests the server got and the waits between them.
     */
    void expect(FixModel model, FakeProviderServer server, List<FakeProviderServer.Scripted> responses,
                String modelId, FixModelFault expected, int requests, List<Duration> waits, String... secrets) {
        responses.forEach(server::then);
        if (expected == null) {
            assertThat(in(model).ask("web-shop", request(modelId)).attempts()).isEqualTo(requests);
        } else {
            assertThatThrownBy(() -> in(model).ask("web-shop", request(modelId)))
                    .isInstanceOfSatisfying(FixModelException.class, e -> {
                        assertThat(e.fault()).as(e.getMessage()).isEqualTo(expected);
                        assertThat(e.isTransient()).isEqualTo(expected.isTransient());
                        assertThat(e.provider()).isEqualTo(model.provider());
                        assertThat(e.getMessage()).startsWith(model.provider()).doesNotContain(secrets);
                    });
        }
        assertThat(server.received()).hasSize(requests);
        assertThat(sleeps).isEqualTo(waits);
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
