package dev.feedbackloop.store;

import java.time.LocalDate;

/**
 * Where the nightly rollup keeps each project's HTML report of a day, for people to open: S3 on AWS (read through a
 * pre-signed link), the data directory locally.
 */
public interface PublishedReports {

    /**
     * Stores {@code html} as {@code project}'s report of {@code day}, replacing what was there (a rerun writes the
     * same place), and says where to read it.
     *
     * @throws StoreException when it cannot be stored
     */
    PublishedReport publish(String project, LocalDate day, byte[] html);
}
