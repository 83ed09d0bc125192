package dev.feedbackloop.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, in the listing's order.
 *
 * @param items  the items on this page; may be empty even when {@code next} is present
 * @param next   opaque cursor for the following page; empty on the last page
 * @param <T>    item type
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        next = Objects.requireNonNull(next, "next").filter(n -> !n.isBlank());
    }

    /** A last page. */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    /** Checks a requested page size: 1 to 1000 items. */
    public static int requireLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page size must be within 1..1000, was " + limit);
        }
        return limit;
    }
}
