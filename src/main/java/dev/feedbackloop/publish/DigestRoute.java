package dev.feedbackloop.publish;

import java.net.URI;
import java.util.Objects;

/**
 * Where a project's daily digest goes: a Slack incoming webhook (a secret: never printed or logged), with the
 * project's owners file, {@link OwnersFile#none()} when it gave none.
 */
public record DigestRoute(URI webhook, OwnersFile owners) {

    public DigestRoute {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(owners, "owners");
        if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme())) {
            // the value is a secret: name what is wrong, never the value
            throw new IllegalArgumentException("a digest webhook must be an http(s) URL (value not shown: it is a"
                    + " secret)");
        }
    }

    @Override
    public String toString() {
        return "DigestRoute[webhook=(secret), owners=" + owners + "]";
    }
}
