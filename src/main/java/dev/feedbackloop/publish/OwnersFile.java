package dev.feedbackloop.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A project's owners file, in GitHub's CODEOWNERS syntax: each line a path pattern and the owners of what matches it,
 * e.g. {@code tests/checkout/** <@U024BE7LH> #team-payments}; {@code #} starts a comment line; the <em>last</em>
 * matching line wins, and a pattern with no owners leaves what it matches unowned. A failing test is matched by its
 * file when the report names one, else by its suite. Patterns follow CODEOWNERS (gitignore) rules: {@code *} and
 * {@code ?} stay within one path segment, {@code **} crosses them, a leading {@code /} or a slash in the middle
 * anchors the pattern at the root, a pattern without one matches at any depth, and a pattern naming a directory
 * matches everything under it.
 *
 * <p>Owners are Slack mentions the digest shows as given: {@code <@U…>} (a person), {@code <!subteam^S…>} (a user
 * group), {@code <#C…>} (a channel); {@code @name} and {@code #channel} are shown as text (an incoming webhook does not
 * turn them into mentions). Anything else is refused with its line number, so a typo does not silently route nothing.
 */
public final class OwnersFile {

    private static final Pattern OWNER = Pattern.compile(
            "<@[UW][A-Z0-9]{2,20}>|<!subteam\\^S[A-Z0-9]{2,20}>|<#C[A-Z0-9]{2,20}>|@[\\w.\\-/]{1,80}|#[\\w.\\-]{1,80}");
    private static final int MAX_LINES = 5_000;

    private final List<Rule> rules;

    private record Rule(int line, Pattern pattern, List<String> owners) {
    }

    private OwnersFile(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Parses an owners file.
     *
     * @param origin names the file in messages
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static OwnersFile parse(String text, String origin) {
        Objects.requireNonNull(text, "text");
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        if (lines.length > MAX_LINES) {
            throw new IllegalArgumentException(origin + ": " + lines.length + " lines, at most " + MAX_LINES);
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            List<String> owners = List.of(fields).subList(1, fields.length);
            for (String owner : owners) {
                if (!OWNER.matcher(owner).matches()) {
                    throw new IllegalArgumentException(origin + " line " + (i + 1) + ": '" + owner + "' is not an"
                            + " owner; write <@U…>, <!subteam^S…>, <#C…>, @name or #channel");
                }
            }
            rules.add(new Rule(i + 1, glob(fields[0], origin, i + 1), List.copyOf(owners)));
        }
        return new OwnersFile(List.copyOf(rules));
    }

    /** An owners file that owns nothing: every failure goes unrouted. */
    public static OwnersFile none() {
        return new OwnersFile(List.of());
    }

    /** The owners of {@code path} (a test's file or suite): the last matching line's, empty when none matches. */
    public List<String> ownersOf(String path) {
        String normalised = path.replace('\\', '/');
        normalised = normalised.startsWith("/") ? normalised.substring(1) : normalised;
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).pattern().matcher(normalised).matches()) {
                return rules.get(i).owners();
            }
        }
        return List.of();
    }

    private static Pattern glob(String pattern, String origin, int line) {
        if (pattern.startsWith("!") || pattern.contains("[")) {
            throw new IllegalArgumentException(origin + " line " + line + ": '" + pattern + "': CODEOWNERS has no"
                    + " negation (!) or character ranges ([ ])");
        }
        String body = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean anchored = body.startsWith("/") || body.contains("/");
        body = body.startsWith("/") ? body.substring(1) : body;
        StringBuilder regex = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                boolean slash = i + 2 < body.length() && body.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // A pattern matches what it names and, when that is a directory, everything under it; but dir/* only the
        // files directly in dir, as GitHub documents.
        return Pattern.compile(body.endsWith("/*") ? regex.toString() : regex + "(?:/.*)?");
    }
}
