package dev.feedbackloop.regenerate;

import dev.feedbackloop.guard.Framework;
import java.util.Locale;
import java.util.Optional;

/**
 * Which test framework a source file is written for, from its name and imports: the guard judges a fix by its
 * framework's rules and defaults. A file none of these fit gets no guard, so no code fix from it is kept.
 */
final class Frameworks {

    private Frameworks() {
    }

    static Optional<Framework> detect(TestSource source) {
        String path = source.path().toLowerCase(Locale.ROOT);
        String code = source.content();
        if (path.endsWith(".py")) {
            return code.contains("playwright") || code.contains("page.") ? Optional.of(Framework.PYTEST_PLAYWRIGHT)
                    : Optional.empty();
        }
        if (path.endsWith(".java")) {
            return code.contains("org.openqa.selenium") ? Optional.of(Framework.SELENIUM_JAVA) : Optional.empty();
        }
        if (!path.matches(".*\\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$")) {
            return Optional.empty();
        }
        boolean typescript = path.matches(".*\\.(ts|tsx|mts|cts)$");
        if (code.contains("@playwright/test") || code.contains("playwright/test")) {
            return Optional.of(typescript ? Framework.PLAYWRIGHT_TS : Framework.PLAYWRIGHT_JS);
        }
        if (code.contains("cy.") || path.contains(".cy.")) {
            return Optional.of(Framework.CYPRESS);
        }
        if (code.contains("@wdio") || code.contains("browser.$") || code.contains("await $(")) {
            return Optional.of(Framework.WEBDRIVERIO);
        }
        if (code.contains("supertest") || code.contains("@jest/globals") || code.contains("jest.")) {
            return Optional.of(Framework.JEST_SUPERTEST);
        }
        return Optional.empty();
    }
}
