package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.Execution.Attempt;
import dev.feedbackloop.bench.history.PlannedRun.RetryStyle;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one run as a JUnit XML report: a {@code <testsuites>} root with one {@code <testsuite>} per class, as CI
 * jobs merge per-class files. The retry dialect follows the run's build:
 * <ul>
 *   <li>surefire ({@link RetryStyle#SUREFIRE_RERUN}, and runs without retries): one {@code <testcase>} per test; a
 *       test that passed on a retry holds a {@code <flakyFailure>}/{@code <flakyError>} per failed try, one that
 *       never passed holds {@code <failure>}/{@code <error>} and a {@code <rerunFailure>}/{@code <rerunError>} per
 *       further try. Assertion errors are failures, other exceptions errors. No suite timestamp.</li>
 *   <li>Gradle's test-retry plugin ({@link RetryStyle#REPEATED_TESTCASE}): one {@code <testcase>} per execution,
 *       side by side; every problem is a {@code <failure>} whose message is the exception's {@code toString()}; the
 *       suite carries a timestamp.</li>
 * </ul>
 */
final class JunitXmlWriter {

    // Gradle's form: local time without a zone, to the second.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Writer out;

    private JunitXmlWriter(Writer out) {
        this.out = out;
    }

    static void write(SimulatedRun run, String project, Writer out) throws IOException {
        new JunitXmlWriter(out).report(run, project);
    }

    private void report(SimulatedRun run, String project) throws IOException {
        Map<String, List<Execution>> bySuite = new LinkedHashMap<>();
        for (Execution execution : run.executions()) {
            bySuite.computeIfAbsent(execution.plan().test().suite(), s -> new ArrayList<>()).add(execution);
        }
        boolean gradle = run.run().retryStyle() == RetryStyle.REPEATED_TESTCASE;
        Counts total = new Counts();
        bySuite.values().forEach(executions -> total.add(executions, gradle));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"" + escapeAttribute(project) + "\"" + total.attributes() + ">\n");
        String host = "ci-runner-" + (1 + Math.floorMod(run.run().number() * 7 + run.run().attempt(), 9));
        for (Map.Entry<String, List<Execution>> suite : bySuite.entrySet()) {
            Counts counts = new Counts();
            counts.add(suite.getValue(), gradle);
            out.write("  <testsuite name=\"" + escapeAttribute(suite.getKey()) + "\"" + counts.attributes());
            if (gradle) {
                out.write(" timestamp=\"" + TIMESTAMP.format(run.run().time()) + "\"");
            }
            out.write(" hostname=\"" + host + "\">\n");
            for (Execution execution : suite.getValue()) {
                if (gradle) {
                    gradleTestcases(execution);
                } else {
                    surefireTestcase(execution);
                }
            }
            out.write("  </testsuite>\n");
        }
        out.write("</testsuites>\n");
    }

    private void surefireTestcase(Execution execution) throws IOException {
        List<Attempt> attempts = execution.attempts();
        if (execution.skipped()) {
            open(execution, 0);
            out.write(">\n      <skipped message=\"" + escapeAttribute(execution.skipReason().orElseThrow()) + "\"/>\n");
            out.write("    </testcase>\n");
            return;
        }
        Attempt last = attempts.get(attempts.size() - 1);
        open(execution, last.millis());
        if (attempts.size() == 1 && last.passed()) {
            out.write("/>\n");
            return;
        }
        out.write(">\n");
        if (last.passed()) {
            for (Attempt failed : attempts.subList(0, attempts.size() - 1)) {
                rerun(failed, "flaky");
            }
        } else {
            SimulatedFailure first = attempts.get(0).failure().orElseThrow();
            String element = first.error() ? "error" : "failure";
            out.write("      <" + element + " message=\"" + escapeAttribute(first.message()) + "\" type=\""
                    + escapeAttribute(first.type()) + "\">" + escapeText(first.stackTrace()) + "</" + element + ">\n");
            for (Attempt failed : attempts.subList(1, attempts.size())) {
                rerun(failed, "rerun");
            }
        }
        out.write("    </testcase>\n");
    }

    private void rerun(Attempt attempt, String prefix) throws IOException {
        SimulatedFailure failure = attempt.failure().orElseThrow();
        String element = prefix + (failure.error() ? "Error" : "Failure");
        out.write("      <" + element + " message=\"" + escapeAttribute(failure.message()) + "\" type=\""
                + escapeAttribute(failure.type()) + "\" time=\"" + seconds(attempt.millis()) + "\">\n");
        out.write("        <stackTrace>" + escapeText(failure.stackTrace()) + "</stackTrace>\n");
        out.write("      </" + element + ">\n");
    }

    private void gradleTestcases(Execution execution) throws IOException {
        if (execution.skipped()) {
            open(execution, 0);
            out.write(">\n      <skipped/>\n    </testcase>\n");
            return;
        }
        for (Attempt attempt : execution.attempts()) {
            open(execution, attempt.millis());
            if (attempt.passed()) {
                out.write("/>\n");
                continue;
            }
            SimulatedFailure failure = attempt.failure().orElseThrow();
            out.write(">\n      <failure message=\"" + escapeAttribute(failure.type() + ": " + failure.message()) + "\" type=\""
                    + escapeAttribute(failure.type()) + "\">" + escapeText(failure.stackTrace()) + "</failure>\n");
            out.write("    </testcase>\n");
        }
    }

    private void open(Execution execution, long millis) throws IOException {
        TestSpec test = execution.plan().test();
        out.write("    <testcase name=\"" + escapeAttribute(test.name()) + "\" classname=\"" + escapeAttribute(test.suite())
                + "\" time=\"" + seconds(millis) + "\"");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Element text: markup escaped, line breaks and tabs kept as they are. */
    static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n', '\t' -> out.append(c);
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** An attribute value: line breaks and tabs as character references, as surefire writes them. */
    static String escapeAttribute(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** A suite's counts, as each dialect counts them. */
    private static final class Counts {
        int tests;
        int failures;
        int errors;
        int skipped;
        long millis;

        void add(List<Execution> executions, boolean gradle) {
            for (Execution execution : executions) {
                if (execution.skipped()) {
                    tests++;
                    skipped++;
                    continue;
                }
                List<Attempt> attempts = execution.attempts();
                attempts.forEach(a -> millis += a.millis());
                if (gradle) {
                    tests += attempts.size();
                    failures += (int) attempts.stream().filter(a -> !a.passed()).count();
                } else {
                    tests++;
                    if (execution.failed()) {
                        if (attempts.get(0).failure().orElseThrow().error()) {
                            errors++;
                        } else {
                            failures++;
                        }
                    }
                }
            }
        }

        String attributes() {
            return " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\""
                    + skipped + "\" time=\"" + seconds(millis) + "\"";
        }
    }
}
