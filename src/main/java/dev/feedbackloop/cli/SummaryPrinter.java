package dev.feedbackloop.cli;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.ClassifiedFailure;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The human-readable summary of one report: counts, the root causes of the failures, then one line per failed,
 * errored or flaky test with its root-cause category and the first line of what it failed with (secrets redacted).
 * Keeps at most {@link #MAX_LISTED} such lines, so memory stays bounded.
 */
final class SummaryPrinter implements ReportListener {

    static final int MAX_LISTED = 50;
    private static final int MAX_LINE = 200;

    private final FailureClassifier classifier;
    private final Redactor redactor = Redactor.standard();
    private final List<String> listed = new ArrayList<>();
    private final Map<Category, Integer> causes = new EnumMap<>(Category.class);
    private int notable;

    SummaryPrinter(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void onResult(TestResult result) {
        if (!result.status().isFailing() && result.status() != TestStatus.FLAKY) {
            return;
        }
        notable++;
        Optional<ClassifiedFailure> cause = classifier.classifyLastFailure(redactor.redact(result));
        if (result.status().isFailing()) {
            cause.ifPresent(c -> causes.merge(c.classification().category(), 1, Integer::sum));
        }
        if (listed.size() < MAX_LISTED) {
            listed.add(line(result, cause));
        }
    }

    void print(String file, ReportSummary summary, PrintWriter out) {
        out.printf("%s (%s)%n", TerminalText.escape(file), summary.format().label());
        out.printf("  %s: %d passed, %d failed, %d errored, %d skipped, %d flaky in %s%n",
                Plural.of(summary.tests(), "test"), summary.passed(), summary.failed(), summary.errored(),
                summary.skipped(), summary.flaky(), duration(summary.durationMillis()));
        if (!causes.isEmpty()) {
            out.printf("  root causes of the failures: %s%n", causes.entrySet().stream()
                    .sorted(Map.Entry.<Category, Integer>comparingByValue().reversed())
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        }
        listed.forEach(out::println);
        if (notable > listed.size()) {
            out.printf("  ... and %d more failed, errored or flaky %s (--json lists them all)%n",
                    notable - listed.size(), notable - listed.size() == 1 ? "test" : "tests");
        }
    }

    private String line(TestResult result, Optional<ClassifiedFailure> cause) {
        String status = switch (result.status()) {
            case FAILED -> "failed ";
            case ERROR -> "errored";
            default -> "flaky  ";
        };
        String test = result.test().suite().isEmpty() ? result.test().name()
                : result.test().suite() + " > " + result.test().name();
        String why = cause.map(c -> firstLine(c.failure())).orElse("");
        String category = cause.map(c -> " [" + c.classification().category() + "]").orElse("");
        // Names and messages come from the report: escaped before the line is cut, so no cut can split a control.
        String text = "  " + status + "  " + TerminalText.escape(test) + category
                + (why.isEmpty() ? "" : ": " + TerminalText.escape(why));
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE - 1) + "…" : text;
    }

    private static String firstLine(Failure failure) {
        return failure.headline().strip().lines().findFirst().orElse("").strip();
    }

    /** 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
