package dev.feedbackloop.rollup;

/**
 * Fisher's exact test, one-sided: how likely a 2x2 table at least as lopsided as the one seen is when both rows
 * share one failure rate. Exact for the small counts a test's week holds, where the normal approximation of a
 * two-proportion z-test is poor.
 */
final class Hypergeometric {

    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];

    static {
        for (int i = 1; i < TABLE; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private Hypergeometric() {
    }

    /**
     * P(X >= {@code failuresA}) where X is the failures falling in row A when {@code failuresA + failuresB}
     * failures are spread at random over the {@code trialsA + trialsB} trials: the p-value of "row A fails more
     * often than row B".
     */
    static double upperTail(long failuresA, long trialsA, long failuresB, long trialsB) {
        long total = trialsA + trialsB;
        long failures = failuresA + failuresB;
        if (failuresA <= 0) {
            return 1.0;
        }
        double denominator = logChoose(total, trialsA);
        double p = 0;
        for (long x = failuresA; x <= Math.min(failures, trialsA); x++) {
            p += Math.exp(logChoose(failures, x) + logChoose(total - failures, trialsA - x) - denominator);
        }
        return Math.min(1.0, p);
    }

    private static double logChoose(long n, long k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** ln(n!): a table below 256, Stirling's series (error below 1e-12) above. */
    static double logFactorial(long n) {
        if (n < TABLE) {
            return LOG_FACTORIAL[(int) n];
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
