package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.ProposedFix;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Scenarios, tests and fixes for recommendation tests. */
final class Scenarios {

    static final String PROJECT = "web";
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Scenarios() {
    }

    static Fingerprint fingerprint(int n) {
        return new Fingerprint(String.format("%016x", 0xabc000L + n));
    }

    static TestId test(int n) {
        return new TestId(String.format("%016x", 0xdef000L + n));
    }

    static List<TestId> tests(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(Scenarios::test).toList();
    }

    static Scenario scenario(int n, Category category, long occurrences, long tests, Instant first, Instant last) {
        return new Scenario(new ScenarioKey(PROJECT, fingerprint(n)), category, category.failureType(),
                category.severity(), category.autoFixable(), first, last, occurrences, tests,
                Math.min(occurrences, Math.max(tests, 1)), "locator('#buy') resolved to 0 elements",
                Optional.empty(), Map.of(), Optional.empty(), 1);
    }

    static ScenarioFacts facts(int n, Category category, long occurrences, int tests) {
        return new ScenarioFacts(scenario(n, category, occurrences, tests, T0, T0.plusSeconds(3600)),
                tests(n * 100, tests), Optional.empty());
    }

    static ScenarioFacts flaky(int n, Category category) {
        ScenarioFacts f = facts(n, category, 4, 1);
        return new ScenarioFacts(f.scenario(), f.tests(), Optional.of(HealthState.FLAKY));
    }

    static ProposedFix fix(String direction) {
        return new ProposedFix("Use getByRole('button', { name: 'Buy' }) instead of #buy",
                "--- a/tests/cart.spec.ts\n+++ b/tests/cart.spec.ts\n@@ -1 +1 @@\n-await page.click('#buy')\n"
                        + "+await page.getByRole('button', { name: 'Buy' }).click()\n",
                direction, "model-x", T0.plusSeconds(7200));
    }
}
