package dev.feedbackloop.recommend;

/** A coarse estimate of effort or impact, as the design grades them. */
public enum Level {
    LOW, MEDIUM, HIGH;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
