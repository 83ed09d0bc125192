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
 * reports, runs, tests, failures and the time it took.
 */
final class HistoryPrinter {

    private final PrintWriter out;

    HistoryPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * Delivers each entry in manifest order through {@code loop}.
     *
     * @return how many reports ingest refused
     */
    int loadAll(LocalLoop loop, List<HistoryManifest.Entry> history) {
        long started = System.nanoTime();
        Set<String> runs = new HashSet<>();
        long tests = 0;
        long failing = 0;
        int duplicates = 0;
        int refused = 0;
        int done = 0;
        for (HistoryManifest.Entry entry : history) {
            done++;
            LocalLoop.Delivery delivery = loop.deliver(entry.file(), entry.metadata());
            var answer = delivery.ingestAnswer();
            String where = String.format(Locale.ROOT, "%4d/%d line %d %s", done,
                    history.size(), entry.line(), Shown.path(entry.file()));
            if (!delivery.accepted()) {
                refused++;
                out.printf("%s: refused %d %s: %s%n", where, delivery.ingestStatus(),
                        Shown.text(answer.path("error").asText()), Shown.text(answer.path("message").asText()));
                continue;
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
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.printf("loaded %s (%d new, %d already stored, %d refused) into %s: %s, %d failing, in %.1f s%n",
                Plural.of(history.size(), "report"), history.size() - duplicates - refused, duplicates, refused,
                Plural.of(runs.size(), "run"), Plural.of(tests, "new test result"), failing,
                took.toMillis() / 1000.0);
        return refused;
    }
}
