package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people decided before, as later recommendations must respect it: a rejected approach is not proposed again
 * for that scenario (or, for patterns, at all) and its reason goes into the next prompt; won't fix silences the
 * scenario; product bug marks its cause as the application's.
 */
public final class TriageMemory {

    private final List<Triage> decisions;

    public TriageMemory(List<Triage> decisions) {
        this.decisions = Objects.requireNonNull(decisions, "decisions").stream()
                .sorted(Comparator.comparing(Triage::at)).toList();
    }

    public static TriageMemory empty() {
        return new TriageMemory(List.of());
    }

    /** Approaches rejected for a scenario (or a pattern, with an empty scenario), each with its latest reason. */
    public Map<String, String> rejected(Optional<Fingerprint> scenario) {
        Map<String, String> rejected = new LinkedHashMap<>();
        for (Triage t : decisions) {
            if (t.scenario().equals(scenario) && t.decision() == TriageDecision.REJECT) {
                rejected.put(t.direction(), t.reason());
            } else if (t.scenario().equals(scenario) && t.decision() == TriageDecision.ACCEPT) {
                rejected.remove(t.direction());
            }
        }
        return rejected;
    }

    /** Whether the approach was rejected for the scenario and not accepted since. */
    public boolean isRejected(Optional<Fingerprint> scenario, String direction) {
        return rejected(scenario).containsKey(direction);
    }

    /** The latest decision on the scenario, when it silences it: won't fix or product bug, not accepted since. */
    public Optional<Triage> silenced(Fingerprint scenario) {
        return latest(scenario).filter(t -> t.decision() == TriageDecision.WONT_FIX
                || t.decision() == TriageDecision.PRODUCT_BUG);
    }

    /** The product-bug verdict on the scenario, if its latest decision is one. */
    public Optional<Triage> productBug(Fingerprint scenario) {
        return latest(scenario).filter(t -> t.decision() == TriageDecision.PRODUCT_BUG);
    }

    /** Lines for the next prompt about this scenario: the approaches people rejected and why. */
    public List<String> promptNotes(Fingerprint scenario) {
        return rejected(Optional.of(scenario)).entrySet().stream()
                .map(e -> "Do not propose " + e.getKey() + " again: a reviewer rejected it (" + e.getValue() + ").")
                .toList();
    }

    private Optional<Triage> latest(Fingerprint scenario) {
        Triage latest = null;
        for (Triage t : decisions) {
            if (t.scenario().equals(Optional.of(scenario))) {
                latest = t;
            }
        }
        return Optional.ofNullable(latest);
    }
}
