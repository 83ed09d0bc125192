package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A report where people can open it.
 *
 * @param location  where it is kept: {@code s3://bucket/key}, or a file path
 * @param link      what to open: a pre-signed HTTPS URL, or the file path
 * @param expiresAt when the link stops working, if it does
 * @param bytes     its size
 */
public record PublishedReport(String location, String link, Optional<Instant> expiresAt, long bytes) {

    public PublishedReport {
        if (location == null || location.isBlank() || link == null || link.isBlank()) {
            throw new IllegalArgumentException("a published report needs a location and a link, was '" + location
                    + "' and '" + link + "'");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
    }
}
