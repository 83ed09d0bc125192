package dev.feedbackloop.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedNamesTest {

    @Test
    void aNameKeepsItselfTheFirstTimeAndIsNumberedAfter() {
        RepeatedNames names = new RepeatedNames();

        assertThat(names.name("Cart", "adds")).isEqualTo("adds");
        assertThat(names.name("Cart", "adds")).isEqualTo("adds [2]");
        assertThat(names.name("Basket", "adds")).isEqualTo("adds");
        assertThat(names.name("Cart", "adds")).isEqualTo("adds [3]");
    }

    @Test
    void suiteAndNameAreNotConfusedAcrossTheirBoundary() {
        RepeatedNames names = new RepeatedNames();

        assertThat(names.name("a b", "c")).isEqualTo("c");
        assertThat(names.name("a", "b c")).isEqualTo("b c");
        assertThat(names.name("", "a b c")).isEqualTo("a b c");
    }

    @Test
    void manyDistinctNamesStayDistinctAsTheTableGrows() {
        RepeatedNames names = new RepeatedNames();
        for (int i = 0; i < 200_000; i++) {
            assertThat(names.name("suite " + (i % 7), "test " + i)).isEqualTo("test " + i);
        }
        assertThat(names.name("suite 3", "test 3")).isEqualTo("test 3 [2]");
        assertThat(names.name("Aa", "x")).isEqualTo("x"); // "Aa" and "BB" share String.hashCode()
        assertThat(names.name("BB", "x")).isEqualTo("x");
    }
}
