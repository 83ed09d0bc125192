package dev.feedbackloop.health;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision that CI may skip or tolerate a test until {@code expires}: a person's, or the project's auto-quarantine
 * policy's. An expired quarantine drops out by itself ({@link #inForceAt(Instant)} turns false), so nobody has to
 * remember to lift it.
 *
 * @param source  who decided: a person or the policy
 * @param by      the person (as the CLI or API names them) or {@code policy}; not blank
 * @param reason  why, as given; not blank, at most 500 characters
 * @param since   when it was decided
 * @param expires when it ends; after {@code since}
 */
public record Quarantine(Source source, String by, String reason, Instant since, Instant expires) {

    /** Who put a test in quarantine. */
    public enum Source {
        /** A person's decision, recorded with who and why. */
        PERSON,
        /** The project's auto-quarantine policy ({@link HealthSettings#autoQuarantine()}). */
        POLICY
    }

    public Quarantine {
        Objects.requireNonNull(source, "source");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("a quarantine must say who decided it");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a quarantine needs a reason of 1-500 characters, was "
                    + (reason == null ? "none" : reason.length() + " characters"));
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expires, "expires");
        if (!expires.isAfter(since)) {
            throw new IllegalArgumentException("a quarantine must expire after it starts: since " + since
                    + ", expires " + expires);
        }
    }

    /** Whether it still holds at {@code time}: it has not expired yet. */
    public boolean inForceAt(Instant time) {
        return time.isBefore(expires);
    }
}
