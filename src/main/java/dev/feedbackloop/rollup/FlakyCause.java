package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.model.TestId;
import java.util.Objects;
import java.util.Optional;

/**
 * A test that is flaky now, with its most frequent root cause (its health's
 * {@code Assessment.rootCauses().dominant()}) and its area: what the "why are our tests flaky" insight groups.
 */
public record FlakyCause(TestId test, Optional<Category> cause, Optional<String> area) {

    public FlakyCause {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(cause, "cause");
        area = Objects.requireNonNull(area, "area").filter(a -> !a.isBlank());
    }
}
