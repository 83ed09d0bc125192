package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A check that cannot read a proposal rejects it instead of ending the guard (and the run that called it). */
class FailClosedTest {

    private static final String BODY = "await expect(page.getByRole('row')).toHaveCount(4);";

    @Test
    void aCheckThatFailsRejectsTheProposalAndTheOtherChecksStillReport() {
        Rule broken = (comparison, findings) -> {
            throw new IndexOutOfBoundsException("Index -1 out of bounds for length 1");
        };
        ProposedFix fix = ProposedFix.of(Framework.PLAYWRIGHT_TS, "tests/orders.spec.ts", Files.PW_TITLE, null, "",
                Files.playwright(BODY), Files.playwright("await page.waitForTimeout(2000);\n" + BODY));

        GuardVerdict verdict = FixGuard.check(fix, List.of(broken, new SleepRule()));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.findings()).extracting(Finding::rule)
                .containsExactlyInAnyOrder(GuardRule.SCOPE_ESCAPE, GuardRule.FIXED_SLEEP);
        assertThat(verdict.findings().get(0).message()).contains("could not finish reading the proposal")
                .contains("IndexOutOfBoundsException");
    }

    @Test
    void theGuardsOwnChecksAcceptAGenuineFixThroughTheSameEntry() {
        ProposedFix fix = ProposedFix.of(Framework.PLAYWRIGHT_TS, "tests/orders.spec.ts", Files.PW_TITLE, null, "",
                Files.playwright(BODY), Files.playwright(BODY.replace("getByRole('row')", "getByRole('row', { name:"
                        + " /ORD-/ })")));

        assertThat(FixGuard.check(fix).accepted()).isTrue();
    }
}
