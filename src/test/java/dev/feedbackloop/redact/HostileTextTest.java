package dev.feedbackloop.redact;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.feedbackloop.testing.HostileText;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every redaction and normalisation pass finishes on 1 MB of pathological text well within a generous bound. A
 * linear pass takes tens of milliseconds here ({@code ./bench.sh RedactionBenchmark} prints the figures); the
 * quadratic ones of issue 10 took minutes, so the bound catches such a regression on any machine, however loaded,
 * without timing anything finely.
 */
class HostileTextTest {

    private static final int MEGABYTE = 1 << 20;
    private static final Duration GENEROUS = Duration.ofSeconds(15);

    static Stream<HostileText.Case> cases() {
        return HostileText.CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finishesOnAMegabyteOfHostileText(HostileText.Case hostile) {
        String text = hostile.text(MEGABYTE);
        assertTimeoutPreemptively(GENEROUS, () -> hostile.run().accept(text),
                () -> hostile + " took longer than " + GENEROUS + " on " + text.length() + " characters");
    }
}
