package dev.feedbackloop.bench.history;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates realistic CI histories of a web-shop project with ground truth, for scoring flaky and broken detection
 * (issue 12): JUnit XML reports, the manifest that loads them, and each test's generating process. How histories
 * are modelled: {@code docs/flaky-simulator.md}.
 *
 * <pre>
 *   ./bench.sh history.HistorySimulator --out /tmp/h1                      # default scenario, seed 1
 *   ./bench.sh history.HistorySimulator --out /tmp/h --scenario all --seeds 1..5
 *   ./bench.sh history.HistorySimulator --out /tmp/h --scenario default --seeds 1..20 --mix
 * </pre>
 *
 * Options: {@code --out DIR} (required), {@code --seed N} (default 1) or {@code --seeds A..B} / {@code --seeds
 * 1,4,9}, {@code --scenario NAME[,NAME...]|all} (default {@code default}; see {@link Scenario#names()}), {@code
 * --runs N --tests N --days N} (override the scenario's size), {@code --mix} (draw the scenario's proportions from
 * each seed), {@code --project P} (the project test ids are derived with, default {@code shop}: ingest with the same
 * name), {@code --start INSTANT} (default {@code 2026-10-01T00:00:00Z}). One history goes into {@code DIR}; several
 * go into {@code DIR/SCENARIO/seed-N}.
 */
public final class HistorySimulator {

    static final Instant DEFAULT_START = Instant.parse("2026-10-01T00:00:00Z");

    private HistorySimulator() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(new Options(args, Set.of("out", "seed", "seeds", "scenario", "runs", "tests", "days", "project",
                    "start"), Set.of("mix")));
        } catch (IllegalArgumentException e) {
            System.err.println("history simulator: " + e.getMessage());
            System.err.println("usage: ./bench.sh history.HistorySimulator --out DIR [--seed N | --seeds A..B] "
                    + "[--scenario NAME[,NAME]|all] [--runs 100] [--tests 150] [--days 30] [--mix] [--project shop] "
                    + "[--start 2026-10-01T00:00:00Z]");
            System.exit(2);
        }
    }

    private static void run(Options options) throws IOException {
        Path out = Path.of(options.get("out").orElseThrow(() -> new IllegalArgumentException("--out is required")));
        List<Long> seeds = seeds(options);
        List<String> scenarios = scenarios(options.get("scenario").orElse("default"));
        String project = options.get("project").orElse("shop");
        Instant start = start(options);
        boolean several = seeds.size() * scenarios.size() > 1;
        for (String name : scenarios) {
            for (long seed : seeds) {
                Scenario sized = sized(Scenario.named(name), options);
                Scenario scenario = options.has("mix") ? sized.mixed(seed) : sized;
                Path dir = several ? out.resolve(name).resolve("seed-" + seed) : out;
                long began = System.nanoTime();
                History history = History.generate(scenario, seed, project, start);
                Map<String, Object> truth = HistoryFiles.write(history, dir);
                history.shortfalls().forEach(s -> System.err.println("warning: " + scenario.name() + " seed " + seed
                        + ": " + s));
                System.out.println(describe(history, truth, dir, (System.nanoTime() - began) / 1e9));
            }
        }
    }

    /**
     * Writes the default scenario's history of {@code runs} runs of {@code tests} tests over {@code days} days (its
     * reports, manifest and truth) into {@code dir}, for tests that load a simulated history.
     *
     * @return the manifest
     */
    public static Path write(Path dir, long seed, int runs, int tests, int days, String project, Instant start)
            throws IOException {
        History history = History.generate(Scenario.named("default").resized(runs, tests, days), seed, project, start);
        HistoryFiles.write(history, dir);
        return dir.resolve("manifest.jsonl");
    }

    private static Scenario sized(Scenario scenario, Options options) {
        if (!options.has("runs") && !options.has("tests") && !options.has("days")) {
            return scenario;
        }
        return scenario.resized(intOption(options, "runs", scenario.runs()), intOption(options, "tests",
                scenario.tests()), intOption(options, "days", scenario.days()));
    }

    private static int intOption(Options options, String name, int fallback) {
        long value = options.number(name).orElse((long) fallback);
        if (value < 1 || value > 1_000_000) {
            throw new IllegalArgumentException("--" + name + " must be between 1 and 1000000, was " + value);
        }
        return (int) value;
    }

    /** {@code --seeds A..B} or {@code --seeds 1,4,9}, else {@code --seed N}, else 1. */
    static List<Long> seeds(Options options) {
        if (options.get("seeds").isEmpty()) {
            return List.of(options.number("seed").orElse(1L));
        }
        String spec = options.get("seeds").get().trim();
        List<Long> seeds = new ArrayList<>();
        try {
            if (spec.contains("..")) {
                long from = Long.parseLong(spec.substring(0, spec.indexOf("..")).trim());
                long to = Long.parseLong(spec.substring(spec.indexOf("..") + 2).trim());
                if (to < from || to - from > 10_000) {
                    throw new IllegalArgumentException("--seeds range must go up, by at most 10000: '" + spec + "'");
                }
                for (long seed = from; seed <= to; seed++) {
                    seeds.add(seed);
                }
            } else {
                for (String part : spec.split(",")) {
                    seeds.add(Long.parseLong(part.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be A..B or a comma-separated list, was '" + spec + "'");
        }
        return seeds;
    }

    private static List<String> scenarios(String spec) {
        if (spec.equals("all")) {
            return Scenario.names();
        }
        List<String> names = new ArrayList<>();
        for (String name : spec.split(",")) {
            Scenario.named(name.trim());
            names.add(name.trim());
        }
        return names;
    }

    private static Instant start(Options options) {
        String value = options.get("start").orElse(DEFAULT_START.toString());
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be an ISO instant like 2026-10-01T00:00:00Z, was '"
                    + value + "'");
        }
    }

    private static String describe(History history, Map<String, Object> truth, Path dir, double seconds) {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) truth.get("summary");
        return String.format(Locale.ROOT, "%s seed %d: %s runs (%s re-runs, %s outages, %s on branches, %s "
                        + "nightly), %s tests %s -> %s (%.1f s)", history.scenario().name(), history.seed(),
                summary.get("runs"), summary.get("reruns"), summary.get("outageRuns"), summary.get("pullRequestRuns"),
                summary.get("nightlyRuns"), summary.get("tests"), summary.get("labels"), dir, seconds);
    }
}
