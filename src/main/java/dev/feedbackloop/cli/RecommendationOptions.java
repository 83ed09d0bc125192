package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.store.RecommendationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the recommendation commands share: the loop over the embedded store, and finding one by id or prefix. */
final class RecommendationOptions {

    /** Scenarios considered per refresh, most frequent first. */
    static final int SCENARIO_LIMIT = 1000;
    /** Newest runs read when watching an implemented fix. */
    static final int RUN_LIMIT = 500;
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{6,64}");

    private RecommendationOptions() {
    }

    static RecommendationLoop loop(LocalStore local) {
        return new RecommendationLoop(local.recommendationBook(), new Recommender(), FixWatch.defaults());
    }

    static StoredHistory history(LocalStore local) {
        return new StoredHistory(local.runs(), local.scenarios(), RUN_LIMIT);
    }

    /** Fixes proposed by the regenerate stage, as drafts. */
    static List<Recommender.Draft> drafts(LocalStore local, String project) {
        List<Recommender.Draft> drafts = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = local.recommendations().proposed(project, 100, cursor);
            for (RecommendationStore.Proposal p : page.items()) {
                drafts.add(new Recommender.Draft(p.recommendation().request().scenario(),
                        p.recommendation().recommendationId(), p.fix()));
            }
            cursor = page.next();
        } while (cursor.isPresent());
        return drafts;
    }

    /** The one recommendation whose id is or starts with {@code id} (at least 6 hex digits). */
    static Recommendation find(RecommendationLoop loop, String project, String id) {
        if (!ID_PREFIX.matcher(id).matches()) {
            throw new IllegalArgumentException("a recommendation id is 6-64 lower-case hex digits, was '" + id + "'");
        }
        List<Recommendation> matches = loop.list(project, List.of(RecommendationStatus.values()), Integer.MAX_VALUE)
                .stream().filter(r -> r.id().startsWith(id)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no recommendation " + id + " in project "
                    + project + "; list them with `feedback recommendations --project " + project + "`"
                    : "id " + id + " names " + matches.size() + " recommendations; give more digits");
        }
        return matches.get(0);
    }

    static String by(Optional<String> by) {
        return by.filter(b -> !b.isBlank()).orElseGet(() -> Optional.ofNullable(System.getProperty("user.name"))
                .filter(b -> !b.isBlank()).orElse("unknown"));
    }
}
