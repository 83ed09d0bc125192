package dev.feedbackloop.recommend;

import dev.feedbackloop.health.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recommendation's priority, 1 (whenever) to 10 (now), with the points that made it. The formula, documented in
 * {@code docs/recommendations.md}:
 * <pre>
 *   severity            1..5   the scenario's severity (the category's, 1 cosmetic .. 5 blocks everything)
 * + frequency           0..2   1 from 10 occurrences, 2 from 100
 * + tests affected      0..2   1 from 3 tests, 2 from 10
 * + test state          0..2   2 if an affected test is broken (fails every run), 1 if flaky
 * + age                -2..1   1 if first seen 14 days or more ago and seen in the last 14 days (a lasting pain);
 *                              -2 if not seen for 14 days (it may have gone away by itself)
 * clamped to 1..10
 * </pre>
 * Severity dominates on purpose: a rare infrastructure failure outranks a frequent cosmetic one.
 *
 * @param score   1..10
 * @param reasons each non-zero term, as "term +n (why)"
 */
public record Priority(int score, List<String> reasons) {

    static final Duration LASTING = Duration.ofDays(14);

    public Priority {
        if (score < 1 || score > 10) {
            throw new IllegalArgumentException("priority must be within 1..10, was " + score);
        }
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    }

    /**
     * The priority of work on a scenario (or a pattern, given its worst scenario's figures).
     *
     * @param severity      1..5
     * @param occurrences   occurrences seen, at least 1
     * @param testsAffected distinct tests, at least 1
     * @param testState     the worst health of the affected tests, if judged
     * @param firstSeen     first seen
     * @param lastSeen      last seen
     * @param now           the time of judging
     */
    public static Priority of(int severity, long occurrences, long testsAffected, java.util.Optional<HealthState>
            testState, Instant firstSeen, Instant lastSeen, Instant now) {
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be within 1..5, was " + severity);
        }
        List<String> reasons = new ArrayList<>();
        int score = severity;
        reasons.add("severity +" + severity);
        int frequency = occurrences >= 100 ? 2 : occurrences >= 10 ? 1 : 0;
        score += term(reasons, frequency, "frequency", occurrences + " occurrences");
        int tests = testsAffected >= 10 ? 2 : testsAffected >= 3 ? 1 : 0;
        score += term(reasons, tests, "tests affected", testsAffected + " tests");
        int state = testState.map(s -> s == HealthState.BROKEN ? 2 : s == HealthState.FLAKY ? 1 : 0).orElse(0);
        score += term(reasons, state, "test state", testState.map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(""));
        score += term(reasons, age(firstSeen, lastSeen, now), "age", "first seen " + firstSeen + ", last seen "
                + lastSeen);
        return new Priority(Math.max(1, Math.min(10, score)), reasons);
    }

    private static int age(Instant firstSeen, Instant lastSeen, Instant now) {
        if (Duration.between(lastSeen, now).compareTo(LASTING) >= 0) {
            return -2;
        }
        return Duration.between(firstSeen, now).compareTo(LASTING) >= 0 ? 1 : 0;
    }

    private static int term(List<String> reasons, int points, String name, String why) {
        if (points != 0) {
            reasons.add(name + (points > 0 ? " +" : " ") + points + " (" + why + ")");
        }
        return points;
    }
}
