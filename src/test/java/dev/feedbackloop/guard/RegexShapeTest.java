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

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinnedInPart")
    void tellsANumberPinnedInPart_fromAFormat(String pattern, boolean pinnedInPart) {
        assertThat(RegexShape.of(pattern, "").pinsPartOfANumber()).isEqualTo(pinnedInPart);
    }

    static Stream<Arguments> pinnedInPart() {
        return Stream.of(
                Arguments.of("Total: £8\\d\\.\\d0", true),
                Arguments.of("^\\d{2}5 units$", true),
                Arguments.of("1[0-9] seats", true),
                Arguments.of("^Invoice INV-\\d{4}$", false),
                Arguments.of("Updated \\d\\d:\\d\\d", false),
                Arguments.of("2026-\\d{2}-\\d{2}", false),
                Arguments.of("Order #(\\d+) \\1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alternations")
    void splitsTopLevelAlternativesOnly(String pattern, java.util.List<String> alternatives) {
        assertThat(RegexShape.of(pattern, "").topLevelAlternatives()).isEqualTo(alternatives);
    }

    static Stream<Arguments> alternations() {
        return Stream.of(
                Arguments.of("LF-T1-\\d{4}|Assigning tag", java.util.List.of("LF-T1-\\d{4}", "Assigning tag")),
                Arguments.of("^(Paid|Settled) in full$", java.util.List.of("^(Paid|Settled) in full$")),
                Arguments.of("[a|b]c|\\|d", java.util.List.of("[a|b]c", "\\|d")));
    }
}
