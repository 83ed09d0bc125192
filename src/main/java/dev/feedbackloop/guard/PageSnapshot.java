package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Playwright ARIA snapshot of the page at the failure ({@code - button "Pay now"}, {@code - heading "Orders"
 * [level=1]}, {@code - text: Total}), read to check that a locator a fix introduces names something on the page.
 * Names match as Playwright's getByRole does by default: case-insensitive substring, or the pattern for a regex.
 */
final class PageSnapshot {

    private static final Pattern NODE = Pattern.compile(
            "^\\s*-\\s+([a-zA-Z]+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?(?:\\s*\\[[^]]*])*\\s*:?\\s*(.*)$");

    /** One node: its role and accessible name (or text). */
    record Node(String role, String name) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    PageSnapshot(String snapshot) {
        for (String line : snapshot.split("\n")) {
            Matcher m = NODE.matcher(line);
            if (!m.matches() || m.group(1).equals("url")) {
                continue;
            }
            String name = m.group(2) != null ? m.group(2).replace("\\\"", "\"") : "";
            String rest = m.group(3) == null ? "" : m.group(3).trim();
            if (rest.startsWith("\"") && rest.endsWith("\"") && rest.length() >= 2) {
                rest = rest.substring(1, rest.length() - 1);
            }
            nodes.add(new Node(m.group(1), name.isEmpty() ? rest : name));
            text.append(name).append('\n').append(rest).append('\n');
        }
    }

    /** The nodes' names (or texts), in page order. */
    List<String> names() {
        return nodes.stream().map(Node::name).filter(n -> !n.isBlank()).toList();
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** Whether a node with this role (and name, when given) is on the page. */
    boolean hasRole(String role, Optional<String> name, boolean regex) {
        return nodes.stream().anyMatch(n -> n.role().equalsIgnoreCase(role)
                && (name.isEmpty() || matches(n.name(), name.get(), regex)));
    }

    /** Whether the text appears anywhere on the page (names and text content). */
    boolean hasText(String value, boolean regex) {
        return matches(text.toString(), value, regex);
    }

    private static boolean matches(String haystack, String needle, boolean regex) {
        if (regex) {
            try {
                return Pattern.compile(needle, Pattern.CASE_INSENSITIVE).matcher(haystack).find();
            } catch (PatternSyntaxException e) {
                return true; // cannot tell: do not claim it is missing
            }
        }
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT).strip());
    }
}
