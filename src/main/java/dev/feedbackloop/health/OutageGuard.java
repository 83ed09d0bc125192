package dev.feedbackloop.health;

import java.util.Locale;
import java.util.Objects;

/**
 * Tells an infrastructure outage from test results: a run in which at least
 * {@link HealthSettings#outageFailureShare()} of the tests that ran failed (when at least
 * {@link HealthSettings#outageMinTests()} ran), or whose failures are at least
 * {@link HealthSettings#outageInfraShare()} {@code INFRA} (when there are at least
 * {@link HealthSettings#outageMinInfraFailures()}), or a partial incident: at least
 * {@link HealthSettings#incidentFailureShare()} of the tests failed and at least
 * {@link HealthSettings#incidentInfraShare()} of those failures are the environment's ({@code INFRA} or
 * {@code NAVIGATION_FAIL}, {@link RunTally#environmentFailures()}: a crashed grid node or a database that did not come
 * up takes a third of a suite down at once, and its errors are classified partly as the infrastructure's, partly as
 * what the test saw of it: a page or server it could not reach). A test that passed on a retry counts as failed
 * ({@link RunTally}): a blip over before the retries is an incident too. And, whatever else failed, a run in which
 * at least {@link HealthSettings#incidentEnvironmentShare()} of the tests that ran (and at least
 * {@link HealthSettings#incidentMinEnvironmentFailures()}) failed with an environment error: one grid node or runner of
 * several going down hits a tenth of a suite at once, while in a normal run such failures are rare and independent
 * (a crashed tab here, a flaky test's refused connection there), so several together are one cause, not several. When a grid, a database or the network is
 * down, every test
 * fails together; such a run says nothing about any one test, so its executions are flagged and count as evidence
 * for no test's flakiness or breakage. Pure: it reads only the run's tally.
 */
public final class OutageGuard {

    private final HealthSettings settings;

    public OutageGuard(HealthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Judges one run (all its shards) from its tally. */
    public OutageVerdict assess(RunTally run) {
        Objects.requireNonNull(run, "run");
        String failedShare = run.failed() + " of " + run.ran() + " tests that ran failed";
        if (run.ran() >= settings.outageMinTests()
                && run.failed() >= Math.ceil(settings.outageFailureShare() * run.ran() - 1e-9)) {
            return new OutageVerdict(true, failedShare + " (" + percent((double) run.failed() / run.ran())
                    + ", outage from " + percent(settings.outageFailureShare()) + ")");
        }
        long infra = run.infraFailures();
        if (run.failed() >= settings.outageMinInfraFailures()
                && infra >= Math.ceil(settings.outageInfraShare() * run.failed() - 1e-9)) {
            return new OutageVerdict(true, infra + " of " + run.failed() + " failures were INFRA ("
                    + percent((double) infra / run.failed()) + ", outage from "
                    + percent(settings.outageInfraShare()) + ")");
        }
        long environment = run.environmentFailures();
        if (run.ran() >= settings.outageMinTests() && run.failed() >= settings.outageMinInfraFailures()
                && run.failed() >= Math.ceil(settings.incidentFailureShare() * run.ran() - 1e-9)
                && environment >= Math.ceil(settings.incidentInfraShare() * run.failed() - 1e-9)) {
            return new OutageVerdict(true, failedShare + " (" + percent((double) run.failed() / run.ran())
                    + "), " + environment + " of them INFRA or NAVIGATION_FAIL ("
                    + percent((double) environment / run.failed()) + "): a partial incident, from "
                    + percent(settings.incidentFailureShare()) + " failed with "
                    + percent(settings.incidentInfraShare()) + " of them the environment's");
        }
        if (environment >= settings.incidentMinEnvironmentFailures()
                && environment >= Math.ceil(settings.incidentEnvironmentShare() * run.ran() - 1e-9)) {
            return new OutageVerdict(true, environment + " of " + run.ran() + " tests that ran failed with INFRA or "
                    + "NAVIGATION_FAIL (" + percent((double) environment / run.ran()) + "): correlated environment "
                    + "failures, an incident from " + percent(settings.incidentEnvironmentShare()) + " and "
                    + settings.incidentMinEnvironmentFailures() + " tests");
        }
        return new OutageVerdict(false, failedShare);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
