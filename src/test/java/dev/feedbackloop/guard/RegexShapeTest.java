package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a pattern pins down, compared with the exact text it replaces. */
class RegexShapeTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void measuresWhatThePatternKeeps(String pattern, String flags, String literal, boolean anchored,
                                     boolean catchAll, boolean digits) {
        RegexShape shape = RegexShape.of(pattern, flags);

        assertThat(shape.literal()).isEqualTo(literal);
        assertThat(shape.anchored()).isEqualTo(anchored);
        assertThat(shape.catchAll()).isEqualTo(catchAll);
        assertThat(shape.digits()).isEqualTo(digits);
    }

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of(".*", "", "", false, true, false),
                Arguments.of("^.+$", "", "", true, true, false),
                Arguments.of("[\\s\\S]*", "", "", false, true, false),
                Arguments.of("^Invoice INV-\\d{4}$", "", "Invoice INV-", true, false, true),
                Arguments.of("saved|failed", "i", "saved", false, false, false),
                Arguments.of("^Total: (EUR )?\\d+\\.\\d\\d$", "", "Total: .", true, false, true),
                Arguments.of("(?:a|bc)d", "", "ad", false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void countsTheTextsANarrowPatternAdmits(String pattern, double size) {
        assertThat(RegexShape.of(pattern, "").languageSize()).isEqualTo(size);
    }

    static Stream<Arguments> languages() {
        return Stream.of(
                Arguments.of("^(Paid|Pending)$", 2.0),
                Arguments.of("^2024-05-0[12]$", 2.0),
                Arguments.of("^colou?r$", 2.0),
                Arguments.of("^\\d{2}$", 100.0),
                Arguments.of("^a.*$", Double.POSITIVE_INFINITY));
    }
}
