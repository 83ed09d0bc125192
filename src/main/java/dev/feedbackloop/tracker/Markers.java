package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.text.Sha256;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden HTML comments an issue is recognised by, and remembers with: {@code scenario=<fingerprint>} (written by
 * {@link IssueReport}), {@code group=<hash of the test file>}, {@code commit=<sha>} for every commit already reported
 * (in the body or a comment), {@code follows=<number>} for the closed issue a new one follows. GitHub keeps HTML
 * comments in the stored body and hides them when rendering.
 */
public final class Markers {

    private static final Pattern SCENARIO = Pattern.compile(
            Pattern.quote(IssueReport.MARKER_PREFIX) + "scenario=([0-9a-f]{16}) -->");
    private static final Pattern GROUP = Pattern.compile(
            Pattern.quote(IssueReport.MARKER_PREFIX) + "group=([0-9a-f]{16}) -->");
    private static final Pattern COMMIT = Pattern.compile(
            Pattern.quote(IssueReport.MARKER_PREFIX) + "commit=([0-9a-f]{7,64}) -->");
    private static final Pattern FOLLOWS = Pattern.compile(
            Pattern.quote(IssueReport.MARKER_PREFIX) + "follows=([0-9]{1,9}) -->");

    private Markers() {
    }

    /** The marker of a commit already reported on an issue; {@code sha} lower-case hex. */
    public static String commit(String sha) {
        return IssueReport.MARKER_PREFIX + "commit=" + sha + " -->";
    }

    /** The marker of a group: a hash, so that no path text (which could hold {@code -->}) enters the comment. */
    static String group(String group) {
        return IssueReport.MARKER_PREFIX + "group=" + groupKey(group) + " -->";
    }

    static String groupKey(String group) {
        return Sha256.hexPrefix(group, 8);
    }

    static String follows(int number) {
        return IssueReport.MARKER_PREFIX + "follows=" + number + " -->";
    }

    static Set<Fingerprint> scenarios(String body) {
        Set<Fingerprint> found = new LinkedHashSet<>();
        Matcher m = SCENARIO.matcher(body);
        while (m.find()) {
            found.add(new Fingerprint(m.group(1)));
        }
        return found;
    }

    /** Every commit marker in the text, lower case. */
    public static Set<String> commits(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = COMMIT.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static Optional<String> groupKeyIn(String body) {
        Matcher m = GROUP.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<Integer> followsIn(String body) {
        Matcher m = FOLLOWS.matcher(body);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
