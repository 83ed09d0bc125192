package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.SCOPE_ESCAPE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code scope-escape} on shared steps and shared test data, where what the other tests are about decides: a shared
 * hook whose edit removes the value a sibling test is titled after (the login's role 'mentor' and "mentors can
 * leave feedback") is an error even though the failure names the value; a constant of test data that only gains the
 * entry the failure asks for is a warning. Each rule in three frameworks, with the nearby forms that keep their
 * verdict. The apps are invented.
 */
class ScopeSubjectTest {

    private static final String FORBIDDEN = "Error: expect(received).toBe(expected) // Object.is equality\n\n"
            + "Expected: 201\nReceived: 403\n\n"
            + "Response body: {\"error\":\"forbidden\",\"detail\":\"role 'mentor' cannot submit scores; judges only\"}";
    private static final String MISSING_8000 = "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n\n"
            + "Locator: getByRole('alert')\nExpected string: \"Audiogram saved\"\n"
            + "Received string: \"Enter a threshold for Left ear 8000 Hz\"";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheSharedEdit(GuardCase c) {
        GuardVerdict verdict = FixGuard.check(c.fix());

        if (c.reject()) {
            assertThat(verdict.rejectsFor(SCOPE_ESCAPE)).as("scope-escape rejects; findings: %s", verdict.findings())
                    .isTrue();
        } else {
            assertThat(verdict.accepted()).as("kept; findings: %s", verdict.findings()).isTrue();
            assertThat(verdict.findings()).as("still reviewed").anyMatch(f -> f.rule() == SCOPE_ESCAPE);
        }
    }

    static Stream<GuardCase> cases() {
        return Stream.of(subjects(), entries(), routes()).flatMap(List::stream);
    }

    private static List<GuardCase> subjects() {
        return List.of(
                judging("Playwright: the shared role a sibling test is about", PLAYWRIGHT_TS, playwright("mentor",
                        "mentors can leave feedback"), playwright("organiser", "mentors can leave feedback"), true),
                judging("Playwright: the shared role no sibling title names", PLAYWRIGHT_TS, playwright("mentor",
                        "shows the pitch deck"), playwright("organiser", "shows the pitch deck"), false),
                judging("Cypress: the shared role a sibling test is about", CYPRESS, cypress("mentor",
                        "a mentor leaves feedback"), cypress("organiser", "a mentor leaves feedback"), true),
                judging("Cypress: the shared role no sibling title names", CYPRESS, cypress("mentor",
                        "shows the pitch deck"), cypress("organiser", "shows the pitch deck"), false),
                judging("JUnit: the @BeforeEach role a sibling test is about", SELENIUM_JAVA, java("mentor",
                        "mentorsCanLeaveFeedback"), java("organiser", "mentorsCanLeaveFeedback"), true),
                judging("JUnit: the @BeforeEach role no sibling name names", SELENIUM_JAVA, java("mentor",
                        "showsThePitchDeck"), java("organiser", "showsThePitchDeck"), false),
                judging("Playwright: the sibling's subject kept, only reworded", PLAYWRIGHT_TS, playwright("mentor",
                        "mentors can leave feedback"), playwright("mentors", "mentors can leave feedback"), false));
    }

    private static List<GuardCase> entries() {
        String left = "250: '20', 500: '25', 1000: '35', 2000: '50', 4000: '60'";
        String pyLeft = "250: \"20\", 500: \"25\", 1000: \"35\", 2000: \"50\", 4000: \"60\"";
        String jvLeft = "250, \"20\", 500, \"25\", 1000, \"35\", 2000, \"50\", 4000, \"60\"";
        return List.of(
                audiogram("Playwright: the constant gains the entry the failure asks for", PLAYWRIGHT_TS,
                        audiogramTs(left), audiogramTs(left + ", 8000: '70'"), false),
                audiogram("Playwright: an existing entry changed as well", PLAYWRIGHT_TS, audiogramTs(left),
                        audiogramTs(left.replace("4000: '60'", "4000: '65'") + ", 8000: '70'"), true),
                audiogram("Playwright: an entry the failure does not name", PLAYWRIGHT_TS, audiogramTs(left),
                        audiogramTs(left + ", 6000: '70'"), true),
                audiogram("Playwright: an existing entry dropped for the new one", PLAYWRIGHT_TS, audiogramTs(left),
                        audiogramTs(left.replace(", 4000: '60'", "") + ", 8000: '70'"), true),
                audiogram("pytest: the module constant gains the entry the failure asks for", PYTEST_PLAYWRIGHT,
                        audiogramPy(pyLeft), audiogramPy(pyLeft + ", 8000: \"70\""), false),
                audiogram("pytest: an existing entry changed as well", PYTEST_PLAYWRIGHT, audiogramPy(pyLeft),
                        audiogramPy(pyLeft.replace("250: \"20\"", "250: \"15\"") + ", 8000: \"70\""), true),
                audiogram("JUnit: the Map.of constant gains the entry the failure asks for", SELENIUM_JAVA,
                        audiogramJava(jvLeft), audiogramJava(jvLeft + ", 8000, \"70\""), false),
                audiogram("JUnit: an entry the failure does not name", SELENIUM_JAVA, audiogramJava(jvLeft),
                        audiogramJava(jvLeft + ", 6000, \"70\""), true));
    }

    private static GuardCase judging(String name, Framework framework, String original, String proposed,
                                     boolean reject) {
        String title = switch (framework) {
            case CYPRESS -> "Judging a judge can submit scores";
            case SELENIUM_JAVA -> "JudgingTest.judgeCanSubmitScores";
            default -> "Judging › a judge can submit scores";
        };
        return new GuardCase(name, framework, title, FORBIDDEN, original, proposed, reject,
                reject ? List.of(SCOPE_ESCAPE) : List.of());
    }

    private static GuardCase audiogram(String name, Framework framework, String original, String proposed,
                                       boolean reject) {
        String title = switch (framework) {
            case PYTEST_PLAYWRIGHT -> "test_saving_a_complete_audiogram_confirms_it[chromium]";
            case SELENIUM_JAVA -> "AudiogramTest.savingACompleteAudiogramConfirmsIt";
            default -> "Hearing-aid fittings › saving a complete audiogram confirms it";
        };
        return new GuardCase(name, framework, title, MISSING_8000, original, proposed, reject,
                reject ? List.of(SCOPE_ESCAPE) : List.of());
    }

    private static String playwright(String role, String sibling) {
        return """
                import { test, expect } from '@playwright/test';
                import { signIn } from '../support/auth';

                test.describe('Judging', () => {
                  test.beforeEach(async ({ page }) => {
                    await signIn(page, '%s');
                    await page.goto('/events/harbour/teams/lumen');
                  });

                  test('a judge can submit scores', async ({ page }) => {
                    const res = await page.request.post('/api/scores', { data: { team: 'lumen', pitch: 7 } });
                    expect(res.status()).toBe(201);
                  });

                  test('%s', async ({ page }) => {
                    await page.getByRole('button', { name: 'Leave feedback' }).click();
                    await expect(page.getByRole('status')).toHaveText('Feedback sent');
                  });
                });
                """.formatted(role, sibling);
    }

    private static String cypress(String role, String sibling) {
        return """
                describe('Judging', () => {
                  beforeEach(() => {
                    cy.signIn('%s');
                    cy.visit('/events/harbour/teams/lumen');
                  });

                  it('a judge can submit scores', () => {
                    cy.request('POST', '/api/scores', { team: 'lumen', pitch: 7 }).its('status').should('eq', 201);
                  });

                  it('%s', () => {
                    cy.contains('button', 'Leave feedback').click();
                    cy.get('[role=status]').should('have.text', 'Feedback sent');
                  });
                });
                """.formatted(role, sibling);
    }

    private static String java(String role, String sibling) {
        return """
                package org.example.judging;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.BeforeEach;
                import org.junit.jupiter.api.Test;
                import org.openqa.selenium.By;
                import org.openqa.selenium.WebDriver;

                class JudgingTest {
                    private WebDriver driver;
                    private Api api;

                    @BeforeEach
                    void signIn() {
                        api = Api.signIn("%s");
                        driver = Browser.open(api, "/events/harbour/teams/lumen");
                    }

                    @Test
                    void judgeCanSubmitScores() {
                        assertEquals(201, api.post("/api/scores", "{\\"team\\":\\"lumen\\",\\"pitch\\":7}").status());
                    }

                    @Test
                    void %s() {
                        driver.findElement(By.cssSelector("[data-test='leave-feedback']")).click();
                        assertEquals("Feedback sent", driver.findElement(By.cssSelector("[role='status']")).getText());
                    }
                }
                """.formatted(role, sibling);
    }

    private static String audiogramTs(String left) {
        return """
                import { test, expect } from '@playwright/test';

                const LEFT = { %s };

                test.describe('Hearing-aid fittings', () => {
                  test('saving a complete audiogram confirms it', async ({ page }) => {
                    await page.goto('/fittings/new');
                    for (const [hz, db] of Object.entries(LEFT)) {
                      await page.getByLabel(`Left ear ${hz} Hz`).fill(db);
                    }
                    await page.getByRole('button', { name: 'Save audiogram' }).click();
                    await expect(page.getByRole('alert')).toHaveText('Audiogram saved');
                  });

                  test('shows the hearing loss grade', async ({ page }) => {
                    await page.goto('/fittings/new');
                    await page.getByLabel('Left ear 4000 Hz').fill(LEFT[4000]);
                    await expect(page.getByTestId('grade')).toHaveText('Moderate');
                  });
                });
                """.formatted(left);
    }

    private static String audiogramPy(String left) {
        return """
                from playwright.sync_api import Page, expect

                LEFT = {%s}


                def test_saving_a_complete_audiogram_confirms_it(page: Page):
                    page.goto("/fittings/new")
                    for hz, db in LEFT.items():
                        page.get_by_label(f"Left ear {hz} Hz").fill(db)
                    page.get_by_role("button", name="Save audiogram").click()
                    expect(page.get_by_role("alert")).to_have_text("Audiogram saved")


                def test_shows_the_hearing_loss_grade(page: Page):
                    page.goto("/fittings/new")
                    page.get_by_label("Left ear 4000 Hz").fill(LEFT[4000])
                    expect(page.get_by_test_id("grade")).to_have_text("Moderate")
                """.formatted(left);
    }

    private static String audiogramJava(String left) {
        return """
                package org.example.fittings;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import java.util.Map;
                import org.junit.jupiter.api.Test;
                import org.openqa.selenium.By;
                import org.openqa.selenium.WebDriver;

                class AudiogramTest {
                    private static final Map<Integer, String> LEFT = Map.of(%s);
                    private final WebDriver driver = Browser.open("/fittings/new");

                    @Test
                    void savingACompleteAudiogramConfirmsIt() {
                        LEFT.forEach((hz, db) -> driver.findElement(By.id("left-" + hz)).sendKeys(db));
                        driver.findElement(By.cssSelector("[data-test='save-audiogram']")).click();
                        assertEquals("Audiogram saved", driver.findElement(By.cssSelector("[role='alert']")).getText());
                    }

                    @Test
                    void showsTheHearingLossGrade() {
                        driver.findElement(By.id("left-4000")).sendKeys(LEFT.get(4000));
                        assertEquals("Moderate", driver.findElement(By.cssSelector("[data-test='grade']")).getText());
                    }
                }
                """.formatted(left);
    }

    private static final String STUB = "await page.route('**/api/v2/forecast?spot=praia-norte*', (route) =>"
            + " route.fulfill({ json: { windKnots: 18 } }));";

    /**
     * A shared route stub moved to the address the failure's log shows the app calling now: the glob is named by
     * its fixed part, so the edit is the fix's, reviewed as a warning; an address the failure does not show stays an
     * error.
     */
    private static List<GuardCase> routes() {
        String log = "Locator: getByText('Wind 16-18 kn')\nExpected: visible\nReceived: <element(s) not found>\n"
                + "[browser] GET https://kites.example.test/api/v3/forecast?spot=praia-norte&days=3 -> 503";
        return List.of(
                accept("a shared stub moved to the API version the log shows", PLAYWRIGHT_TS,
                        Files.playwright("", "\n    " + STUB, "await expect(page.getByText('Wind 16-18 kn')).toBeVisible();"),
                        Files.playwright("", "\n    " + STUB.replace("v2", "v3"),
                                "await expect(page.getByText('Wind 16-18 kn')).toBeVisible();")).failing(log),
                reject("a shared stub moved to an address the failure does not show", PLAYWRIGHT_TS,
                        Files.playwright("", "\n    " + STUB, "await expect(page.getByText('Wind 16-18 kn')).toBeVisible();"),
                        Files.playwright("", "\n    " + STUB.replace("v2/forecast", "v9/weather"),
                                "await expect(page.getByText('Wind 16-18 kn')).toBeVisible();"), SCOPE_ESCAPE)
                        .failing(log));
    }
}
