package dev.feedbackloop.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Report-level facts, where the format carries them.
 *
 * @param tool        the tool that wrote the report ({@code playwright 1.31.1}, {@code jest}), if named
 * @param startedAt   when the test run started
 * @param finishedAt  when it finished
 * @param environment environment facts the report records (CTRF {@code environment}, JUnit suite properties)
 */
public record ReportInfo(Optional<String> tool, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                         Map<String, String> environment) {

    public ReportInfo {
        tool = Objects.requireNonNull(tool, "tool").filter(t -> !t.isBlank());
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        environment = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
    }

    /** No report-level facts. */
    public static ReportInfo empty() {
        return new ReportInfo(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }
}
