package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a code frame the rules read: the lines that ran, the failing one and its caret; not the lines after. */
class CodeFrameContextTest {

    @Test
    void linesAfterTheFailingLineAreDropped_linesBeforeItStay() {
        String message = """
                Error: boom

                  20 |     const frame = page.frames()[1];
                > 21 |     await frame.click('#pay');
                     |                 ^
                  22 |     await expect(page).toHaveURL(/done/);
                  23 |   });

                    at tests/pay.spec.ts:21:17
                """;

        assertThat(RuleInput.withoutCodeFrameContext(message)).isEqualTo("""
                Error: boom

                  20 |     const frame = page.frames()[1];
                > 21 |     await frame.click('#pay');
                     |                 ^

                    at tests/pay.spec.ts:21:17
                """);
    }

    @Test
    void withoutAMarkedFailingLineNothingIsDropped() {
        String hurl = "error: Assert status code\n  --> tests/a.hurl:6:6\n   |\n 6 | HTTP 201\n   |      ^^^ actual value is <400>";
        String table = "| id | name |\n  12 | shoes\n  13 | socks";

        assertThat(RuleInput.withoutCodeFrameContext(hurl)).isSameAs(hurl);
        assertThat(RuleInput.withoutCodeFrameContext(table)).isSameAs(table);
    }

    @Test
    void aSecondFrameIsReadTheSameWay() {
        String message = "> 5 | a();\n  6 | b();\nRetry #1\n  4 | setup();\n> 5 | a();\n  6 | b();";

        assertThat(RuleInput.withoutCodeFrameContext(message)).isEqualTo("> 5 | a();\nRetry #1\n  4 | setup();\n> 5 | a();\n");
    }
}
