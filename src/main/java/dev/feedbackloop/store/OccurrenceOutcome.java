package dev.feedbackloop.store;

/**
 * What recording a run's scenario observations changed.
 *
 * @param scenariosCreated  scenarios seen for the first time
 * @param occurrencesAdded  (run, test) occurrences counted now
 * @param alreadyCounted    occurrences skipped because an earlier delivery of the same run had counted them
 * @param testsAdded        tests newly affected, over all scenarios
 * @param runsAdded         scenarios for which this run was newly counted
 */
public record OccurrenceOutcome(int scenariosCreated, long occurrencesAdded, long alreadyCounted, long testsAdded,
                                long runsAdded) {

    public OccurrenceOutcome {
        if (scenariosCreated < 0 || occurrencesAdded < 0 || alreadyCounted < 0 || testsAdded < 0 || runsAdded < 0) {
            throw new IllegalArgumentException("occurrence outcome counts must be >= 0");
        }
    }

    /** Nothing changed. */
    public static OccurrenceOutcome none() {
        return new OccurrenceOutcome(0, 0, 0, 0, 0);
    }

    public OccurrenceOutcome plus(OccurrenceOutcome other) {
        return new OccurrenceOutcome(scenariosCreated + other.scenariosCreated,
                occurrencesAdded + other.occurrencesAdded, alreadyCounted + other.alreadyCounted,
                testsAdded + other.testsAdded, runsAdded + other.runsAdded);
    }
}
