package dev.feedbackloop.view;

import dev.feedbackloop.rootcause.Category;
import java.util.Objects;

/**
 * How much of what failed one root cause explains, over the scenarios looked at.
 *
 * @param category    the root cause
 * @param scenarios   scenarios of it
 * @param occurrences their (run, test) failures, summed
 */
public record CategoryShare(Category category, long scenarios, long occurrences) {

    public CategoryShare {
        Objects.requireNonNull(category, "category");
        if (scenarios < 1 || occurrences < scenarios) {
            throw new IllegalArgumentException("a category share needs scenarios >= 1 and occurrences >= scenarios,"
                    + " was " + scenarios + "/" + occurrences);
        }
    }
}
