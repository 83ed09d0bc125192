package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.recommend.TriageMemory;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.TriageReader;
import java.util.Objects;
import java.util.Optional;

/**
 * Triage memory as the regenerate stage reads it: the recommendation stage's decisions in the table
 * ({@link DynamoRecommendationBook}), judged by its own {@link TriageMemory} so both stages read them alike.
 */
public final class DynamoTriageReader implements TriageReader {

    /** Decisions read per project: far above what people decide by hand (as the recommendation stage reads them). */
    static final int TRIAGE_LIMIT = 10_000;

    private final RecommendationBook book;

    public DynamoTriageReader(RecommendationBook book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    @Override
    public ScenarioTriage of(ScenarioKey scenario) {
        TriageMemory memory = new TriageMemory(book.triage(scenario.project(), TRIAGE_LIMIT));
        Optional<String> silenced = memory.silenced(scenario.fingerprint()).map(DynamoTriageReader::why);
        return new ScenarioTriage(silenced, memory.rejected(Optional.of(scenario.fingerprint())));
    }

    private static String why(Triage t) {
        return t.decision().wireName() + " by " + t.by() + " at " + t.at() + (t.reason().isBlank() ? ""
                : ": " + t.reason());
    }
}
