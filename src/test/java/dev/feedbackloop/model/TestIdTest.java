package dev.feedbackloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestIdTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "tests/login.spec.ts, tests.login.spec",
            "tests\\login.spec.ts, tests/login.spec",
            "./tests/login.spec.ts, tests.login.spec.ts",
            "com.acme.LoginTest, com/acme/LoginTest.java",
    })
    void sameSuiteWrittenDifferentlyGivesTheSameId(String suiteA, String suiteB) {
        assertThat(TestId.derive("web", suiteA, "logs in", Optional.empty()))
                .isEqualTo(TestId.derive("web", suiteB, "logs in", Optional.empty()));
    }

    @Test
    void whitespaceInNamesDoesNotMatter() {
        assertThat(TestId.derive("web", "S", "logs   in\n", Optional.empty()))
                .isEqualTo(TestId.derive("web", "S", "logs in", Optional.empty()));
    }

    @Test
    void projectSuiteAndNameEachDistinguish() {
        TestId base = TestId.derive("web", "S", "logs in", Optional.empty());
        assertThat(TestId.derive("api", "S", "logs in", Optional.empty())).isNotEqualTo(base);
        assertThat(TestId.derive("web", "T", "logs in", Optional.empty())).isNotEqualTo(base);
        assertThat(TestId.derive("web", "S", "logs out", Optional.empty())).isNotEqualTo(base);
    }

    @Test
    void fileStandsInForAMissingSuiteAndLosesItsWorkspacePrefix() {
        TestId onRunner = TestId.derive("py", "", "test_x",
                Optional.of("/home/runner/work/app/app/tests/test_login.py"));
        TestId onLaptop = TestId.derive("py", "", "test_x", Optional.of("tests/test_login.py"));
        assertThat(onRunner).isEqualTo(onLaptop);
    }

    @Test
    void idIsPinned() {
        // Golden value: a change here re-keys every stored test history, so it must be a visible decision.
        assertThat(TestId.derive("web", "com.acme.LoginTest", "logs in", Optional.empty()).value())
                .isEqualTo(PINNED);
    }

    @Test
    void blankProjectOrNameIsRejected() {
        assertThatThrownBy(() -> TestId.derive(" ", "S", "n", Optional.empty())).hasMessageContaining("project");
        assertThatThrownBy(() -> TestId.derive("p", "S", " ", Optional.empty())).hasMessageContaining("name");
    }

    private static final String PINNED = "68e3402ca26034c5";
}
