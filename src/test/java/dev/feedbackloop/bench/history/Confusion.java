package dev.feedbackloop.bench.history;

import java.util.OptionalDouble;

/**
 * Counts of one yes/no call over a set of tests.
 *
 * @param truePositives  called yes, truly yes
 * @param falsePositives called yes, truly no
 * @param falseNegatives called no, truly yes
 */
record Confusion(int truePositives, int falsePositives, int falseNegatives) {

    static final Confusion NONE = new Confusion(0, 0, 0);

    Confusion {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + truePositives + "/"
                    + falsePositives + "/" + falseNegatives);
        }
    }

    /** Adds one call. */
    Confusion count(boolean called, boolean truth) {
        return new Confusion(truePositives + (called && truth ? 1 : 0), falsePositives + (called && !truth ? 1 : 0),
                falseNegatives + (!called && truth ? 1 : 0));
    }

    Confusion plus(Confusion other) {
        return new Confusion(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    /** Of the tests called yes, the share truly yes; empty when none was called yes. */
    OptionalDouble precision() {
        int called = truePositives + falsePositives;
        return called == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / called);
    }

    /** Of the tests truly yes, the share called yes; empty when none is truly yes. */
    OptionalDouble recall() {
        int truths = truePositives + falseNegatives;
        return truths == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / truths);
    }

    /** 2TP / (2TP + FP + FN): 0 when nothing right was called, empty when there was nothing to call or miss. */
    OptionalDouble f1() {
        int denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(2.0 * truePositives / denominator);
    }
}
