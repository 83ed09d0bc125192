package dev.feedbackloop.guard;

import java.util.Set;

/** Retry settings: {@code retries: 3}, {@code this.retries(3)}, {@code jest.retryTimes(3)}, {@code reruns=3}. */
final class Retries {

    private static final Set<String> KEYS = Set.of("retries", "reruns", "retryTimes", "retry", "maxRetries",
            "RetryingTest", "RepeatedIfExceptionsTest", "invocationCount", "successPercentage", "max_runs",
            "rerunFailingTestsCount");
    /** Retrying annotations whose count may be named ({@code @RetryingTest(maxAttempts = 4)}) or positional. */
    private static final Set<String> ANNOTATIONS = Set.of("RetryingTest", "RepeatedIfExceptionsTest");

    /** TestNG's retryAnalyzer retries as often as its class says: counted as more than any literal setting. */
    private static final long RETRY_ANALYZER = 100;

    private Retries() {
    }

    /** The largest retry count set in the statement, 0 when none. */
    static long max(Statement s) {
        long max = s.contains("retryAnalyzer") ? RETRY_ANALYZER : 0;
        for (int i = 0; i + 1 < s.size(); i++) {
            Token t = s.get(i);
            if (!t.isWord() && !t.isText() || !KEYS.contains(t.isText() ? t.value() : t.text())) {
                continue;
            }
            int v = i + 1;
            if (ANNOTATIONS.contains(t.text()) && s.is(v, "(") && s.partner(v) > v) {
                v = firstNumber(s, v, s.partner(v));
            } else if (s.is(v, ":") || s.is(v, "=") || s.is(v, "(") || s.is(v, ",")) {
                v++;
            }
            if (s.is(v, "{") || s.is(v, "(")) { // retries: { runMode: 2 }
                v += 1;
                while (v < s.size() && s.get(v).kind() != Token.Kind.NUMBER && !s.get(v).is("}")) {
                    v++;
                }
            }
            if (v < s.size() && s.get(v).kind() == Token.Kind.NUMBER) {
                max = Math.max(max, (long) Numbers.value(s.get(v).text()).orElse(0));
            }
        }
        return max;
    }

    private static int firstNumber(Statement s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.get(i).kind() == Token.Kind.NUMBER) {
                return i;
            }
        }
        return to;
    }

    /** The largest retry count anywhere in the original file, so moving a setting is not a raise. */
    static long inFile(ParsedFile file) {
        return file.units.stream().flatMap(u -> u.statements().stream()).mapToLong(Retries::max).max().orElse(0);
    }
}
