package dev.feedbackloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Payment card numbers are redacted by {@link Redactor}; the other long numbers of test output are not. */
class CardNumbersTest {

    private static final Redactor REDACTOR = Redactor.standard();
    private static final String CARD = "[REDACTED:card-number]";

    static Stream<Arguments> cards() {
        return Stream.of(
                Arguments.of("Visa grouped by spaces", "Expected card 4111 1111 1111 1111 to be accepted",
                        "Expected card " + CARD + " to be accepted"),
                Arguments.of("Mastercard grouped by dashes", "fill('#card', '5555-5555-5555-4444')",
                        "fill('#card', '" + CARD + "')"),
                Arguments.of("Amex together", "card=378282246310005 declined", "card=" + CARD + " declined"),
                Arguments.of("Amex 4-6-5", "pay with 3782 822463 10005.", "pay with " + CARD + "."),
                Arguments.of("Diners 4-6-4", "3056 930902 5904", CARD),
                Arguments.of("Visa 13 digits", "old visa 4222222222222", "old visa " + CARD),
                Arguments.of("Discover", "\"number\":\"6011111111111117\"", "\"number\":\"" + CARD + "\""),
                Arguments.of("JCB", "JCB 3530111333300000 ok", "JCB " + CARD + " ok"),
                Arguments.of("Mastercard 2-series", "2223003122003222", CARD),
                Arguments.of("UnionPay", "6200000000000005", CARD),
                Arguments.of("in a URL path", "GET /cards/4111111111111111/charge 402",
                        "GET /cards/" + CARD + "/charge 402"),
                Arguments.of("after a word and a dash", "test pays-4111111111111111 fails", "test pays-" + CARD
                        + " fails"),
                Arguments.of("grouped, then an expiry", "4111 1111 1111 1111 12/29 cvc 123", CARD + " 12/29 cvc 123"),
                Arguments.of("grouped, then more numbers", "4111 1111 1111 1111 2029", CARD + " 2029"),
                Arguments.of("together, then more numbers", "5105105105105100 2029 123", CARD + " 2029 123"),
                Arguments.of("two cards", "4111111111111111,5555555555554444", CARD + "," + CARD),
                Arguments.of("in an assertion", "expected: <4111111111111111> but was: <null>",
                        "expected: <" + CARD + "> but was: <null>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cards")
    void redactsCardNumbers(String name, String text, String expected) {
        assertThat(REDACTOR.redact(text)).isEqualTo(expected);
        assertThat(REDACTOR.redact(expected)).as("redacting again changes nothing").isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "at 1733580000003 the clock read",                 // epoch millis that pass Luhn: no issuer starts with 1
        "timestamp=1733580000000 elapsed=1733580004123",   // epoch millis
        "startedAt 1733580000000123 (micros)",
        "order 4000123456789010 was not found",            // an order number in Visa's range that fails Luhn
        "order 4111111111111112 was not found",            // one digit off a test card
        "snowflake id 1866483726364829696",                // 19 digits passing Luhn, no issuer
        "user 41111111111111111111 has no cart",           // 20 digits: too long
        "v4111111111111111",                               // joined to a word
        "version 4.1111111111111111 and 1.4111111111111111",
        "amount 4111111111111111.50 EUR",                  // a decimal
        "sha 4111111111111111abcdef0123456789abcdef01",     // a hex hash that starts with digits
        "a3f54111111111111111bd",                          // digits inside a hex hash
        "550e8400-e29b-41d4-a716-446655440000",            // a UUID
        "4111-1111-1111-1111-1111-1111-4111-1111",         // dash-joined ids, not one card
        "call +4111111111111111 or +1 555 123 4567",       // phone numbers
        "+44 7911 123456, (555) 123-4567, 555-123-4567",
        "delta -4111111111111111 expected 0",              // a negative long
        "2026-12-07T12:27:10.123Z took 4111111111111111ns", // a duration with its unit
        "range 12-4111111111111111",
        "at 12:4111111111111111",
        "4111 1111 1111 111",                              // a grouping no card uses
        "4111  1111  1111  1111",                          // two blanks: not one number
        "4111 1111-1111 1111",                             // mixed separators
        "3782 8224 6310 005",                              // Amex digits in a Visa grouping
        "5555555555554444555",                             // Mastercard is 16 digits only
        "build 9223372036854775807 Long.MAX_VALUE",
        "[REDACTED:card-number] stays as it is"})
    void leavesOtherNumbers(String text) {
        assertThat(REDACTOR.redact(text)).isSameAs(text);
    }

    @Test
    void findsACardAfterAMegabyteOfGroupsThatAreNone() {
        String text = "4 ".repeat(500_000) + "4111 1111 1111 1111";
        assertThat(REDACTOR.redact(text)).endsWith(" 4 " + CARD).hasSize(1_000_000 + CARD.length());
    }

    @Test
    void luhnAcceptsTheCheckDigitAndNothingElse() {
        char[] card = "4111111111111111".toCharArray();
        assertThat(CardNumbers.luhn(card, card.length)).isTrue();
        for (char d = '2'; d <= '9'; d++) {
            card[15] = d;
            assertThat(CardNumbers.luhn(card, card.length)).as("check digit %s", d).isFalse();
        }
    }
}
