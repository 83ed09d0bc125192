package dev.feedbackloop.scenario;

import dev.feedbackloop.text.Plural;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a scenario is new or recurring, worked out when it is read, from the stored scenario alone. Its counts,
 * first and last seen are kept exact whatever order runs arrive in (a backfill of older reports after newer ones
 * included), so a note made from them is true at every read, where a note stored with an analysis is true only of
 * the moment it was written ("new" on a scenario that three older runs, ingested later, also saw).
 */
public final class HistoryNote {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HistoryNote() {
    }

    /**
     * The note for {@code scenario}.
     *
     * @param latestRun the time of the project's latest run (by run time), when known: it tells a scenario of the
     *                  latest run from one that later runs no longer saw
     */
    public static String of(Scenario scenario, Optional<Instant> latestRun) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(latestRun, "latestRun");
        boolean goneSince = latestRun.map(latest -> scenario.lastSeen().isBefore(latest)).orElse(false);
        if (scenario.runsAffected() == 1) {
            String when = MINUTE.format(scenario.lastSeen());
            if (goneSince) {
                return "seen in one run only (" + when + "), not in the later runs";
            }
            return latestRun.isPresent() ? "new: first seen in the latest run (" + when + ")"
                    : "new: seen in one run so far (" + when + ")";
        }
        return "recurring: seen in " + Plural.of(scenario.runsAffected(), "run") + " from "
                + DAY.format(scenario.firstSeen()) + " to " + DAY.format(scenario.lastSeen()) + ", "
                + Plural.of(scenario.testsAffected(), "test") + " affected in all"
                + (goneSince ? "; not seen in the later runs" : "");
    }

    /**
     * Whether a note stored in an analysis is a history note of an older analyser (up to {@code rules-v3}), which a
     * reader drops in favour of {@link #of}: it was true only when written.
     */
    public static boolean isStoredHistoryNote(String insight) {
        return insight.startsWith("new: first seen in this run") || insight.startsWith("recurring: seen in ");
    }
}
