package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the amounts alone show that a received price answers another question than the test's title. */
class AdoptedAmountTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            QuoteTest.oakBoardsIncludeVat                  | £1,234.80       | £1,029.00       | without its 20% tax
            Basket › total includes sales tax              | $107.00         | $100.00         | without its 7% tax
            Invoice › shows the net amount excluding VAT   | 250.00 EUR      | 297.50 EUR      | with 19% tax added
            Flight booking › books two seats               | Total: £498.00  | Total: £747.00  | what 3 seats cost
            test_three_nights_in_the_cabin                 | €360            | €240            | what 2 nights cost
            """)
    void seesAnotherQuestionAnswered(String title, String expected, String received, String why) {
        assertThat(AdoptedAmount.why(title, expected, received)).hasValueSatisfying(w -> assertThat(w).contains(why));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Plans › upgrading shows the new monthly price | £24.99 / month  | £26.99 / month
            Tickets › choosing two stalls seats           | Total: £84.00   | Total: £87.50
            QuoteTest.oakBoardsIncludeVat                 | £1,234.80       | £1,240.00
            Basket › shows the total                      | $107.00         | $100.00
            Flight booking › books two seats              | Total: £498.00  | Total: £498.00
            Flight booking › books two seats              | 2 seats         | 3 seats
            """)
    void leavesOtherChangesToTheReviewer(String title, String expected, String received) {
        assertThat(AdoptedAmount.why(title, expected, received)).isEmpty();
    }
}
