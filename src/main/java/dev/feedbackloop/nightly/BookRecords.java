package dev.feedbackloop.nightly;

import dev.feedbackloop.recommend.Effectiveness;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationEvent;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.StatusChange;
import dev.feedbackloop.rollup.FixJudgement;
import dev.feedbackloop.rollup.LoopDay;
import dev.feedbackloop.rollup.LoopRecords;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.ScenarioStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LoopRecords} from the recommendation book's log of the day: recommendations made, fixes marked implemented
 * (with the time since the recommendation was made), and fixes verified or found ineffective (with their measured
 * effect and, for a verified one, the time since its scenario was first seen: one GetItem per verified fix).
 */
public final class BookRecords implements LoopRecords {

    private final RecommendationBook book;
    private final ScenarioStore scenarios;

    public BookRecords(RecommendationBook book, ScenarioStore scenarios) {
        this.book = Objects.requireNonNull(book, "book");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
    }

    @Override
    public LoopDay of(String project, LocalDate day) {
        long made = 0;
        List<Duration> implemented = new ArrayList<>();
        List<FixJudgement> judged = new ArrayList<>();
        for (RecommendationEvent event : book.eventsOn(project, day)) {
            if (event.change().isEmpty()) {
                made++;
                continue;
            }
            StatusChange change = event.change().get();
            Recommendation after = event.after();
            if (change.to() == RecommendationStatus.IMPLEMENTED && !change.at().isBefore(after.createdAt())) {
                implemented.add(Duration.between(after.createdAt(), change.at()));
            } else if (change.to() == RecommendationStatus.VERIFIED || change.to() == RecommendationStatus.INEFFECTIVE) {
                judgement(after, change).ifPresent(judged::add);
            }
        }
        return new LoopDay(made, implemented, judged);
    }

    private Optional<FixJudgement> judgement(Recommendation after, StatusChange change) {
        Optional<Effectiveness> measured = after.effectiveness();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        boolean verified = change.to() == RecommendationStatus.VERIFIED;
        boolean firstAttempt = after.history().stream()
                .filter(c -> c.at().isBefore(change.at()))
                .noneMatch(c -> c.to() == RecommendationStatus.INEFFECTIVE);
        Optional<Duration> sinceFirstSeen = verified ? firstSeen(after).filter(seen -> !seen.isAfter(change.at()))
                .map(seen -> Duration.between(seen, change.at())) : Optional.empty();
        return Optional.of(new FixJudgement(verified, firstAttempt,
                Math.max(-1, Math.min(1, measured.get().score())), sinceFirstSeen));
    }

    /** When the recommendation's scenario (a pattern's strongest one) was first seen, while it is stored. */
    private Optional<Instant> firstSeen(Recommendation r) {
        return r.fingerprint().flatMap(f -> scenarios.find(new ScenarioKey(r.project(), f))).map(Scenario::firstSeen);
    }
}
