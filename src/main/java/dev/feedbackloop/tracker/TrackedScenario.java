package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An actionable scenario as an issue shows it.
 *
 * @param scenario       its fingerprint
 * @param recommendation the id of the recommendation the report shows
 * @param title          the recommendation's title, as stored (redacted again before it is sent)
 * @param report         the issue report (Markdown, redacted, ending with the scenario's marker)
 * @param group          the test file (or, when the reports name none, the suite) its tests are in; scenarios of
 *                       one group share an issue
 * @param lastSeen       when it last occurred
 * @param commit         the commit of its latest occurrence, lower-case hex, when the run named one
 * @param occurrences    (run, test) occurrences so far
 * @param runsAffected   runs that saw it so far
 */
public record TrackedScenario(Fingerprint scenario, String recommendation, String title, String report,
                              Optional<String> group, Instant lastSeen, Optional<String> commit, long occurrences,
                              long runsAffected) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");

    public TrackedScenario {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(recommendation, "recommendation");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("scenario " + scenario + " needs a title, was '" + title + "'");
        }
        Objects.requireNonNull(report, "report");
        group = Objects.requireNonNull(group, "group").map(String::strip).filter(g -> !g.isEmpty());
        Objects.requireNonNull(lastSeen, "lastSeen");
        commit = Objects.requireNonNull(commit, "commit").map(String::strip).map(c -> c.toLowerCase(
                java.util.Locale.ROOT)).filter(c -> !c.isEmpty());
        commit.ifPresent(c -> {
            if (!COMMIT.matcher(c).matches()) {
                throw new IllegalArgumentException("commit of scenario " + scenario + " must be 7-64 hex digits, was '"
                        + c + "'");
            }
        });
        if (occurrences < 1 || runsAffected < 1) {
            throw new IllegalArgumentException("scenario " + scenario + " needs at least one occurrence and run, was "
                    + occurrences + "/" + runsAffected);
        }
    }
}
