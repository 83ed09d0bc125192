package dev.feedbackloop.recommend;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a recommendation is in its life: {@code draft -> accepted | rejected | wont_fix -> implemented -> verified |
 * ineffective}. {@link #PENDING} is the state before a draft exists (a fix was asked of the model and not yet
 * proposed, see {@link dev.feedbackloop.store.PendingRecommendation}). A rejected or won't-fix decision can be
 * reopened to draft by a person; an ineffective fix can be accepted again (a second attempt) or rejected.
 */
public enum RecommendationStatus {
    PENDING, DRAFT, ACCEPTED, REJECTED, WONT_FIX, IMPLEMENTED, VERIFIED, INEFFECTIVE;

    /** The statuses this one may move to. */
    public Set<RecommendationStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(DRAFT, REJECTED, WONT_FIX);
            case DRAFT -> EnumSet.of(ACCEPTED, REJECTED, WONT_FIX);
            case ACCEPTED -> EnumSet.of(IMPLEMENTED, REJECTED, WONT_FIX);
            case REJECTED, WONT_FIX -> EnumSet.of(DRAFT);
            case IMPLEMENTED -> EnumSet.of(VERIFIED, INEFFECTIVE);
            case VERIFIED -> EnumSet.of(INEFFECTIVE);
            case INEFFECTIVE -> EnumSet.of(ACCEPTED, REJECTED, WONT_FIX);
        };
    }

    public boolean canMoveTo(RecommendationStatus target) {
        return next().contains(target);
    }

    /** Whether the recommendation still asks for work (listed by default, drives issue updates). */
    public boolean open() {
        return this == PENDING || this == DRAFT || this == ACCEPTED || this == INEFFECTIVE;
    }

    /** The name in JSON and on the command line: lower case, {@code wont_fix}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a wire name (any case, '-' or '_') names. */
    public static RecommendationStatus parse(String name) {
        String normal = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(normal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown recommendation status '" + name
                        + "'; expected one of pending, draft, accepted, rejected, wont_fix, implemented, verified,"
                        + " ineffective"));
    }
}
