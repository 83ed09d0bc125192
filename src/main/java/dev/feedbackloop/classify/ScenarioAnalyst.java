package dev.feedbackloop.classify;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.ComparedValues;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Impact;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.text.CodeFrames;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.Sha256;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the rules-based analysis of one scenario as one report saw it: the classification with its evidence, the
 * near-identical scenarios of the same report, patterns across the report's failures and the scenario's history,
 * and its impact. Pure: the same inputs give the same analysis, with an id and time stable across retries.
 */
final class ScenarioAnalyst {

    /**
     * Names the analyser in each analysis; raise it when the analysis changes meaning. v2: 93 rules, root causes as
     * sentences, a type the message states read once in fingerprints. v3: 112 rules; an anti-bot wall, WireMock's
     * own diagnosis and a bearer token the server rejects outweigh the assertion that reports them; a URL assertion
     * that saw a login redirect is a URL mismatch and not auto-fixable; root causes name the compared values. v4: no
     * note on the scenario's history (whether it is new or recurring depends on every run stored, in whatever order
     * they arrive, so it is worked out when read: {@link dev.feedbackloop.scenario.HistoryNote}); notes about the run
     * name its time instead of "this run". v5: plain runtime exceptions are CODE_ERROR (were UNKNOWN) and a missing
     * or obsolete snapshot baseline is SNAPSHOT_BASELINE (was ASSERTION_FAIL), neither auto-fixable.
     */
    static final String ANALYZER = "rules-v5";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Characters of an excerpt that find its line: enough to be specific, short enough to stay on one line. */
    private static final int EVIDENCE_PROBE = 32;
    /** Shortest cluster called systemic: two tests failing alike could be chance, three are a pattern. */
    static final int SYSTEMIC_TESTS = 3;
    private static final int ROOT_CAUSE_EXCERPT = 200;
    /**
     * Causes that are a comparison gone wrong, whose values say how. For the others (a bot wall, a crash, a missing
     * element) the compared values are the symptom, not the cause.
     */
    private static final Set<Category> COMPARISONS = EnumSet.of(Category.URL_MISMATCH, Category.API_ASSERTION_FAIL,
            Category.ASSERTION_FAIL);
    /** How notes name a run: its time, to the minute, in UTC. */
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Longest compared value shown after the line: a URL or a short value, not a whole diffed document. */
    private static final int COMPARED_VALUE = 100;

    /**
     * What classifying one report knows about the run.
     *
     * @param run      the run
     * @param runTime  its time: the analyses' {@code createdAt}
     * @param reportId the report's id within the run
     * @param failing  failing tests in the report
     * @param analyzer the analyser's name: {@link #ANALYZER}, plus the project's rules version when it has rules
     */
    record RunContext(RunKey run, Instant runTime, String reportId, long failing, String analyzer) {
        RunContext(RunKey run, Instant runTime, String reportId, long failing) {
            this(run, runTime, reportId, failing, ANALYZER);
        }
    }

    Analysis analyse(RunContext context, ScenarioObservation observation, Optional<Scenario> stored,
                     RunFailures failures) {
        Fingerprint fingerprint = observation.fingerprint();
        Classification classification = failures.classification(fingerprint);
        long tests = stored.map(Scenario::testsAffected).orElse((long) observation.tests().size());
        long runs = stored.map(Scenario::runsAffected).orElse(1L);
        Impact impact = new Impact(classification.severity(), tests, runs, Optional.of(observation.tests().size()
                + " of " + Plural.of(context.failing(), "failing test") + " in this run"));
        return new Analysis(new ScenarioKey(context.run().project(), fingerprint), analysisId(context),
                context.runTime(), classification.category(), classification.confidence(),
                classification.evidence(), Optional.of(rootCause(classification, observation.sampleMessage())),
                failures.similarTo(fingerprint), insights(context, observation, failures), impact, context.analyzer());
    }

    /** Stable across retries of the same report, distinct for each report of the run: one analysis per report. */
    static String analysisId(RunContext context) {
        String identity = context.run().project() + '\u0000' + context.run().runId() + '\u0000'
                + context.run().attempt() + '\u0000' + context.reportId();
        return context.analyzer() + ":" + Sha256.hexPrefix(identity, 8);
    }

    /**
     * A sentence for people: what the category means, then the line of the failure message that shows it (the line
     * holding the strongest evidence, such as the locator that never resolved), else the message's first line, and
     * for a comparison gone wrong the compared values when the message states both and that line does not show
     * both: a headline such as {@code expect(page).toHaveURL(expected) failed} says what failed, the values say how.
     */
    static String rootCause(Classification classification, String message) {
        String meaning = classification.category().description();
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String shown = classification.evidence().stream().map(e -> evidenceStart(e.excerpt()))
                .filter(e -> !e.isEmpty())
                .flatMap(e -> lines.stream().filter(l -> collapsed(l).contains(e)).limit(1))
                .findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(0));
        shown = withoutListMark(shown);
        if (shown.length() > ROOT_CAUSE_EXCERPT) {
            shown = shown.substring(0, ROOT_CAUSE_EXCERPT - 1) + "…";
        }
        String sentence = Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1);
        if (shown.isEmpty()) {
            return sentence + " (the report gave no failure message)";
        }
        if (COMPARISONS.contains(classification.category())) {
            ComparedValues values = ComparedValues.find(message);
            if (values.complete() && !(shown.contains(values.expected()) && shown.contains(values.actual()))) {
                shown += " (expected " + clip(values.expected()) + ", received " + clip(values.actual()) + ")";
            }
        }
        return sentence + ": " + shown;
    }

    /**
     * {@code line} without a leading list mark or gutter and the blanks after it: call logs list their steps as
     * "- waiting for ...", code frames print a gutter ("> 12 |"); neither says anything in a sentence.
     */
    static String withoutListMark(String line) {
        int end = CodeFrames.gutterEnd(line);
        if (end < 0 && !line.isEmpty() && "-*•".indexOf(line.charAt(0)) >= 0) {
            end = 1;
        }
        int text = end;
        while (text >= 0 && text < line.length() && Character.isWhitespace(line.charAt(text))) {
            text++;
        }
        return end >= 0 && text > end ? line.substring(text) : line;
    }

    private static String clip(String value) {
        return value.length() <= COMPARED_VALUE ? value : value.substring(0, COMPARED_VALUE - 1) + "…";
    }

    /**
     * The opening of an evidence excerpt as a line of the message would hold it: excerpts are cut with "…" at
     * either end, have their whitespace collapsed and may run over several lines.
     */
    private static String evidenceStart(String excerpt) {
        String core = collapsed(excerpt.replace("…", " "));
        return core.length() > EVIDENCE_PROBE ? core.substring(0, EVIDENCE_PROBE) : core;
    }

    private static String collapsed(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /**
     * Notes that stay true however many runs arrive later, in any order: facts of this run (naming it by its time, as
     * a scenario's notes are read beside other runs) and what the category means.
     */
    private static List<String> insights(RunContext context, ScenarioObservation observation, RunFailures failures) {
        List<String> insights = new ArrayList<>();
        Fingerprint fingerprint = observation.fingerprint();
        int clusterTests = failures.clusterTests(fingerprint);
        int similar = failures.similarTo(fingerprint).size();
        String run = "the run of " + RUN_TIME.format(context.runTime());
        if (clusterTests >= SYSTEMIC_TESTS) {
            insights.add("one systemic problem: " + clusterTests + " tests failed alike in " + run
                    + (similar > 0 ? " (" + (similar + 1) + " near-identical failure texts grouped)" : ""));
        }
        if (context.failing() > 1 && observation.tests().size() == context.failing()) {
            insights.add("every failing test of " + run + " failed with it");
        }
        scopeNote(observation.category()).ifPresent(insights::add);
        if (observation.category().autoFixable() && !observation.autoFixable()) {
            insights.add("not queued for a rewrite: the evidence also points to a cause no rewrite of the test fixes"
                    + " (a bot wall, an expired session or the infrastructure); check that first");
        }
        return insights;
    }

    private static Optional<String> scopeNote(Category category) {
        return switch (category) {
            case BOT_BLOCK -> Optional.of("a bot wall blocked the test: reported as it is, never evaded;"
                    + " not fixable by changing the test");
            case AUTH_EXPIRED -> Optional.of("credentials or session expired: renew them; not fixable by changing"
                    + " the test");
            case INFRA -> Optional.of("infrastructure, not the test: fix the environment; not fixable by changing"
                    + " the test");
            case CODE_ERROR -> Optional.of("the code threw a runtime exception instead of failing a check: most"
                    + " often a product bug (sometimes the test's own code); fix the code, not fixable by rewriting the"
                    + " test");
            case SNAPSHOT_BASELINE -> Optional.of("the snapshot baseline is missing or obsolete: record it with"
                    + " --update-snapshots (Jest: -u) and commit it; not fixable by rewriting the test");
            case UNKNOWN -> Optional.of("no rule recognised this failure: a custom rule can classify it");
            default -> Optional.empty();
        };
    }
}
