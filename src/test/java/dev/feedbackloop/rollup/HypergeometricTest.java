package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HypergeometricTest {

    static Stream<Arguments> tables() {
        return Stream.of(
                // Fisher's lady tasting tea: 3 of 4 right; (C(4,3)C(4,1) + C(4,4)) / C(8,4) = 17/70
                Arguments.of("the tea tasting", 3, 4, 1, 4, 17.0 / 70),
                // all 3 failures in the 21 recent runs of 84: C(21,3) / C(84,3)
                Arguments.of("three recent failures after none", 3, 21, 0, 63, 1330.0 / 95284),
                Arguments.of("four recent failures after none", 4, 21, 0, 63, 5985.0 / 1929501),
                Arguments.of("no recent failure", 0, 21, 5, 63, 1.0),
                // sum over x >= 2 of C(8,x) C(72,20-x) / C(80,20), computed exactly with Python integers
                Arguments.of("the same rate", 2, 20, 6, 60, 0.6452696));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void upperTailMatchesTheExactValue(String name, long fa, long ta, long fb, long tb, double expected) {
        assertThat(Hypergeometric.upperTail(fa, ta, fb, tb)).isCloseTo(expected, within(1e-4));
    }

    @Test
    void stirlingAgreesWithTheExactLogFactorialBeyondTheTable() {
        double exact = 0;
        for (int i = 1; i <= 1000; i++) {
            exact += Math.log(i);
        }

        assertThat(Hypergeometric.logFactorial(1000)).isCloseTo(exact, within(1e-9));
    }

    @Test
    void largeCountsStayFinite() {
        double p = Hypergeometric.upperTail(500, 30_000, 1_000, 100_000);

        assertThat(p).isBetween(0.0, 1e-10);
    }
}
