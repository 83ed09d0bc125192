package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.text.Plural;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads a history manifest through the loop, one short line a report (a history has hundreds), then a summary:
 * reports, runs, tests, failures, regeneration requests taken and the time it took.
 */
final class HistoryPrinter {

    private final PrintWriter out;

    HistoryPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * Delivers the entries in manifest order through {@code loop}, the regeneration queue taken once at the end
     * ({@link LocalLoop#deliverAll}), printing a line as each report is classified.
     *
     * @return how many reports ingest refused
     */
    int loadAll(LocalLoop loop, List<HistoryManifest.Entry> history) {
        long started = System.nanoTime();
        Tally tally = new Tally(history);
        LocalLoop.Load load = loop.deliverAll(history.stream().map(e -> new LocalLoop.Shipment(e.file(),
                e.metadata())).toList(), tally::add);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.printf("loaded %s (%d new, %d already stored, %d refused) into %s: %s, %d failing, %s taken for"
                        + " regeneration, in %.1f s%n",
                Plural.of(history.size(), "report"), history.size() - tally.duplicates - tally.refused,
                tally.duplicates, tally.refused, Plural.of(tally.runs.size(), "run"),
                Plural.of(tally.tests, "new test result"), tally.failing,
                Plural.of(load.regenerationsTaken(), "request"), took.toMillis() / 1000.0);
        return tally.refused;
    }

    /** Counts deliveries as they come, and prints a line for each. */
    private final class Tally {

        private final List<HistoryManifest.Entry> history;
        private final Set<String> runs = new HashSet<>();
        private long tests;
        private long failing;
        private int duplicates;
        private int refused;
        private int done;

        Tally(List<HistoryManifest.Entry> history) {
            this.history = history;
        }

        void add(LocalLoop.Delivery delivery) {
            HistoryManifest.Entry entry = history.get(done++);
            var answer = delivery.ingestAnswer();
            String where = String.format(Locale.ROOT, "%4d/%d line %d %s", done,
                    history.size(), entry.line(), Shown.path(entry.file()));
            if (!delivery.accepted()) {
                refused++;
                out.printf("%s: refused %d %s: %s%n", where, delivery.ingestStatus(),
                        Shown.text(answer.path("error").asText()), Shown.text(answer.path("message").asText()));
                out.flush();
                return;
            }
            runs.add(answer.path("runId").asText() + "#" + answer.path("attempt").asText());
            boolean duplicate = answer.path("duplicate").asBoolean();
            long failed = delivery.classified().stream().mapToLong(r -> r.failing).sum();
            if (duplicate) {
                duplicates++;
            } else {
                tests += answer.path("tests").asLong();
                failing += failed;
            }
            out.printf("%s: run %s (attempt %s), %s, %d failing%s%n", where, Shown.id(answer.path("runId").asText()),
                    answer.path("attempt").asText(), Plural.of(answer.path("tests").asLong(), "test"), failed,
                    duplicate ? " (a duplicate: counted once)" : "");
            out.flush();
        }
    }
}
