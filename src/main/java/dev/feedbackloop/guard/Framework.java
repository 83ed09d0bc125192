package dev.feedbackloop.guard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The test framework of a proposed fix, which decides the file's language and the implicit timeouts a proposal is
 * compared with.
 */
public enum Framework {
    /** Playwright Test in TypeScript. */
    PLAYWRIGHT_TS("playwright-ts", Language.JAVASCRIPT),
    /** Playwright Test in JavaScript. */
    PLAYWRIGHT_JS("playwright-js", Language.JAVASCRIPT),
    /** Playwright for Python under pytest. */
    PYTEST_PLAYWRIGHT("pytest-playwright", Language.PYTHON),
    /** Cypress. */
    CYPRESS("cypress", Language.JAVASCRIPT),
    /** WebdriverIO with Mocha. */
    WEBDRIVERIO("webdriverio", Language.JAVASCRIPT),
    /** Playwright for Java under JUnit or TestNG. */
    PLAYWRIGHT_JAVA("playwright-java", Language.JAVA),
    /** Selenium WebDriver in Java under JUnit or TestNG. */
    SELENIUM_JAVA("selenium-java", Language.JAVA),
    /** Jest, typically with supertest for HTTP APIs. */
    JEST_SUPERTEST("jest-supertest", Language.JAVASCRIPT);

    private final String id;
    private final Language language;

    Framework(String id, Language language) {
        this.id = id;
        this.language = language;
    }

    /** The identifier used in input files, e.g. {@code playwright-ts}. */
    public String id() {
        return id;
    }

    Language language() {
        return language;
    }

    boolean isPlaywright() {
        return this == PLAYWRIGHT_TS || this == PLAYWRIGHT_JS || this == PYTEST_PLAYWRIGHT || this == PLAYWRIGHT_JAVA;
    }

    /**
     * The framework with this identifier, also accepting a few spellings ({@code playwright} for TypeScript,
     * {@code playwright-python}, {@code wdio}, {@code selenium}, {@code jest}) and near kin read the same way
     * ({@code vitest} as Jest, {@code pytest-requests} as pytest); empty when unknown.
     */
    public static Optional<Framework> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        Optional<Framework> exact = Arrays.stream(values()).filter(f -> f.id.equals(key)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return Optional.ofNullable(switch (key) {
            case "playwright", "playwright-typescript" -> PLAYWRIGHT_TS;
            case "playwright-javascript" -> PLAYWRIGHT_JS;
            case "playwright-python", "playwright-py", "pytest", "pytest-requests", "python" -> PYTEST_PLAYWRIGHT;
            case "wdio", "webdriver-io" -> WEBDRIVERIO;
            case "selenium", "selenium-junit", "java" -> SELENIUM_JAVA;
            case "jest", "supertest", "vitest", "vitest-supertest" -> JEST_SUPERTEST;
            default -> null;
        });
    }

    /** The identifiers accepted by {@link #byId}, for error messages. */
    public static String knownIds() {
        return String.join(", ", Arrays.stream(values()).map(Framework::id).toList());
    }
}
