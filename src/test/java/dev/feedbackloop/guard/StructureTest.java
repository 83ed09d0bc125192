package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests, hooks and scopes found in each language, and statements split with their control blocks. */
class StructureTest {

    @Test
    void javascriptTestsHooksAndDescribePaths() {
        ParsedFile file = ParsedFile.parse(Files.playwright("const a = 1;", "", "await expect(x).toBe(1);"),
                Language.JAVASCRIPT);

        assertThat(file.units).extracting(Unit::key).contains("HOOK:Orders › test.beforeEach",
                "TEST:Orders › lists the open orders", "TEST:Orders › shows an empty archive", "SCOPE:");
        Unit test = file.tests().get(0);
        assertThat(test.header().get().text()).startsWith("test ( \"lists the open orders\"");
        assertThat(test.body()).extracting(Statement::text).containsExactly("await expect ( x ) . toBe ( 1 )");
    }

    @Test
    void automaticSemicolonsEndStatementsButChainsContinue() {
        ParsedFile file = ParsedFile.parse("""
                test('t', async ({ page }) => {
                  const row = page
                    .getByRole('row')
                    .first()
                  await expect(row)
                    .toBeVisible()
                })
                """, Language.JAVASCRIPT);

        assertThat(file.tests().get(0).body()).hasSize(2);
    }

    @Test
    void controlBlocksBecomeContext() {
        ParsedFile file = ParsedFile.parse("""
                it('t', async () => {
                  try {
                    if (ok) { await a(); } else b();
                  } catch (e) {
                    log(e);
                  }
                });
                """, Language.JAVASCRIPT);

        List<Statement> body = file.tests().get(0).body();
        assertThat(body).extracting(s -> s.text() + " @" + s.context().stream().map(b -> b.kind().name()).toList())
                .containsExactly("try @[]", "if ( ok ) @[TRY]", "await a ( ) @[TRY, IF]", "else @[TRY]",
                        "b ( ) @[TRY, ELSE]", "catch ( e ) @[]", "log ( e ) @[CATCH]");
        Block tryBlock = body.get(0).opens().get();
        Block catchBlock = body.get(5).opens().get();
        assertThat(catchBlock.group()).isEqualTo(tryBlock.group());
    }

    @Test
    void pythonTestsFixturesDecoratorsAndBlocks() {
        ParsedFile file = ParsedFile.parse("""
                import pytest

                @pytest.fixture
                def signed_in(page):
                    page.goto("/login")


                @pytest.mark.slow
                def test_orders(page, signed_in):
                    for row in rows:
                        assert row.is_visible()
                    try:
                        page.click("x")
                    except Exception:
                        pass
                """, Language.PYTHON);

        assertThat(file.units).extracting(Unit::kind, Unit::title).contains(
                org.assertj.core.groups.Tuple.tuple(Unit.Kind.HOOK, "signed_in"),
                org.assertj.core.groups.Tuple.tuple(Unit.Kind.TEST, "test_orders"));
        Unit test = file.tests().get(0);
        assertThat(test.header().get().text()).startsWith("@ pytest . mark . slow def test_orders");
        assertThat(test.body()).extracting(s -> s.context().size()).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(test.body().get(4).opens().get().group()).isEqualTo(test.body().get(2).opens().get().group());
    }

    @Test
    void javaTestsHooksHelpersFieldsAndNestedClasses() {
        ParsedFile file = ParsedFile.parse("""
                class CartTest {
                    private final WebDriver driver = new ChromeDriver();

                    @BeforeEach
                    void open() { driver.get(URL); }

                    @Test
                    @DisplayName("adds an item")
                    void addsAnItem() throws Exception {
                        for (var item : items) { assertTrue(item.isDisplayed()); }
                    }

                    private void helper() { }

                    @Nested
                    class Empty {
                        @ParameterizedTest
                        void showsNothing(int n) { assertEquals(0, n); }
                    }
                }
                """, Language.JAVA);

        assertThat(file.units).extracting(Unit::key).contains("HOOK:CartTest › open", "TEST:CartTest › addsAnItem",
                "HELPER:CartTest › helper", "TEST:CartTest › Empty › showsNothing", "SCOPE:CartTest");
        Unit test = file.tests().get(0);
        assertThat(test.header().get().text()).contains("@ DisplayName").contains("throws Exception");
        assertThat(test.body()).hasSize(2);
    }
}
