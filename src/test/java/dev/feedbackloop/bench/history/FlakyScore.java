package dev.feedbackloop.bench.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scores flaky/broken predictions (the JSON lines of {@code ./feedback flaky --json}) against the truth of
 * simulated histories, beside the seed reference's rule computed from the same reports ({@link SeedRule}).
 *
 * <pre>
 *   ./bench.sh history.FlakyScore --truth /tmp/h1/truth.json --predicted /tmp/h1/flaky.jsonl
 *   ./bench.sh history.FlakyScore --dir /tmp/h                 # every truth.json below, predictions beside each
 *   ./bench.sh history.FlakyScore --dir /tmp/h --details       # and every wrong call
 * </pre>
 *
 * Options: {@code --truth FILE} with {@code --predicted FILE} (repeatable, paired in order; without any
 * {@code --predicted} only the seed rule is scored), {@code --dir DIR} (every {@code truth.json} below it, with
 * {@code predicted.jsonl} beside it when present; {@code --predicted-name NAME} to use another name),
 * {@code --details} (list wrong calls). Prints per history, per scenario (counts summed over seeds) and overall:
 * flaky precision, recall, F1, F1 over decidable tests (F1*), broken precision and recall, and how many broken,
 * branch-broken, healthy, fixed and new tests were called flaky.
 */
public final class FlakyScore {

    private static final String ROW = "%-26s %-11s %6s %6s %6s %6s   %6s %6s   %7s %7s %8s %7s %6s%n";

    private FlakyScore() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(new Options(args, Set.of("truth", "predicted", "dir", "predicted-name"), Set.of("details")));
        } catch (IllegalArgumentException e) {
            System.err.println("flaky score: " + e.getMessage());
            System.err.println("usage: ./bench.sh history.FlakyScore (--truth FILE [--predicted FILE.jsonl])... "
                    + "| --dir DIR [--predicted-name predicted.jsonl] [--details]");
            System.exit(2);
        }
    }

    private record Input(Path truth, Optional<Path> predicted) {
    }

    private static void run(Options options) throws IOException {
        List<Input> inputs = inputs(options);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no truth file: give --truth FILE or --dir DIR");
        }
        boolean details = options.has("details");
        Map<String, Score[]> byScenario = new LinkedHashMap<>(); // scenario -> {predicted, seed rule, guarded}
        Score[] overall = {Score.EMPTY, Score.EMPTY, Score.EMPTY};
        boolean anyPredicted = inputs.stream().anyMatch(i -> i.predicted().isPresent());
        header();
        for (Input input : inputs) {
            TruthFile truth = TruthFile.read(input.truth());
            Score predicted = input.predicted().isPresent()
                    ? Score.of(truth, Prediction.read(input.predicted().get())) : Score.EMPTY;
            Score[] scores = {predicted, Score.of(truth, SeedRule.predict(truth)),
                Score.of(truth, SeedRule.predictWithoutOutages(truth))};
            rows(truth.scenario() + " seed " + truth.seed(), scores, input.predicted().isPresent());
            if (details && input.predicted().isPresent()) {
                predicted.mistakes().forEach(m -> System.out.println("    " + m));
            }
            Score[] sums = byScenario.computeIfAbsent(truth.scenario(),
                    s -> new Score[] {Score.EMPTY, Score.EMPTY, Score.EMPTY});
            for (int i = 0; i < scores.length; i++) {
                sums[i] = sums[i].plus(scores[i]);
                overall[i] = overall[i].plus(scores[i]);
            }
        }
        System.out.println();
        for (Map.Entry<String, Score[]> scenario : byScenario.entrySet()) {
            totals(scenario.getKey() + " (" + scenario.getValue()[1].histories() + ")", scenario.getValue(),
                    anyPredicted);
        }
        totals("overall (" + overall[1].histories() + ")", overall, anyPredicted);
        footer(overall[0], anyPredicted);
    }

    private static List<Input> inputs(Options options) throws IOException {
        List<Input> inputs = new ArrayList<>();
        List<String> truths = options.all("truth");
        List<String> predicted = options.all("predicted");
        if (!predicted.isEmpty() && predicted.size() != truths.size()) {
            throw new IllegalArgumentException("give one --predicted per --truth (" + truths.size() + " --truth, "
                    + predicted.size() + " --predicted)");
        }
        for (int i = 0; i < truths.size(); i++) {
            inputs.add(new Input(Path.of(truths.get(i)), predicted.isEmpty() ? Optional.empty()
                    : Optional.of(Path.of(predicted.get(i)))));
        }
        if (options.get("dir").isPresent()) {
            String name = options.get("predicted-name").orElse("predicted.jsonl");
            try (Stream<Path> files = Files.walk(Path.of(options.get("dir").get()))) {
                for (Path truth : files.filter(f -> f.getFileName().toString().equals("truth.json")).sorted()
                        .toList()) {
                    Path beside = truth.resolveSibling(name);
                    inputs.add(new Input(truth, Files.exists(beside) ? Optional.of(beside) : Optional.empty()));
                }
            }
        }
        return inputs;
    }

    private static void header() {
        System.out.printf(Locale.ROOT, ROW, "history", "who", "flakyP", "flakyR", "F1", "F1*", "brokP", "brokR",
                "brk>fl", "pr>fl", "heal>fl", "fix>fl", "new>fl");
    }

    private static void totals(String label, Score[] scores, boolean anyPredicted) {
        rows(label, scores, anyPredicted);
    }

    /** The predictions' row (when there are predictions), the seed rule's and the seed rule's without outages. */
    private static void rows(String label, Score[] scores, boolean withPredicted) {
        if (withPredicted) {
            row(label, "predicted", scores[0]);
        }
        row(withPredicted ? "" : label, "seed rule", scores[1]);
        row("", "seed-no-out", scores[2]);
    }

    private static void row(String label, String who, Score s) {
        System.out.printf(Locale.ROOT, ROW, label, who, rate(s.flaky().precision()), rate(s.flaky().recall()),
                rate(s.flaky().f1()), rate(s.flakyClear().f1()), rate(s.broken().precision()),
                rate(s.broken().recall()), s.brokenCalledFlaky(), s.branchBrokenCalledFlaky(),
                s.healthyCalledFlaky(), s.fixedCalledFlaky(), s.newCalledFlaky());
    }

    private static void footer(Score predicted, boolean anyPredicted) {
        System.out.println();
        System.out.println("seed rule: flaky = passed and failed anywhere (the seed's detectFlakyTests); seed-no-out: "
                + "the same without the truly outage runs.");
        System.out.println("F1* leaves out tests no history can decide: ambiguous ones, flaky ones that never "
                + "failed outside an outage, and those whose label issue 12's definition contradicts on their last 30 "
                + "executions (observed.definition). x>fl: of the broken (brk), pull-request-broken (pr), healthy, fixed "
                + "and new tests, how many were called flaky.");
        if (anyPredicted) {
            if (predicted.branchBrokenFound().of() > 0) {
                System.out.println("pull-request regressions called broken on their branch: "
                        + predicted.branchBrokenFound());
            }
            if (predicted.missing() > 0 || predicted.unmatched() > 0) {
                System.out.println("predictions: " + predicted.missing() + " tests had no line (read as not flaky, "
                        + "not broken); " + predicted.unmatched() + " lines matched no test");
            }
        }
    }

    private static String rate(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "-";
    }
}
