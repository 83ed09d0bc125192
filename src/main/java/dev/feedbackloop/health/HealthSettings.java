package dev.feedbackloop.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Every tunable of test health, per project, in one place; {@link #defaults()} are the documented defaults and
 * {@code docs/test-health.md} explains each. Build variations with {@link #toBuilder()}.
 *
 * @param defaultBranch            the project's default branch; empty: {@code main}, else {@code master} when the
 *                                 test ran on {@code master} but never on {@code main}
 * @param window                   the last N counted executions the rules look at (default 30)
 * @param minExecutions            below this many counted executions a test is {@code new} unless already flaky
 *                                 or broken (default 5)
 * @param flakyEnterFailures       a test becomes flaky with at least this many executions with a failure in its
 *                                 window, and flaky evidence among them (default 2)
 * @param flakyExitFailures        a flaky test stays flaky while its window holds at least this many executions
 *                                 with a failure: the lower threshold of the hysteresis (default 1)
 * @param flakyOnOneProof          a single proof of non-determinism not blamed on infrastructure (a pass on retry,
 *                                 or a pass and a failure on one commit, whose failure is not {@code INFRA}) makes
 *                                 a test flaky even when it is the window's only failure (default false: issue 12's
 *                                 definition asks for two failures)
 * @param flakyExitChance          a flaky test also stays flaky until its clean streak would happen with at most
 *                                 this probability under its own failure rate while flaky (default 0.01)
 * @param flakyExitMaxRuns         cap on the clean runs that chance rule may ask for (default 30, the window,
 *                                 which turns the rule off; 150 holds a 3% test for 150 clean runs)
 * @param recurringEpisodes        flaky evidence without retries: at least this many short failure episodes of one
 *                                 root cause on the default branch, each ended by a pass (default 3; 0 turns the
 *                                 rule off)
 * @param recurringMaxEpisodeRuns  the longest episode (failing runs in a row) that still counts as short (default 2)
 * @param brokenMinRuns            fewest failing runs on the default branch since a commit to call a test broken
 *                                 (default 3)
 * @param brokenChance             a streak counts as broken only when the test's own failure rate before it would
 *                                 produce it with at most this probability (default 0.01)
 * @param brokenMaxRuns            cap on the runs that chance rule may ask for (default 10)
 * @param fixedAfterCleanRuns      clean executions in a row after which a formerly flaky or broken test is
 *                                 {@code fixed} (default 10)
 * @param outageFailureShare       a run where at least this share of the tests that ran failed is an outage
 *                                 (default 0.8)
 * @param outageMinTests           the failure-share rule applies to runs of at least this many tests (default 10)
 * @param outageInfraShare         a run whose failures are at least this share {@code INFRA} is an outage
 *                                 (default 0.9)
 * @param outageMinInfraFailures   the INFRA rule needs at least this many failures (default 3)
 * @param incidentFailureShare     a partial incident: a run where at least this share of the tests that ran failed
 *                                 (default 0.2) ...
 * @param incidentInfraShare       ... and at least this share of those failures are the environment's
 *                                 ({@code INFRA} or {@code NAVIGATION_FAIL}) is an outage too (default 0.3)
 * @param incidentEnvironmentShare correlated environment failures: a run where at least this share of the tests
 *                                 that ran failed with an environment error (default 0.05) ...
 * @param incidentMinEnvironmentFailures ... and at least this many of them (default 5) is an outage too
 * @param autoQuarantine           whether the project quarantines flaky tests automatically (default false)
 * @param autoQuarantineMinScore   the score from which a flaky test is auto-quarantined (default 0.2)
 * @param autoQuarantineFor        how long an automatic quarantine lasts before it must be earned again
 *                                 (default 14 days)
 * @param recentDays               early warning: the recent period, in days (default 7)
 * @param baselineDays             early warning: the baseline period before it, in days (default 21)
 * @param warningSignificance      early warning: the one-sided p-value below which a rise is clear (default 0.01)
 * @param warningMinFailures       early warning: fewest recent failures to warn on (default 3)
 * @param warningMinRise           early warning: smallest rise of the failure rate, in rate points (default 0.10)
 * @param warningMinBaselineTrials early warning: fewest baseline executions to compare with (default 5)
 */
public record HealthSettings(Optional<String> defaultBranch, int window, int minExecutions, int flakyEnterFailures,
                             int flakyExitFailures, boolean flakyOnOneProof, double flakyExitChance,
                             int flakyExitMaxRuns, int recurringEpisodes, int recurringMaxEpisodeRuns,
                             int brokenMinRuns, double brokenChance, int brokenMaxRuns,
                             int fixedAfterCleanRuns, double outageFailureShare, int outageMinTests,
                             double outageInfraShare, int outageMinInfraFailures, double incidentFailureShare,
                             double incidentInfraShare, double incidentEnvironmentShare,
                             int incidentMinEnvironmentFailures, boolean autoQuarantine,
                             double autoQuarantineMinScore, Duration autoQuarantineFor, int recentDays,
                             int baselineDays, double warningSignificance, int warningMinFailures,
                             double warningMinRise, int warningMinBaselineTrials) {

    public HealthSettings {
        defaultBranch = Objects.requireNonNull(defaultBranch, "defaultBranch").map(String::strip)
                .filter(b -> !b.isEmpty());
        atLeast("window", window, 2);
        atLeast("minExecutions", minExecutions, 1);
        atLeast("flakyEnterFailures", flakyEnterFailures, 1);
        atLeast("flakyExitFailures", flakyExitFailures, 1);
        if (flakyExitFailures > flakyEnterFailures || flakyEnterFailures > window) {
            throw new IllegalArgumentException("flaky thresholds must satisfy 1 <= flakyExitFailures ("
                    + flakyExitFailures + ") <= flakyEnterFailures (" + flakyEnterFailures + ") <= window ("
                    + window + ")");
        }
        share("flakyExitChance", flakyExitChance, false);
        atLeast("flakyExitMaxRuns", flakyExitMaxRuns, window);
        atLeast("recurringEpisodes", recurringEpisodes, 0);
        atLeast("recurringMaxEpisodeRuns", recurringMaxEpisodeRuns, 1);
        atLeast("brokenMinRuns", brokenMinRuns, 1);
        atLeast("brokenMaxRuns", brokenMaxRuns, brokenMinRuns);
        share("brokenChance", brokenChance, false);
        atLeast("fixedAfterCleanRuns", fixedAfterCleanRuns, 1);
        share("outageFailureShare", outageFailureShare, true);
        atLeast("outageMinTests", outageMinTests, 1);
        share("outageInfraShare", outageInfraShare, true);
        atLeast("outageMinInfraFailures", outageMinInfraFailures, 1);
        share("incidentFailureShare", incidentFailureShare, true);
        share("incidentInfraShare", incidentInfraShare, true);
        share("incidentEnvironmentShare", incidentEnvironmentShare, true);
        atLeast("incidentMinEnvironmentFailures", incidentMinEnvironmentFailures, 1);
        if (!(autoQuarantineMinScore >= 0 && autoQuarantineMinScore <= 1)) {
            throw new IllegalArgumentException("autoQuarantineMinScore must be within 0..1, was "
                    + autoQuarantineMinScore);
        }
        Objects.requireNonNull(autoQuarantineFor, "autoQuarantineFor");
        if (autoQuarantineFor.isNegative() || autoQuarantineFor.isZero()) {
            throw new IllegalArgumentException("autoQuarantineFor must be positive, was " + autoQuarantineFor);
        }
        atLeast("recentDays", recentDays, 1);
        atLeast("baselineDays", baselineDays, 1);
        share("warningSignificance", warningSignificance, false);
        atLeast("warningMinFailures", warningMinFailures, 1);
        if (!(warningMinRise >= 0 && warningMinRise < 1)) {
            throw new IllegalArgumentException("warningMinRise must be within 0..1, was " + warningMinRise);
        }
        atLeast("warningMinBaselineTrials", warningMinBaselineTrials, 1);
    }

    /** The documented defaults. */
    public static HealthSettings defaults() {
        return new HealthSettings(Optional.empty(), 30, 5, 2, 1, false, 0.01, 30, 3, 2, 3, 0.01, 10, 10, 0.8, 10, 0.9, 3, 0.2, 0.3, 0.05, 5, false,
                0.2,
                Duration.ofDays(14), 7, 21, 0.01, 3, 0.10, 5);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void share(String name, double value, boolean oneAllowed) {
        if (!(value > 0 && (value < 1 || oneAllowed && value == 1))) {
            throw new IllegalArgumentException(name + " must be within 0.." + (oneAllowed ? "1" : "1 (exclusive)")
                    + " and above 0, was " + value);
        }
    }

    /** Changes some settings and keeps the rest; {@link #build()} validates the whole. */
    public static final class Builder {
        private Optional<String> defaultBranch;
        private int window;
        private int minExecutions;
        private int flakyEnterFailures;
        private int flakyExitFailures;
        private boolean flakyOnOneProof;
        private double flakyExitChance;
        private int flakyExitMaxRuns;
        private int recurringEpisodes;
        private int recurringMaxEpisodeRuns;
        private int brokenMinRuns;
        private double brokenChance;
        private int brokenMaxRuns;
        private int fixedAfterCleanRuns;
        private double outageFailureShare;
        private int outageMinTests;
        private double outageInfraShare;
        private int outageMinInfraFailures;
        private double incidentFailureShare;
        private double incidentInfraShare;
        private double incidentEnvironmentShare;
        private int incidentMinEnvironmentFailures;
        private boolean autoQuarantine;
        private double autoQuarantineMinScore;
        private Duration autoQuarantineFor;
        private int recentDays;
        private int baselineDays;
        private double warningSignificance;
        private int warningMinFailures;
        private double warningMinRise;
        private int warningMinBaselineTrials;

        private Builder(HealthSettings s) {
            defaultBranch = s.defaultBranch;
            window = s.window;
            minExecutions = s.minExecutions;
            flakyEnterFailures = s.flakyEnterFailures;
            flakyExitFailures = s.flakyExitFailures;
            flakyOnOneProof = s.flakyOnOneProof;
            flakyExitChance = s.flakyExitChance;
            flakyExitMaxRuns = s.flakyExitMaxRuns;
            recurringEpisodes = s.recurringEpisodes;
            recurringMaxEpisodeRuns = s.recurringMaxEpisodeRuns;
            brokenMinRuns = s.brokenMinRuns;
            brokenChance = s.brokenChance;
            brokenMaxRuns = s.brokenMaxRuns;
            fixedAfterCleanRuns = s.fixedAfterCleanRuns;
            outageFailureShare = s.outageFailureShare;
            outageMinTests = s.outageMinTests;
            outageInfraShare = s.outageInfraShare;
            outageMinInfraFailures = s.outageMinInfraFailures;
            incidentFailureShare = s.incidentFailureShare;
            incidentInfraShare = s.incidentInfraShare;
            incidentEnvironmentShare = s.incidentEnvironmentShare;
            incidentMinEnvironmentFailures = s.incidentMinEnvironmentFailures;
            autoQuarantine = s.autoQuarantine;
            autoQuarantineMinScore = s.autoQuarantineMinScore;
            autoQuarantineFor = s.autoQuarantineFor;
            recentDays = s.recentDays;
            baselineDays = s.baselineDays;
            warningSignificance = s.warningSignificance;
            warningMinFailures = s.warningMinFailures;
            warningMinRise = s.warningMinRise;
            warningMinBaselineTrials = s.warningMinBaselineTrials;
        }

        public Builder defaultBranch(String value) {
            defaultBranch = Optional.ofNullable(value);
            return this;
        }

        public Builder window(int value) {
            window = value;
            return this;
        }

        public Builder minExecutions(int value) {
            minExecutions = value;
            return this;
        }

        public Builder flakyEnterFailures(int value) {
            flakyEnterFailures = value;
            return this;
        }

        public Builder flakyExitFailures(int value) {
            flakyExitFailures = value;
            return this;
        }

        public Builder flakyOnOneProof(boolean value) {
            flakyOnOneProof = value;
            return this;
        }

        public Builder flakyExitChance(double value) {
            flakyExitChance = value;
            return this;
        }

        public Builder flakyExitMaxRuns(int value) {
            flakyExitMaxRuns = value;
            return this;
        }

        public Builder recurringEpisodes(int value) {
            recurringEpisodes = value;
            return this;
        }

        public Builder recurringMaxEpisodeRuns(int value) {
            recurringMaxEpisodeRuns = value;
            return this;
        }

        public Builder brokenMinRuns(int value) {
            brokenMinRuns = value;
            return this;
        }

        public Builder brokenChance(double value) {
            brokenChance = value;
            return this;
        }

        public Builder brokenMaxRuns(int value) {
            brokenMaxRuns = value;
            return this;
        }

        public Builder fixedAfterCleanRuns(int value) {
            fixedAfterCleanRuns = value;
            return this;
        }

        public Builder outageFailureShare(double value) {
            outageFailureShare = value;
            return this;
        }

        public Builder outageMinTests(int value) {
            outageMinTests = value;
            return this;
        }

        public Builder outageInfraShare(double value) {
            outageInfraShare = value;
            return this;
        }

        public Builder outageMinInfraFailures(int value) {
            outageMinInfraFailures = value;
            return this;
        }

        public Builder incidentFailureShare(double value) {
            incidentFailureShare = value;
            return this;
        }

        public Builder incidentInfraShare(double value) {
            incidentInfraShare = value;
            return this;
        }

        public Builder incidentEnvironmentShare(double value) {
            incidentEnvironmentShare = value;
            return this;
        }

        public Builder incidentMinEnvironmentFailures(int value) {
            incidentMinEnvironmentFailures = value;
            return this;
        }

        public Builder autoQuarantine(boolean value) {
            autoQuarantine = value;
            return this;
        }

        public Builder autoQuarantineMinScore(double value) {
            autoQuarantineMinScore = value;
            return this;
        }

        public Builder autoQuarantineFor(Duration value) {
            autoQuarantineFor = value;
            return this;
        }

        public Builder recentDays(int value) {
            recentDays = value;
            return this;
        }

        public Builder baselineDays(int value) {
            baselineDays = value;
            return this;
        }

        public Builder warningSignificance(double value) {
            warningSignificance = value;
            return this;
        }

        public Builder warningMinFailures(int value) {
            warningMinFailures = value;
            return this;
        }

        public Builder warningMinRise(double value) {
            warningMinRise = value;
            return this;
        }

        public Builder warningMinBaselineTrials(int value) {
            warningMinBaselineTrials = value;
            return this;
        }

        public HealthSettings build() {
            return new HealthSettings(defaultBranch, window, minExecutions, flakyEnterFailures, flakyExitFailures,
                    flakyOnOneProof, flakyExitChance, flakyExitMaxRuns, recurringEpisodes, recurringMaxEpisodeRuns,
                    brokenMinRuns, brokenChance, brokenMaxRuns, fixedAfterCleanRuns, outageFailureShare,
                    outageMinTests, outageInfraShare, outageMinInfraFailures, incidentFailureShare,
                    incidentInfraShare, incidentEnvironmentShare, incidentMinEnvironmentFailures, autoQuarantine,
                    autoQuarantineMinScore, autoQuarantineFor, recentDays,
                    baselineDays, warningSignificance, warningMinFailures, warningMinRise, warningMinBaselineTrials);
        }
    }
}
