package dev.feedbackloop.regenerate;

import dev.feedbackloop.scenario.ScenarioKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FixAnalysisStore} in memory, for the service's unit tests; the DynamoDB one is tested on DynamoDB Local
 * against the same contract ({@code DynamoFixAnalysisStoreTest}).
 */
final class MemoryFixAnalysisStore implements FixAnalysisStore {

    private final Map<AnalysisKey, FixAnalysis> analyses = new LinkedHashMap<>();
    int releases;

    @Override
    public synchronized Optional<FixAnalysis> claim(AnalysisKey key, String recommendationId, Instant at) {
        FixAnalysis existing = analyses.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        analyses.put(key, new FixAnalysis(key, recommendationId, at, List.of(), Optional.empty()));
        return Optional.empty();
    }

    @Override
    public synchronized void recordCall(AnalysisKey key, ModelCall call) {
        FixAnalysis a = analyses.get(key);
        if (a.call(call.round()).isPresent()) {
            return;
        }
        List<ModelCall> calls = new ArrayList<>(a.calls());
        calls.add(call);
        analyses.put(key, new FixAnalysis(key, a.recommendationId(), a.claimedAt(), calls, a.recommendation()));
    }

    @Override
    public synchronized void complete(AnalysisKey key, FixRecommendation recommendation) {
        FixAnalysis a = analyses.get(key);
        if (a.recommendation().isEmpty()) {
            analyses.put(key, new FixAnalysis(key, a.recommendationId(), a.claimedAt(), a.calls(),
                    Optional.of(recommendation)));
        }
    }

    @Override
    public synchronized void release(AnalysisKey key) {
        FixAnalysis a = analyses.get(key);
        if (a != null && a.calls().isEmpty() && a.recommendation().isEmpty()) {
            analyses.remove(key);
            releases++;
        }
    }

    @Override
    public synchronized Optional<FixAnalysis> find(AnalysisKey key) {
        return Optional.ofNullable(analyses.get(key));
    }

    @Override
    public synchronized List<FixAnalysis> ofScenario(ScenarioKey scenario, int limit) {
        return analyses.values().stream().filter(a -> a.key().scenario().equals(scenario))
                .sorted(Comparator.comparing(FixAnalysis::claimedAt).reversed()).limit(limit).toList();
    }
}
