package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects findings, one per rule, line and message; an error of a rule on a line replaces a warning of it. */
final class Findings {

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    void error(GuardRule rule, int line, String message) {
        add(Finding.error(rule, line, message));
    }

    void warning(GuardRule rule, int line, String message) {
        add(Finding.warning(rule, line, message));
    }

    void add(Finding f) {
        String key = f.rule() + "@" + f.line() + ":" + f.message();
        if (seen.add(key)) {
            findings.add(f);
        }
    }

    boolean has(GuardRule rule) {
        return findings.stream().anyMatch(f -> f.rule() == rule);
    }

    List<Finding> all() {
        return List.copyOf(findings);
    }
}
