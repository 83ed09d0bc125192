package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextBufferTest {

    @Test
    void appendsCharactersStringsAndRangesInOrder() {
        TextBuffer buffer = new TextBuffer(4).append('a').append("bc").append("xdefx", 1, 4).append('→');

        assertThat(buffer.toString()).isEqualTo("abcdef→");
        assertThat(buffer.length()).isEqualTo(7);
        assertThat(buffer.last()).isEqualTo('→');
    }

    @Test
    void growsPastItsFirstCapacity() {
        TextBuffer buffer = new TextBuffer(0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            buffer.append((char) ('a' + i % 26)).append("-", 0, i % 2);
            expected.append((char) ('a' + i % 26)).append(i % 2 == 1 ? "-" : "");
        }

        assertThat(buffer.toString()).isEqualTo(expected.toString());
    }

    @Test
    void cutsToAShorterLength() {
        TextBuffer buffer = new TextBuffer(8).append("words  ");
        buffer.setLength(5);

        assertThat(buffer.toString()).isEqualTo("words");
        assertThatThrownBy(() -> buffer.setLength(6)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("was 6");
    }

    @Test
    void anEmptyBufferHasNoLastCharacter() {
        TextBuffer buffer = new TextBuffer(2);

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.toString()).isEmpty();
        assertThatThrownBy(buffer::last).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsANegativeCapacityAndABadRange() {
        assertThatThrownBy(() -> new TextBuffer(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was -1");
        assertThatThrownBy(() -> new TextBuffer(2).append("abc", 2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
