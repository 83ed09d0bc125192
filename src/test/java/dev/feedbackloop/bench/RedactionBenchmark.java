package dev.feedbackloop.bench;

import dev.feedbackloop.testing.HostileText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Times every redaction and normalisation pass on pathological text ({@link HostileText}) of 1 MB and 2 MB, and
 * prints the times and their ratio: about 2 for a linear pass, 4 for a quadratic one. Each case is warmed up on
 * 64 KB first and timed as the best of three runs, so the figures are the pass's, not the JIT's. Times are the
 * thread's CPU time, which a machine shared with other builds disturbs far less than wall time.
 * {@code ./bench.sh RedactionBenchmark [repetitions]}.
 */
public final class RedactionBenchmark {

    private static final int MB = 1 << 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RedactionBenchmark() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf(Locale.ROOT, "%-10s %-26s %12s %12s %7s%n", "pass", "case", "1 MB cpu ms", "2 MB cpu ms", "ratio");
        double worst = 0;
        for (HostileText.Case c : HostileText.CASES) {
            time(c, c.text(64 * 1024), 1);
            double one = time(c, c.text(MB), repetitions);
            double two = time(c, c.text(2 * MB), repetitions);
            worst = Math.max(worst, one);
            System.out.printf(Locale.ROOT, "%-10s %-26s %12.1f %12.1f %7.2f%n", c.pass(), c.name(), one, two,
                    two / Math.max(one, 0.001));
        }
        System.out.printf(Locale.ROOT, "slowest 1 MB case: %.1f ms%n", worst);
    }

    /** Best CPU time of {@code repetitions} runs, in milliseconds. */
    private static double time(HostileText.Case c, String text, int repetitions) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repetitions; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            c.run().accept(text);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best / 1e6;
    }
}
