package dev.feedbackloop.regenerate;

import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RegenerationRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The consuming end of the regeneration queue: validates each message and records its request durably, once, as a
 * pending recommendation, and, when given a {@link RegenerationService}, has the work it asks for done.
 * Messages are independent: a malformed one, or one whose store write failed, is reported back as failed (so the
 * queue redelivers it, and dead-letters it after its maximum receives) without failing the others.
 */
public final class RegenerationIntake {

    private static final System.Logger LOG = System.getLogger(RegenerationIntake.class.getName());

    private final RecommendationStore recommendations;
    private final Clock clock;
    private final boolean together;

    public RegenerationIntake(RecommendationStore recommendations, Clock clock) {
        this(recommendations, clock, false);
    }

    private RegenerationIntake(RecommendationStore recommendations, Clock clock, boolean together) {
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.together = together;
    }

    /**
     * This intake recording a batch's requests together ({@link RecommendationStore#putPendingAll}) and reading ahead
     * what their work reads ({@link RegenerationService#readAhead}) before doing the work of each, in order: what one
     * drain of the queue a history load filled uses (one request for ten, where the
     * store writes them together). What is recorded and done is the same: the work never reads other requests'
     * records, and each request's work still comes after its record. If recording them fails, every message of the
     * batch fails and is redelivered (recording is idempotent). The Lambda records and works one message at a time.
     */
    public RegenerationIntake recordingTogether() {
        return new RegenerationIntake(recommendations, clock, true);
    }

    /**
     * One message taken from the queue.
     *
     * @param id   the queue's message id
     * @param body the message body
     */
    public record QueuedMessage(String id, String body) {
        public QueuedMessage {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * What became of a batch.
     *
     * @param recorded  requests recorded now
     * @param duplicate requests recorded before (a redelivery)
     * @param failed    ids of the messages that failed: malformed, or not stored
     */
    public record BatchOutcome(int recorded, int duplicate, List<String> failed) {
        public BatchOutcome {
            failed = List.copyOf(failed);
        }
    }

    /** Records each message's request; never throws for one message's failure. */
    public BatchOutcome accept(List<QueuedMessage> messages) {
        return accept(messages, Optional.empty(), Optional.empty());
    }

    /**
     * Records each message's request, then, with {@code regeneration}, does the work it asks for (a redelivered
     * request too: the work is done once, and a redelivery finishes what an earlier delivery left). A request whose
     * work is {@link Regenerator.Deferred deferred} is reported as failed, so that the queue redelivers it.
     *
     * @param deadline when the batch must be done (a Lambda's remaining time); empty on the command line
     */
    public BatchOutcome accept(List<QueuedMessage> messages, Optional<RegenerationService> regeneration,
                               Optional<Instant> deadline) {
        if (together) {
            return acceptTogether(messages, regeneration, deadline);
        }
        int recorded = 0;
        int duplicate = 0;
        List<String> failed = new ArrayList<>();
        for (QueuedMessage message : messages) {
            try {
                RegenerationRequest request = RegenerationRequestJson.read(message.body());
                PendingRecommendation pending = PendingRecommendation.of(request, clock.instant());
                if (recommendations.putPending(pending)) {
                    recorded++;
                } else {
                    duplicate++;
                }
                if (regeneration.isPresent()) {
                    regeneration.get().regenerate(pending, deadline);
                }
            } catch (RegenerationRequestJson.MalformedRequestException e) {
                LOG.log(System.Logger.Level.ERROR, "regeneration message {0} is malformed: {1}", message.id(),
                        e.getMessage());
                failed.add(message.id());
            } catch (Regenerator.Deferred e) {
                LOG.log(System.Logger.Level.WARNING, "regeneration message {0} deferred: {1}", message.id(),
                        e.getMessage());
                failed.add(message.id());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "regeneration message " + message.id()
                        + " could not be recorded; it will be redelivered", e);
                failed.add(message.id());
            }
        }
        return new BatchOutcome(recorded, duplicate, failed);
    }

    private BatchOutcome acceptTogether(List<QueuedMessage> messages, Optional<RegenerationService> regeneration,
                                        Optional<Instant> deadline) {
        List<String> failed = new ArrayList<>();
        List<QueuedMessage> valid = new ArrayList<>();
        List<PendingRecommendation> pending = new ArrayList<>();
        for (QueuedMessage message : messages) {
            try {
                pending.add(PendingRecommendation.of(RegenerationRequestJson.read(message.body()), clock.instant()));
                valid.add(message);
            } catch (RegenerationRequestJson.MalformedRequestException e) {
                LOG.log(System.Logger.Level.ERROR, "regeneration message {0} is malformed: {1}", message.id(),
                        e.getMessage());
                failed.add(message.id());
            }
        }
        List<Boolean> fresh;
        try {
            fresh = pending.isEmpty() ? List.of() : recommendations.putPendingAll(pending);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, valid.size() + " regeneration messages could not be recorded; they"
                    + " will be redelivered", e);
            valid.forEach(message -> failed.add(message.id()));
            return new BatchOutcome(0, 0, failed);
        }
        int recorded = (int) fresh.stream().filter(Boolean::booleanValue).count();
        if (regeneration.isPresent() && !pending.isEmpty()) {
            try {
                regeneration.get().readAhead(pending.stream().map(PendingRecommendation::request).toList());
            } catch (RuntimeException e) { // each request's work reads what it needs itself
                LOG.log(System.Logger.Level.WARNING, "reading ahead for " + pending.size()
                        + " regeneration requests failed; each reads its own", e);
            }
        }
        for (int i = 0; i < valid.size() && regeneration.isPresent(); i++) {
            String id = valid.get(i).id();
            try {
                regeneration.get().regenerate(pending.get(i), deadline);
            } catch (Regenerator.Deferred e) {
                LOG.log(System.Logger.Level.WARNING, "regeneration message {0} deferred: {1}", id, e.getMessage());
                failed.add(id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "regeneration message " + id + " failed; it will be redelivered",
                        e);
                failed.add(id);
            }
        }
        return new BatchOutcome(recorded, valid.size() - recorded, failed);
    }
}
