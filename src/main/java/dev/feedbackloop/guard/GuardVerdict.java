package dev.feedbackloop.guard;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the guard decided about a proposed fix: rejected when any finding is an error.
 *
 * @param findings every finding, errors first, then by line
 */
public record GuardVerdict(List<Finding> findings) {

    public GuardVerdict {
        Objects.requireNonNull(findings, "findings");
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity)
                .thenComparingInt(f -> f.line().orElse(0))).toList();
    }

    /** Whether the fix may be kept as a draft for a person to review. */
    public boolean accepted() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** {@code accept} or {@code reject}. */
    public String verdict() {
        return accepted() ? "accept" : "reject";
    }

    /** Whether a finding of {@code rule} with severity error is among the findings. */
    public boolean rejectsFor(GuardRule rule) {
        return findings.stream().anyMatch(f -> f.rule() == rule && f.severity() == Severity.ERROR);
    }
}
