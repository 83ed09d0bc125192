package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionQuantityTest {

    @Test
    void aDifferenceTheTitleNamesInWords_isTheActionUndone() {
        assertThat(ActionQuantity.undone("14 units", "16 units",
                "test_issuing_two_units_of_o_negative_decrements_stock[chromium]", List.of()))
                .contains("2 ('two' in the test's title)");
        assertThat(ActionQuantity.undone("24 bikes", "14 bikes",
                "DockRebalanceTest.movingTenBikesFromQuaysideToStationSquare", List.of()))
                .contains("10 ('ten' in the test's title)");
    }

    @Test
    void aDifferenceTheTestTypes_orTheTitleNamesInDigits_isTheActionUndone() {
        assertThat(ActionQuantity.undone("Stock: 40", "Stock: 43", "Stock › receiving a delivery", List.of("3")))
                .contains("3 (the '3' the test types)");
        assertThat(ActionQuantity.undone("7", "12", "Cart › removes 5 items", List.of())).isPresent();
    }

    @Test
    void anyOtherChange_isLeftToTheReviewer() {
        assertThat(ActionQuantity.undone("Total: £84.00", "Total: £87.50", "Tickets › two stalls seats show the total",
                List.of())).as("a price that changed by 3.50, not by the two seats").isEmpty();
        assertThat(ActionQuantity.undone("14 units", "16 units", "Stock › shows the level", List.of())).isEmpty();
        assertThat(ActionQuantity.undone("2 of 14", "3 of 16", "Queue › issuing two units", List.of()))
                .as("two numbers changed").isEmpty();
        assertThat(ActionQuantity.undone("Seats left", "Seats left: 2", "Seats › two seats", List.of())).isEmpty();
    }

    private static final String STOCK = """
            import { test, expect } from '@playwright/test';

            test.describe('Blood bank', () => {
              test('issuing two units decrements the stock', async ({ page }) => {
                await page.goto('/inventory/central');
                await page.getByRole('button', { name: 'Issue' }).click();
                await page.getByLabel('Units').fill('2');
                await page.getByRole('button', { name: 'Confirm issue' }).click();
                await expect(page.getByTestId('units')).toHaveText('14 units');
              });
            });
            """;
    private static final String FAILURE = """
            Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)

            Locator: getByTestId('units')
            Expected string: "14 units"
            Received string: "16 units"
            """;

    @Test
    void theGuardRejectsExpectingTheStateBeforeTheAction_andKeepsAnotherUpdate() {
        GuardVerdict undone = FixGuard.check(ProposedFix.of(Framework.PLAYWRIGHT_TS, "tests/stock.spec.ts",
                "Blood bank › issuing two units decrements the stock", null, FAILURE, STOCK,
                STOCK.replace("'14 units'", "'16 units'")));
        GuardVerdict updated = FixGuard.check(ProposedFix.of(Framework.PLAYWRIGHT_TS, "tests/stock.spec.ts",
                "Blood bank › issuing two units decrements the stock", null,
                FAILURE.replace("16 units", "14 units (2 reserved)"), STOCK,
                STOCK.replace("'14 units'", "'14 units (2 reserved)'")));

        assertThat(undone.rejectsFor(GuardRule.ASSERTION_WEAKENED)).as("%s", undone.findings()).isTrue();
        assertThat(updated.accepted()).as("%s", updated.findings()).isTrue();
    }
}
