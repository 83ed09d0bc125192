package dev.feedbackloop.publish;

import java.net.URI;

/** Sends a digest message (Slack Block Kit JSON) to an incoming webhook. */
@FunctionalInterface
public interface DigestChannel {

    /**
     * Posts {@code payload} to {@code webhook}, retrying what is worth retrying.
     *
     * @throws RuntimeException when the message was not delivered; its message never contains the webhook URL
     */
    void post(URI webhook, String payload);
}
