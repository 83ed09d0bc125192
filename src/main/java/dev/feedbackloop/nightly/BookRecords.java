package dev.feedbackloop.nightly;

import dev.feedbackloop.recommend.Effectiveness;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.recommend.RecommendationEvent;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.StatusChange;
import dev.feedbackloop.rootcause.Category;
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
 * effect, the failures they stand for and whether they were handled without a person, and, for a verified one,
 * the time since its scenario was first seen: one GetItem per judged fix).
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
        List<StatusChange> before = after.history().stream().filter(c -> c.at().isBefore(change.at())).toList();
        boolean firstAttempt = before.stream().noneMatch(c -> c.to() == RecommendationStatus.INEFFECTIVE);
        // one GetItem per judged fix of the day: the cost follows the day's verdicts, not the history
        Optional<Scenario> scenario = scenario(after);
        Optional<Duration> sinceFirstSeen = verified ? scenario.map(Scenario::firstSeen)
                .filter(seen -> !seen.isAfter(change.at())).map(seen -> Duration.between(seen, change.at()))
                : Optional.empty();
        long failures = Math.max(1, scenario.map(Scenario::occurrences).orElse(1L));
        return Optional.of(new FixJudgement(verified, firstAttempt,
                Math.max(-1, Math.min(1, measured.get().score())), sinceFirstSeen,
                verified && firstAttempt && handsFree(after, before), failures));
    }

    /**
     * Whether the loop did the work of a verified fix without a person: it analysed the failure (a root cause other
     * than unknown), drafted the fix itself (a diff, not only the playbook's advice), and a person did no more than
     * accept it and mark it implemented (no rejection, won't fix or product-bug verdict, no second acceptance).
     */
    static boolean handsFree(Recommendation r, List<StatusChange> before) {
        boolean analysed = r.category().filter(c -> c != Category.UNKNOWN).isPresent();
        boolean drafted = r.fix().filter(f -> !f.diff().isBlank()).isPresent();
        List<StatusChange> byPeople = before.stream().filter(c -> !c.by().equals(StatusChange.LOOP)).toList();
        boolean onlyReviewed = byPeople.stream().allMatch(c -> c.to() == RecommendationStatus.ACCEPTED
                || c.to() == RecommendationStatus.IMPLEMENTED)
                && byPeople.stream().filter(c -> c.to() == RecommendationStatus.ACCEPTED).count() <= 1;
        return analysed && drafted && onlyReviewed;
    }

    /** The recommendation's scenario (a pattern's strongest one), while it is stored. */
    private Optional<Scenario> scenario(Recommendation r) {
        return r.fingerprint().flatMap(f -> scenarios.find(new ScenarioKey(r.project(), f)));
    }
}
