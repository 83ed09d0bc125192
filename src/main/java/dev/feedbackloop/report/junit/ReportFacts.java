package dev.feedbackloop.report.junit;

import dev.feedbackloop.report.ReportInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Report-level facts gathered from suite attributes: when the run started and ended, and on which host. */
final class ReportFacts {

    private Instant startedAt;
    private Instant finishedAt;
    private String hostname;

    /** Takes a suite's {@code timestamp}, {@code time} and {@code hostname} attributes; any may be null. */
    void suite(String timestamp, String time, String host) {
        JunitValues.instant(timestamp).ifPresent(start -> {
            Instant end = start.plusMillis(JunitValues.millis(time));
            startedAt = startedAt == null || start.isBefore(startedAt) ? start : startedAt;
            finishedAt = finishedAt == null || end.isAfter(finishedAt) ? end : finishedAt;
        });
        if (hostname == null) {
            hostname = JunitValues.nonBlank(host);
        }
    }

    /** The facts, if any suite gave one. */
    Optional<ReportInfo> info() {
        if (startedAt == null && hostname == null) {
            return Optional.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        if (hostname != null) {
            environment.put("hostname", hostname);
        }
        return Optional.of(new ReportInfo(Optional.empty(), Optional.ofNullable(startedAt),
                Optional.ofNullable(finishedAt), environment));
    }
}
