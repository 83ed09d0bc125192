package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import java.util.Objects;

/** How many of the day's failures had one root cause. */
public record CategoryCount(Category category, long failures) {

    public CategoryCount {
        Objects.requireNonNull(category, "category");
        if (failures < 1) {
            throw new IllegalArgumentException("a top category needs at least one failure, " + category + " had "
                    + failures);
        }
    }
}
