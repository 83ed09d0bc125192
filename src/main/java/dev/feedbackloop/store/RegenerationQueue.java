package dev.feedbackloop.store;

import java.util.List;

/** Where regeneration requests wait for the regenerate stage. Delivery is at least once. */
public interface RegenerationQueue {

    /**
     * Publishes one message per scenario (requests for the same scenario are merged to the first), each carrying
     * {@link RegenerationRequest#deduplicationKey()} so that consumers can drop duplicates.
     *
     * @return the number of messages published
     * @throws RegenerationQueueException when some could not be published after bounded retries
     */
    int publish(List<RegenerationRequest> requests);
}
