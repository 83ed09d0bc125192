package dev.feedbackloop.bench.history;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline issue 12 asks to beat: the seed reference's {@code detectFlakyTests}
 * ({@code ../shared/seeds/reference-feedbackLoop.js.txt}), which calls a test flaky when it passed and failed
 * anywhere in the project's history. Read from the generated reports themselves with the project's own parser,
 * so it sees exactly what a detector sees: every run, outages included (the seed has no outage guard), every
 * attempt (a retry that passed after a failure is a pass and a failure), every branch. It has no notion of broken.
 *
 * <p>{@link #predictWithoutOutages} is the same rule on the runs the truth marks as normal: what an outage guard
 * alone would add to it, a stronger baseline that shows how much of a detector's lead is the guard.
 */
final class SeedRule {

    private SeedRule() {
    }

    /** One prediction per test seen: {@code flaky} when it both passed and failed, else {@code healthy}. */
    static List<Prediction> predict(TruthFile truth) throws IOException {
        return predict(truth, false);
    }

    /** The same, over the runs that met no infrastructure incident (the truth's outage flags, an oracle guard). */
    static List<Prediction> predictWithoutOutages(TruthFile truth) throws IOException {
        return predict(truth, true);
    }

    private static List<Prediction> predict(TruthFile truth, boolean skipOutages) throws IOException {
        Map<String, boolean[]> seen = new LinkedHashMap<>(); // test id -> {passed, failed}
        Reports reports = Reports.standard();
        Path folder = truth.path().toAbsolutePath().getParent();
        for (TruthFile.Run run : truth.runs()) {
            if (skipOutages && run.outage()) {
                continue;
            }
            Path file = folder.resolve(run.file());
            try (InputStream in = Files.newInputStream(file)) {
                reports.parse(file.toString(), in, result -> {
                    boolean[] flags = seen.computeIfAbsent(result.test().id(truth.project()).value(),
                            id -> new boolean[2]);
                    for (Attempt attempt : result.attempts()) {
                        flags[0] |= attempt.status() == AttemptStatus.PASSED;
                        flags[1] |= attempt.status().isFailing();
                    }
                });
            }
        }
        List<Prediction> predictions = new ArrayList<>();
        seen.forEach((id, flags) -> predictions.add(new Prediction(Optional.of(id), Optional.empty(),
                Optional.empty(), flags[0] && flags[1] ? "flaky" : "healthy", Optional.empty())));
        return predictions;
    }
}
