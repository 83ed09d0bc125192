package dev.feedbackloop.bench.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one set of predictions did against one history's truth, or the sum over several.
 *
 * @param histories               how many histories are summed
 * @param flaky                   flaky calls on the default branch ({@code flaky} or {@code quarantined}) against
 *                                tests labelled {@code flaky}
 * @param flakyClear              the same without the tests no history can decide: ambiguous ones, flaky ones
 *                                whose process never failed outside an outage, and flaky, fixed or healthy ones
 *                                whose label issue 12's definition, read off their history, contradicts
 * @param broken                  broken calls on the default branch against tests labelled {@code broken}
 * @param brokenCalledFlaky       of the tests broken on the default branch, those called flaky
 * @param branchBrokenCalledFlaky of the tests broken on a pull-request branch, those called flaky there or on the
 *                                default branch
 * @param branchBrokenFound       of those, the ones called broken on their branch (only when predictions name
 *                                branches: {@code of} is 0 otherwise)
 * @param healthyCalledFlaky      of the healthy tests, those called flaky
 * @param fixedCalledFlaky        of the fixed tests, those called flaky
 * @param newCalledFlaky          of the new tests, those called flaky
 * @param missing                 tests with no prediction on the default branch (read as not flaky, not broken)
 * @param unmatched               prediction lines that match no test of the truth
 * @param mistakes                one line per wrong call, for {@code --details}
 */
record Score(int histories, Confusion flaky, Confusion flakyClear, Confusion broken, Ratio brokenCalledFlaky,
             Ratio branchBrokenCalledFlaky, Ratio branchBrokenFound, Ratio healthyCalledFlaky,
             Ratio fixedCalledFlaky, Ratio newCalledFlaky, int missing, int unmatched, List<String> mistakes) {

    static final Score EMPTY = new Score(0, Confusion.NONE, Confusion.NONE, Confusion.NONE, Ratio.NONE, Ratio.NONE,
            Ratio.NONE, Ratio.NONE, Ratio.NONE, Ratio.NONE, 0, 0, List.of());

    Score {
        mistakes = List.copyOf(mistakes);
    }

    /**
     * {@code hits} of {@code of}.
     *
     * @param hits how many met the condition
     * @param of   how many there were
     */
    record Ratio(int hits, int of) {
        static final Ratio NONE = new Ratio(0, 0);

        Ratio count(boolean counted, boolean hit) {
            return counted ? new Ratio(hits + (hit ? 1 : 0), of + 1) : this;
        }

        Ratio plus(Ratio other) {
            return new Ratio(hits + other.hits, of + other.of);
        }

        @Override
        public String toString() {
            return hits + "/" + of;
        }
    }

    /** The sum of two scores, as over several seeds: counts add up, so rates are micro-averaged. */
    Score plus(Score other) {
        List<String> allMistakes = new ArrayList<>(mistakes);
        allMistakes.addAll(other.mistakes);
        return new Score(histories + other.histories, flaky.plus(other.flaky), flakyClear.plus(other.flakyClear),
                broken.plus(other.broken), brokenCalledFlaky.plus(other.brokenCalledFlaky),
                branchBrokenCalledFlaky.plus(other.branchBrokenCalledFlaky),
                branchBrokenFound.plus(other.branchBrokenFound), healthyCalledFlaky.plus(other.healthyCalledFlaky),
                fixedCalledFlaky.plus(other.fixedCalledFlaky), newCalledFlaky.plus(other.newCalledFlaky),
                missing + other.missing, unmatched + other.unmatched, allMistakes);
    }

    /**
     * Scores predictions against a truth. A prediction finds its test by {@code testId}, else by suite and name;
     * a line naming a branch other than the default one is read as that branch's state. A test with no line is
     * neither flaky nor broken.
     */
    static Score of(TruthFile truth, List<Prediction> predictions) {
        Map<String, TruthFile.Test> byId = new HashMap<>();
        Map<String, TruthFile.Test> byName = new HashMap<>();
        for (TruthFile.Test test : truth.tests()) {
            byId.put(test.testId(), test);
            byName.put(test.suite() + '\u0000' + test.name(), test);
        }
        Map<TruthFile.Test, Prediction> onDefault = new HashMap<>();
        Map<String, Prediction> onBranch = new HashMap<>();
        boolean branchAware = false;
        int unmatched = 0;
        for (Prediction p : predictions) {
            TruthFile.Test test = p.testId().map(byId::get)
                    .orElseGet(() -> byName.get(p.suite().orElse("") + '\u0000' + p.name().orElse("")));
            if (test == null) {
                unmatched++;
            } else if (p.branch().isPresent() && !p.branch().get().equals(truth.defaultBranch())) {
                onBranch.put(test.testId() + '\u0000' + p.branch().get(), p);
                branchAware = true;
            } else {
                onDefault.put(test, p);
            }
        }
        Tally tally = new Tally(branchAware);
        for (TruthFile.Test test : truth.tests()) {
            tally.add(test, Optional.ofNullable(onDefault.get(test)), onBranch);
        }
        return tally.score(unmatched);
    }

    /** Counts one history's calls. */
    private static final class Tally {
        final boolean branchAware;
        Confusion flaky = Confusion.NONE;
        Confusion flakyClear = Confusion.NONE;
        Confusion broken = Confusion.NONE;
        Ratio brokenCalledFlaky = Ratio.NONE;
        Ratio branchCalledFlaky = Ratio.NONE;
        Ratio branchFound = Ratio.NONE;
        Ratio healthyCalledFlaky = Ratio.NONE;
        Ratio fixedCalledFlaky = Ratio.NONE;
        Ratio newCalledFlaky = Ratio.NONE;
        int missing;
        final List<String> mistakes = new ArrayList<>();

        Tally(boolean branchAware) {
            this.branchAware = branchAware;
        }

        void add(TruthFile.Test test, Optional<Prediction> prediction, Map<String, Prediction> onBranch) {
            boolean calledFlaky = prediction.map(Prediction::flaky).orElse(false);
            boolean calledBroken = prediction.map(Prediction::broken).orElse(false);
            boolean isFlaky = test.label().equals("flaky");
            boolean isBroken = test.label().equals("broken");
            missing += prediction.isEmpty() ? 1 : 0;
            flaky = flaky.count(calledFlaky, isFlaky);
            boolean undecidable = test.ambiguous() || (isFlaky && test.failedAttempts() == 0)
                    || againstDefinition(test, isFlaky);
            flakyClear = undecidable ? flakyClear : flakyClear.count(calledFlaky, isFlaky);
            broken = broken.count(calledBroken, isBroken);
            brokenCalledFlaky = brokenCalledFlaky.count(isBroken, calledFlaky);
            healthyCalledFlaky = healthyCalledFlaky.count(test.label().equals("healthy"), calledFlaky);
            fixedCalledFlaky = fixedCalledFlaky.count(test.label().equals("fixed"), calledFlaky);
            newCalledFlaky = newCalledFlaky.count(test.label().equals("new"), calledFlaky);
            for (Map.Entry<String, String> branch : test.branchLabels().entrySet()) {
                if (branch.getValue().equals("broken")) {
                    Optional<Prediction> there = Optional.ofNullable(onBranch.get(test.testId() + '\u0000'
                            + branch.getKey()));
                    branchCalledFlaky = branchCalledFlaky.count(true, calledFlaky
                            || there.map(Prediction::flaky).orElse(false));
                    branchFound = branchFound.count(branchAware, there.map(Prediction::broken).orElse(false));
                }
            }
            if (calledFlaky != isFlaky || calledBroken != isBroken) {
                mistakes.add(test.suite() + "." + test.name() + ": truth " + test.label() + " (" + test.process()
                        + (test.ambiguous() ? ", ambiguous" : "") + ", " + test.failedAttempts()
                        + " failed attempts" + (againstDefinition(test, isFlaky) ? ", definition says "
                        + (isFlaky ? "not flaky" : "flaky") : "") + "), called "
                        + prediction.map(Prediction::state).orElse("nothing"));
            }
        }

        /**
         * Whether the truth's label (by process) and issue 12's definition read off the history disagree on a test
         * judged for flakiness (broken and new tests are judged by their own rules): no detector held to the
         * definition can get such a test right, so F1* leaves it out.
         */
        private static boolean againstDefinition(TruthFile.Test test, boolean isFlaky) {
            boolean judged = Set.of("flaky", "fixed", "healthy").contains(test.label());
            return judged && test.definition().map(d -> d != isFlaky).orElse(false);
        }

        Score score(int unmatched) {
            return new Score(1, flaky, flakyClear, broken, brokenCalledFlaky, branchCalledFlaky, branchFound,
                    healthyCalledFlaky, fixedCalledFlaky, newCalledFlaky, missing, unmatched, mistakes);
        }
    }
}
