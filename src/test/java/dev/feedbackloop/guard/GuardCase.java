package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * One table row of the guard's tests: a proposed rewrite, whether it must be kept or rejected, and the rules that
 * must reject it.
 */
record GuardCase(String name, Framework framework, String title, String failure, String original, String proposed,
                 boolean reject, List<GuardRule> rules) {

    static GuardCase reject(String name, Framework framework, String original, String proposed, GuardRule... rules) {
        return new GuardCase(name, framework, titleOf(framework), "", original, proposed, true, List.of(rules));
    }

    static GuardCase accept(String name, Framework framework, String original, String proposed) {
        return new GuardCase(name, framework, titleOf(framework), "", original, proposed, false, List.of());
    }

    /** Runs the guard on the row and checks its verdict: kept, or rejected by each rule the row names. */
    void assertJudged() {
        GuardVerdict verdict = FixGuard.check(fix());
        if (reject) {
            assertThat(verdict.accepted()).as("rejected; findings: %s", verdict.findings()).isFalse();
            for (GuardRule rule : rules) {
                assertThat(verdict.rejectsFor(rule)).as("rule %s fired; findings: %s", rule.id(), verdict.findings())
                        .isTrue();
            }
        } else {
            assertThat(verdict.accepted()).as("kept; findings: %s", verdict.findings()).isTrue();
        }
    }

    /** The same row judged against another title (the failing test as the report names it). */
    GuardCase titled(String other) {
        return new GuardCase(name, framework, other, failure, original, proposed, reject, rules);
    }

    GuardCase failing(String message) {
        return new GuardCase(name, framework, title, message, original, proposed, reject, rules);
    }

    ProposedFix fix() {
        return ProposedFix.of(framework, "tests/orders.spec", title, null, failure, original, proposed);
    }

    private static String titleOf(Framework framework) {
        return switch (framework) {
            case PLAYWRIGHT_TS, PLAYWRIGHT_JS -> Files.PW_TITLE;
            case CYPRESS, WEBDRIVERIO -> Files.CY_TITLE;
            case PYTEST_PLAYWRIGHT -> Files.PY_TITLE;
            case SELENIUM_JAVA, PLAYWRIGHT_JAVA -> Files.JAVA_TITLE;
            case JEST_SUPERTEST -> Files.JEST_TITLE;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
