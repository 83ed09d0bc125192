package dev.feedbackloop.classify;

import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.OutageVerdict;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.redact.ReportRedactor;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.store.RawReportStore;
import dev.feedbackloop.store.RegenerationQueue;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.store.ReportCompletion;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classify stage, for one stored raw report: streams it from the store, parses it, redacts each result once,
 * stores the run and its results, classifies each failing result, counts its failures into persistent scenarios,
 * stores an analysis per scenario it saw, asks for a regenerated test for each auto-fixable one, advances each
 * test's health ({@link HealthStep}), and completes the run; then leaves the stored report redacted
 * ({@link RawReportRedaction}: one uploaded unredacted through a pre-signed URL is replaced by its redacted form).
 * Framework-free; the {@code classify} function calls it for each S3 notification, the CLI for local reports.
 *
 * <p><b>At least once, safely.</b> Every step is idempotent, and the report's completion marker
 * ({@link RunStore#completeRun}) is written last: a report whose marker exists is skipped, and one that failed half-way
 * is simply done again. Results are keyed by (run, test) and rewritten unchanged; occurrences are counted once per
 * (run, test) by the store; analyses have an id and time derived from the run and report; regeneration requests are
 * claimed before they are sent ({@link RegenerationPublisher}); each test's health is advanced by a judge that
 * ignores an execution it has seen and by writes conditioned on a version ({@link HealthStep}). So the same notification twice, the same report
 * uploaded twice, or a retry after a failure anywhere leave what one clean pass leaves.
 *
 * <p><b>Bounded memory.</b> The report is read twice from the store: once to check that it parses completely and to
 * learn its report-level facts (some formats write the run's start time after the tests), once to store it. A
 * malformed report is therefore refused before anything of it is written, and a report classified before is recognised
 * from its object metadata alone, before its content is read. Between the passes only counts are kept;
 * during the second, one test id per failure and one classification per fingerprint.
 *
 * <p>Thread-safe if its ports are; each call works on its own state.
 */
public final class ReportClassifier {

    private static final System.Logger LOG = System.getLogger(ReportClassifier.class.getName());

    private final RawReportStore rawReports;
    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final RegenerationPublisher publisher;
    private final ProjectClassifiers classifiers;
    private final Reports reports;
    private final ReportKeys keys;
    private final Clock clock;
    private final HealthStep health;
    private final HeldHealth heldHealth;
    private final List<ReportCompletion> heldCompletions = new ArrayList<>();
    /**
     * Each project's classifier as a load found it when it first met the project: rules are saved before a load
     * ({@code ingest --rules}) or between loads, never by the load itself, so its reports are classified with the
     * rules of its start whether they are read once or once a report. Empty unless holding.
     */
    private final Map<String, ProjectClassifiers.Selected> heldClassifiers = new HashMap<>();
    /**
     * Whether each project a load met had no run stored when the load first met it (before its first report's run
     * is put): then nothing of its runs is stored but what the load holds (a report's completion marker and a run's
     * tallies are written after its run, and a load writes them at its release), so the load reads neither for its
     * runs. Runs are never deleted. Empty unless holding.
     */
    private final Map<String, Boolean> heldFresh = new ConcurrentHashMap<>();
    private final ScenarioAnalyst analyst = new ScenarioAnalyst();
    private final Redactor redactor = Redactor.standard();
    private final RawReportRedaction redaction;

    /**
     * @param reportsPrefix the raw reports' key prefix ({@code feedback.reports.prefix}); objects outside it are
     *                      ignored
     */
    public ReportClassifier(RawReportStore rawReports, RunStore runs, ScenarioStore scenarios,
                          DeliveryStore deliveries, RegenerationQueue queue, FailureClassifier classifier,
                          Reports reports, String reportsPrefix, HealthStore healthStore,
                          HealthSettings healthSettings, Clock clock) {
        this(rawReports, runs, scenarios, deliveries, queue, ProjectClassifiers.fixed(classifier), reports,
                reportsPrefix, healthStore, healthSettings, clock);
    }

    /**
     * @param classifiers    each project's classifier: the built-in rules, after the project's own when it has some
     * @param healthStore    each test's health
     * @param healthSettings the health rules' settings
     */
    public ReportClassifier(RawReportStore rawReports, RunStore runs, ScenarioStore scenarios,
                          DeliveryStore deliveries, RegenerationQueue queue, ProjectClassifiers classifiers,
                          Reports reports, String reportsPrefix, HealthStore healthStore,
                          HealthSettings healthSettings, Clock clock) {
        this.rawReports = Objects.requireNonNull(rawReports, "rawReports");
        this.redaction = new RawReportRedaction(rawReports, ReportRedactor.standard());
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.publisher = new RegenerationPublisher(Objects.requireNonNull(deliveries, "deliveries"),
                Objects.requireNonNull(queue, "queue"));
        this.classifiers = Objects.requireNonNull(classifiers, "classifiers");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.keys = new ReportKeys(Objects.requireNonNull(reportsPrefix, "reportsPrefix"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heldHealth = new HeldHealth(Objects.requireNonNull(healthStore, "healthStore"));
        this.health = new HealthStep(heldHealth, runs,
                new HealthJudge(Objects.requireNonNull(healthSettings, "healthSettings")));
    }

    /**
     * Starts a history load: from now until {@link #release}, each test's health is advanced in memory across the
     * reports classified and written once at the end ({@link HeldHealth}), and so are the reports' completion
     * markers, which {@link #release} writes after the health. A load that stops half-way (a crash, a failure) has
     * written no marker for a report whose health is not written, so loading again redoes exactly those reports, as a
     * redelivery would; what is stored in the end is what classifying the reports one by one stores.
     *
     * <p>For one process loading a history into a store it alone writes (the command line); the Lambda functions
     * classify one report an invocation and never hold.
     *
     * @throws IllegalStateException when a load is under way already
     */
    public synchronized void hold() {
        heldFresh.clear();
        heldHealth.hold(project -> Boolean.TRUE.equals(heldFresh.get(project)));
        heldCompletions.clear();
        heldClassifiers.clear();
    }

    /**
     * Ends a history load: writes each held test's health once, then the completion markers of the reports classified
     * since {@link #hold}, in the order they were classified.
     *
     * @return how many reports were completed
     * @throws dev.feedbackloop.store.StoreException when storage fails (nothing is lost: the reports whose markers
     *                                               are missing are classified again by the next load)
     */
    public synchronized int release() {
        List<ReportCompletion> completions = List.copyOf(heldCompletions);
        heldCompletions.clear();
        heldClassifiers.clear();
        heldFresh.clear();
        heldHealth.release();
        runs.completeRuns(completions);
        return completions.size();
    }

    /** Ends a history load without writing what it held (it failed; load again). */
    public synchronized void abandon() {
        heldCompletions.clear();
        heldClassifiers.clear();
        heldFresh.clear();
        heldHealth.abandon();
    }

    /** The classifier for {@code project}'s report now: read once a report, or once a load while holding. */
    private synchronized ProjectClassifiers.Selected classifierFor(String project) {
        return heldHealth.holding() ? heldClassifiers.computeIfAbsent(project, classifiers::forProject)
                : classifiers.forProject(project);
    }

    private synchronized void complete(RunKey run, String reportId, RunCounts counts) {
        if (heldHealth.holding()) {
            heldCompletions.add(new ReportCompletion(run, reportId, counts));
        } else {
            runs.completeRun(run, reportId, counts);
        }
    }

    private synchronized boolean completed(RunKey run, String reportId) {
        if (heldCompletions.stream().anyMatch(c -> c.run().equals(run) && c.reportId().equals(reportId))) {
            return true;
        }
        return !(heldHealth.holding() && freshProject(run.project())) && runs.reportCompleted(run, reportId);
    }

    /** Whether the store had no run of {@code project} when this load first asked (see {@link #heldFresh}). */
    private boolean freshProject(String project) {
        return heldFresh.computeIfAbsent(project, p -> runs.listRuns(p, 1, Optional.empty()).items().isEmpty());
    }

    /**
     * Classifies one stored report, unless it was classified completely before.
     *
     * @return what was done; an unreadable report is {@link ClassifyOutcome.Status#REJECTED}, not thrown
     * @throws dev.feedbackloop.store.StoreException            when storage fails (retry the whole report)
     * @throws dev.feedbackloop.store.RegenerationQueueException when requests cannot be queued (retry)
     * @throws ReportInProgressException                      when another invocation is on the same report (retry)
     */
    public ClassifyOutcome classify(ReportRef ref) {
        Optional<ReportKeys.Parsed> parsed = keys.parse(ref);
        if (parsed.isEmpty()) {
            return ClassifyOutcome.skipped(ClassifyOutcome.Status.IGNORED, ref.key(), Optional.empty(),
                    "not under the reports prefix '" + keys.prefix() + "' as <project>/<name>");
        }
        String reportId = parsed.get().reportId();
        ReportFacts facts;
        try {
            facts = readFacts(ref, parsed.get());
        } catch (ReportParseException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "report {0} cannot be classified and is dropped: {1}", ref.key(),
                    e.getMessage());
            redaction.keepRedacted(ref.key());
            return ClassifyOutcome.skipped(ClassifyOutcome.Status.REJECTED, ref.key(), Optional.empty(),
                    e.getMessage());
        }
        if (facts.classifiedBefore()) {
            redaction.keepRedacted(ref.key()); // a retry may come after classifying and before this
            RunKey key = facts.metadata().run();
            return ClassifyOutcome.skipped(ClassifyOutcome.Status.ALREADY_CLASSIFIED, ref.key(), Optional.of(key),
                    "report " + reportId + " of run " + key.runId() + " was classified before");
        }
        ClassifyOutcome outcome = classifyNew(ref, reportId, facts);
        redaction.keepRedacted(ref.key());
        return outcome;
    }

    private ClassifyOutcome classifyNew(ReportRef ref, String reportId, ReportFacts facts) {
        Instant now = clock.instant();
        StoredRun run = runs.putRun(facts.toRun(now), now);
        ProjectClassifiers.Selected classifier = classifierFor(run.key().project());
        RunFailures failures = new RunFailures(classifier.classifier(), run.run().environment());
        HealthStep.ReportResults healthResults = health.collect(run, classifier.classifier());
        RunCounts counts = storeResults(ref, run, failures, healthResults);
        List<ScenarioObservation> observations = failures.observations();
        OccurrenceOutcome occurrences = scenarios.recordOccurrences(run.key(), run.runTime(), observations);
        ScenarioAnalyst.RunContext context = new ScenarioAnalyst.RunContext(run.key(), run.runTime(), reportId,
                failures.failing(), classifier.analyzer());
        // The scenarios as counted just now, read together; analyses do not touch them, so are written together.
        Map<ScenarioKey, Scenario> stored = scenarios.findAll(observations.stream()
                .map(o -> new ScenarioKey(run.key().project(), o.fingerprint())).toList());
        List<Analysis> analysed = new ArrayList<>(observations.size());
        List<RegenerationRequest> requests = new ArrayList<>();
        for (ScenarioObservation observation : observations) {
            ScenarioKey scenarioKey = new ScenarioKey(run.key().project(), observation.fingerprint());
            analysed.add(analyst.analyse(context, observation, Optional.ofNullable(stored.get(scenarioKey)),
                    failures));
            if (observation.autoFixable() && observation.category().autoFixable()) {
                requests.add(new RegenerationRequest(scenarioKey, observation.category(), run.key(),
                        observation.tests().stream().limit(RegenerationRequest.MAX_TESTS).toList(),
                        clock.instant()));
            }
        }
        int analyses = scenarios.putAnalyses(analysed);
        int published = publisher.publish(requests, clock.instant(), heldHealth.holding());
        OutageVerdict outage = health.record(healthResults, reportId,
                Math.max(0, clock.millis() - now.toEpochMilli()), published, clock.instant());
        complete(run.key(), reportId, counts);
        LOG.log(System.Logger.Level.INFO, "classified {0}: {1} tests, {2} failing in {3} scenarios ({4} new),"
                + " {5} analyses, {6} regeneration requests; outage guard: {7}", ref.key(), counts.tests(),
                failures.failing(), observations.size(), occurrences.scenariosCreated(), analyses, published,
                outage.reason());
        return new ClassifyOutcome(ClassifyOutcome.Status.CLASSIFIED, ref.key(), Optional.of(run.key()),
                counts.tests(), failures.failing(), observations.size(), occurrences.scenariosCreated(),
                occurrences.occurrencesAdded(), analyses, published, Optional.empty());
    }

    /**
     * First pass: the report's run, and unless that run already completed this report (a duplicate, skipped without
     * reading further), that the report parses completely and its report-level facts.
     *
     */
    private ReportFacts readFacts(ReportRef ref, ReportKeys.Parsed parsed) {
        try (OpenedReport opened = rawReports.open(ref.key())) {
            ReportMetadata metadata = parsed.metadata(opened.metadata(), ref.key());
            if (completed(metadata.run(), parsed.reportId())) {
                return new ReportFacts(metadata, ReportInfo.empty(), true);
            }
            ReportInfo[] info = {ReportInfo.empty()};
            reports.parse(ref.key(), opened.stream(), new ReportListener() {
                @Override
                public void onResult(TestResult result) {
                }

                @Override
                public void onReportInfo(ReportInfo reportInfo) {
                    info[0] = reportInfo;
                }
            });
            return new ReportFacts(metadata, info[0], false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + ref.key(), e);
        }
    }

    /**
     * Second pass: every result redacted (once: what is classified is what is stored) and classified, into the
     * store; returns the report's counts.
     */
    private RunCounts storeResults(ReportRef ref, StoredRun run, RunFailures failures,
                                   HealthStep.ReportResults healthResults) {
        String project = run.key().project();
        RunCounts[] counts = {RunCounts.zero()};
        try (OpenedReport opened = rawReports.open(ref.key()); ResultWriter writer = runs.openResults(run)) {
            reports.parse(ref.key(), opened.stream(), result -> {
                TestId id = result.test().id(project);
                TestResult redacted = redactor.redact(result);
                Optional<Classification> classification = failures.add(id, redacted);
                writer.add(new ResultRecord(id, redacted, classification.map(Classification::fingerprint),
                        classification.map(Classification::category)));
                healthResults.add(id, redacted, classification);
                counts[0] = counts[0].plus(result);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + ref.key(), e);
        }
        return counts[0];
    }

    /** What the first pass learnt; for a report classified before, only its run. */
    private record ReportFacts(ReportMetadata metadata, ReportInfo info, boolean classifiedBefore) {

        private static final Redactor REDACTOR = Redactor.standard();

        /**
         * The run, with the report's own start and finish times, or the sender's time (see ReportMetadata), and
         * the report's environment redacted (a property named for a secret loses its value).
         */
        dev.feedbackloop.model.Run toRun(Instant now) {
            return metadata.toRun(info.startedAt(), info.finishedAt(), REDACTOR.redact(info.environment()), now);
        }
    }
}
