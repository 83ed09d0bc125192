package dev.feedbackloop.recommend;

import java.util.Arrays;
import java.util.Locale;

/** A person's decision on a recommendation. */
public enum TriageDecision {
    /** Do it. */
    ACCEPT(RecommendationStatus.ACCEPTED),
    /** Not this way: the approach is wrong; a reason is required and goes into the next prompt. */
    REJECT(RecommendationStatus.REJECTED),
    /** Not worth fixing: stops issue updates for the scenario. */
    WONT_FIX(RecommendationStatus.WONT_FIX),
    /** The application is wrong, not the test: no test fix is proposed, the scenario's cause reads product bug. */
    PRODUCT_BUG(RecommendationStatus.WONT_FIX);

    private final RecommendationStatus status;

    TriageDecision(RecommendationStatus status) {
        this.status = status;
    }

    /** The status the recommendation moves to. */
    public RecommendationStatus status() {
        return status;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** accept, reject, wont-fix or product-bug (any case, '-' or '_'). */
    public static TriageDecision parse(String name) {
        String normal = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(d -> d.name().equals(normal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown decision '" + name
                        + "'; expected accept, reject, wont-fix or product-bug"));
    }
}
