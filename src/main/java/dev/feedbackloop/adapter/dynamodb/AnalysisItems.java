package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.cap;
import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Evidence;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Impact;
import dev.feedbackloop.scenario.ScenarioKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The analysis item, in its scenario's partition: attribute names and mapping, defined once. */
final class AnalysisItems {

    static final String TYPE = "type";
    static final String ANALYSIS_TYPE = "ANALYSIS";
    static final String PROJECT = "project";
    static final String FINGERPRINT = "fingerprint";
    static final String ANALYSIS_ID = "analysisId";
    static final String CREATED_AT = "createdAt";
    static final String CATEGORY = "category";
    static final String CONFIDENCE = "confidence";
    static final String EVIDENCE = "evidence";
    static final String ROOT_CAUSE = "rootCause";
    static final String SIMILAR = "similarScenarios";
    static final String INSIGHTS = "patternInsights";
    static final String IMPACT = "impact";
    static final String ANALYZER = "analyzer";
    static final String E_RULE = "rule";
    static final String E_FIELD = "field";
    static final String E_EXCERPT = "excerpt";
    static final String I_SEVERITY = "severity";
    static final String I_TESTS = "testsAffected";
    static final String I_RUNS = "runsAffected";
    static final String I_SUMMARY = "summary";

    private AnalysisItems() {
    }

    static Map<String, AttributeValue> toItem(Analysis analysis) {
        ScenarioKey key = analysis.scenario();
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                Items.key(Keys.scenarioPk(key), Keys.analysisSk(analysis.createdAt(), analysis.analysisId())));
        item.put(TYPE, s(ANALYSIS_TYPE));
        item.put(PROJECT, s(key.project()));
        item.put(FINGERPRINT, s(key.fingerprint().value()));
        item.put(ANALYSIS_ID, s(analysis.analysisId()));
        item.put(CREATED_AT, Items.time(analysis.createdAt()));
        item.put(CATEGORY, s(analysis.category().name()));
        item.put(CONFIDENCE, n(analysis.confidence()));
        item.put(EVIDENCE, AttributeValue.fromL(analysis.evidence().stream().limit(20).map(AnalysisItems::evidence)
                .toList()));
        Items.putIfPresent(item, ROOT_CAUSE, analysis.rootCause().map(r -> cap(r, 4000)));
        item.put(SIMILAR, Items.strings(analysis.similarScenarios().stream().limit(50).map(Fingerprint::value)
                .toList()));
        item.put(INSIGHTS, Items.strings(cap(analysis.patternInsights(), 20, 1000)));
        item.put(IMPACT, impact(analysis.impact()));
        item.put(ANALYZER, s(cap(analysis.analyzer(), 200)));
        return item;
    }

    private static AttributeValue evidence(Evidence evidence) {
        return AttributeValue.fromM(Map.of(E_RULE, s(cap(evidence.rule(), 200)), E_FIELD, s(cap(evidence.field(), 100)),
                E_EXCERPT, s(evidence.excerpt())));
    }

    private static AttributeValue impact(Impact impact) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(I_SEVERITY, n(impact.severity()));
        map.put(I_TESTS, n(impact.testsAffected()));
        map.put(I_RUNS, n(impact.runsAffected()));
        Items.putIfPresent(map, I_SUMMARY, impact.summary().map(s -> cap(s, 2000)));
        return AttributeValue.fromM(map);
    }

    static Analysis fromItem(Map<String, AttributeValue> item) {
        ScenarioKey key = new ScenarioKey(Items.str(item, PROJECT), new Fingerprint(Items.str(item, FINGERPRINT)));
        List<Evidence> evidence = new ArrayList<>();
        AttributeValue stored = item.get(EVIDENCE);
        if (stored != null && stored.hasL()) {
            stored.l().forEach(e -> evidence.add(new Evidence(Items.str(e.m(), E_RULE), Items.str(e.m(), E_FIELD),
                    Items.str(e.m(), E_EXCERPT))));
        }
        AttributeValue impactValue = item.get(IMPACT);
        if (impactValue == null || !impactValue.hasM()) {
            throw Items.corrupt(item, IMPACT, "missing map");
        }
        Map<String, AttributeValue> impact = impactValue.m();
        return new Analysis(key, Items.str(item, ANALYSIS_ID), Items.instant(item, CREATED_AT),
                Items.enumValue(item, CATEGORY, Category.class), Items.decimal(item, CONFIDENCE), evidence,
                Items.optStr(item, ROOT_CAUSE),
                Items.stringList(item, SIMILAR).stream().map(Fingerprint::new).toList(),
                Items.stringList(item, INSIGHTS),
                new Impact((int) Items.num(impact, I_SEVERITY), Items.num(impact, I_TESTS), Items.num(impact, I_RUNS),
                        Items.optStr(impact, I_SUMMARY)),
                Items.str(item, ANALYZER));
    }
}
