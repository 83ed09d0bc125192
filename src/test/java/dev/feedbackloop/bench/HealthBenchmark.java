package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Cost of maintaining test health incrementally: the time of one {@link HealthJudge#apply} (a new execution, and a
 * redelivered one), and the size of a test's state, after histories of growing length. Histories are plain and
 * seeded: most tests pass, some fail at random with or without retries, some break at a commit; they exercise the
 * code paths, they are not a model of real CI (the history simulator scores the rules).
 *
 * <p>Times are this thread's CPU time per call (wall time on a shared, loaded machine says more about the neighbours
 * than about the code). Run: {@code ./bench.sh HealthBenchmark [--tests 150] [--runs 100,1000,5000]}.
 */
public final class HealthBenchmark {

    private static final String PROJECT = "bench";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private HealthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tests = 150;
        int[] lengths = {100, 1000, 5000};
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--tests" -> tests = Integer.parseInt(args[i + 1]);
                case "--runs" -> lengths = java.util.Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());
        HealthJudge judge = new HealthJudge(HealthSettings.defaults());
        measure(judge, json, tests, lengths[0]); // warm-up
        System.out.println("tests  runs  executions  apply CPU µs (new)  apply CPU µs (redelivered)  state JSON bytes (max)");
        for (int runs : lengths) {
            measure(judge, json, tests, runs);
        }
    }

    private static void measure(HealthJudge judge, ObjectMapper json, int tests, int runs) throws Exception {
        List<List<Execution>> histories = new ArrayList<>();
        for (int t = 0; t < tests; t++) {
            histories.add(history(t, runs));
        }
        List<TestHealth> states = new ArrayList<>();
        long start = CPU.getCurrentThreadCpuTime();
        for (int t = 0; t < tests; t++) {
            TestHealth health = TestHealth.unseen(PROJECT, histories.get(t).get(0).test());
            for (Execution e : histories.get(t)) {
                health = judge.apply(health, e).health();
            }
            states.add(health);
        }
        long applied = CPU.getCurrentThreadCpuTime() - start;
        start = CPU.getCurrentThreadCpuTime();
        long unchanged = 0;
        for (int t = 0; t < tests; t++) {
            TestHealth health = states.get(t);
            List<Execution> history = histories.get(t);
            for (Execution e : history.subList(Math.max(0, history.size() - 30), history.size())) {
                HealthUpdate again = judge.apply(health, e);
                unchanged += again.changed() ? 0 : 1;
            }
        }
        long redelivered = CPU.getCurrentThreadCpuTime() - start;
        long redeliveries = (long) tests * Math.min(30, runs);
        if (unchanged != redeliveries) {
            throw new IllegalStateException("a redelivery changed a state: " + (redeliveries - unchanged));
        }
        int maxBytes = 0;
        for (TestHealth s : states) {
            maxBytes = Math.max(maxBytes, json.writeValueAsBytes(s).length);
        }
        long executions = (long) tests * runs;
        System.out.printf(Locale.ROOT, "%5d %5d %11d %19.1f %27.1f %23d%n", tests, runs, executions,
                applied / 1000.0 / executions, redelivered / 1000.0 / redeliveries, maxBytes);
    }

    /** One test's history: passing, flaky (2-40%, half with retries), or broken from a random run on. */
    private static List<Execution> history(int t, int runs) {
        Random random = new Random(t);
        TestId test = TestId.derive(PROJECT, "bench.Suite" + (t % 10), "test " + t, Optional.empty());
        double flakeRate = t % 5 == 0 ? 0.02 + random.nextDouble() * 0.38 : 0;
        boolean retries = random.nextBoolean();
        int breaksAt = t % 15 == 1 ? random.nextInt(runs) : Integer.MAX_VALUE;
        Fingerprint cause = new Fingerprint(String.format("%016x", t));
        List<Execution> history = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            String branch = r % 4 == 3 ? "feature/" + (r / 4) : "main";
            boolean fails = r >= breaksAt && branch.equals("main") || random.nextDouble() < flakeRate;
            Outcome outcome = !fails ? Outcome.PASSED : retries ? Outcome.PASSED_ON_RETRY : Outcome.FAILED;
            history.add(new Execution(test, new RunKey(PROJECT, "r" + r, 1), START.plus(Duration.ofHours(r)),
                    Optional.of(String.format("%040x", r)), Optional.of(branch), outcome,
                    fails ? Optional.of(Category.TIMEOUT) : Optional.empty(),
                    fails ? Optional.of(cause) : Optional.empty(), false));
        }
        return history;
    }
}
