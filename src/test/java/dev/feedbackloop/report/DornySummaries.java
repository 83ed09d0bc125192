package dev.feedbackloop.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A summary dorny/test-reporter rendered for one fixture ({@code __outputs__/*.md}): the fixture it names, the counts
 * of its headline, and every test it lists with its outcome, its group and its suite:
 * <pre>
 * ### ❌ &lt;a id="user-content-r0s0" ...&gt;test/main.test.js&lt;/a&gt;
 * ```
 * Test 1
 *   ✅ Passing test
 * </pre>
 */
record DornySummaries(String fixture, Counts counts, List<Case> cases) {

    /** The counts of the headline: "**6** tests were completed in **12ms** with **1** passed, ...". */
    record Counts(int tests, int passed, int failed, int skipped) {
    }

    /**
     * One listed test.
     *
     * @param suite   the suite heading it is listed under (a file, a package)
     * @param group   the group line above it, or empty for a test outside any group
     * @param name    the test name as listed
     * @param outcome {@code passed}, {@code failed} or {@code skipped}
     */
    record Case(String suite, String group, String name, String outcome) {
    }

    private static final Pattern FIXTURE = Pattern.compile("\\[(fixtures/[^\\]]+)]");
    private static final Pattern HEADLINE = Pattern.compile("\\*\\*(\\d+)\\*\\* tests were completed in \\*\\*[^*]+"
            + "\\*\\* with \\*\\*(\\d+)\\*\\* passed, \\*\\*(\\d+)\\*\\* failed and \\*\\*(\\d+)\\*\\* skipped");
    private static final Pattern SUITE = Pattern.compile("^### \\S+\\s*<a [^>]*>(.*)</a>$"); // the emoji is followed by a no-break space
    private static final Pattern TEST = Pattern.compile("^(  )?(✅|❌|⚪) (.*)$");

    static DornySummaries read(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        String text = String.join("\n", lines);
        Matcher fixture = FIXTURE.matcher(text);
        Matcher headline = HEADLINE.matcher(text);
        if (!fixture.find() || !headline.find()) {
            throw new IllegalArgumentException(markdown + ": no fixture or headline");
        }
        Counts counts = new Counts(Integer.parseInt(headline.group(1)), Integer.parseInt(headline.group(2)),
                Integer.parseInt(headline.group(3)), Integer.parseInt(headline.group(4)));
        return new DornySummaries(fixture.group(1), counts, cases(lines));
    }

    private static List<Case> cases(List<String> lines) {
        List<Case> cases = new ArrayList<>();
        String suite = "";
        String group = "";
        boolean inBlock = false;
        for (String line : lines) {
            Matcher heading = SUITE.matcher(line);
            if (heading.matches()) {
                suite = heading.group(1);
                continue;
            }
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                group = "";
                continue;
            }
            if (!inBlock || line.startsWith("\t") || line.isBlank()) {
                continue; // outside a test list, or a failure's details
            }
            Matcher test = TEST.matcher(line);
            if (test.matches()) {
                cases.add(new Case(suite, test.group(1) == null ? "" : group, test.group(3), outcome(test.group(2))));
            } else {
                group = line;
            }
        }
        return cases;
    }

    private static String outcome(String emoji) {
        return switch (emoji) {
            case "✅" -> "passed";
            case "❌" -> "failed";
            default -> "skipped";
        };
    }
}
