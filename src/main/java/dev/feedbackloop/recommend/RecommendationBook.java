package dev.feedbackloop.recommend;

import dev.feedbackloop.store.Page;
import java.util.List;
import java.util.Optional;

/** Where recommendations and triage decisions are kept (DynamoDB in production and in the embedded store). */
public interface RecommendationBook {

    /**
     * Keeps a new recommendation unless one with its project and id exists (making the same one again is a no-op).
     *
     * @return whether it was kept now
     */
    boolean add(Recommendation recommendation);

    Optional<Recommendation> find(String project, String id);

    /**
     * Replaces a recommendation if it is still at {@code expectedVersion}: two people deciding at once cannot both
     * win.
     *
     * @throws dev.feedbackloop.store.StoreConflictException when it changed since it was read
     */
    void update(Recommendation updated, long expectedVersion);

    /** A project's recommendations in one status, highest priority first, then oldest first. */
    Page<Recommendation> withStatus(String project, RecommendationStatus status, int limit, Optional<String> cursor);

    /**
     * Records a triage decision (idempotent: the same recommendation, decision and time are one record).
     *
     * @return whether it was recorded now
     */
    boolean recordTriage(String project, Triage triage);

    /** A project's triage decisions, oldest first, at most {@code limit}. */
    List<Triage> triage(String project, int limit);

    /**
     * What happened to a project's recommendations on one UTC day, oldest first: each one made and each status
     * change, logged by {@link #add} and {@link #update} together with the write itself. Read at the cost of the
     * day's events alone (the nightly figures' read).
     */
    List<RecommendationEvent> eventsOn(String project, java.time.LocalDate day);
}
