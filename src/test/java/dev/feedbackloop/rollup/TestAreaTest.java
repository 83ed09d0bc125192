package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestAreaTest {

    static Stream<Arguments> tests() {
        return Stream.of(
                Arguments.of("a folder of the file", "", "tests/checkout/cart.spec.ts", "checkout"),
                Arguments.of("generic folders skipped", "", "src/test/e2e/payment/pay.spec.ts", "payment"),
                Arguments.of("a spec at the root", "", "tests/checkout.spec.ts", "checkout"),
                Arguments.of("a Java package", "com.acme.checkout.CartTest", null, "checkout"),
                Arguments.of("a describe path", "Checkout > cart", null, "Checkout"),
                Arguments.of("a bare class", "CartTest", null, "CartTest"),
                Arguments.of("nothing specific", "", "tests/e2e.spec.ts", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void findsTheArea(String name, String suite, String file, String expected) {
        assertThat(TestArea.of(suite, Optional.ofNullable(file))).isEqualTo(Optional.ofNullable(expected));
    }
}
