package dev.feedbackloop.guard;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How much a regular expression pins down: the literal text every match must contain (the shortest alternative of
 * an alternation, nothing from an optional part), whether it is anchored at both ends, whether it has an unbounded
 * wildcard ({@code .*}, {@code [\s\S]+}), and whether it keeps a placeholder for digits ({@code \d}, {@code [0-9]}).
 * Used to tell a genuine "dynamic value" fix ({@code /^Order #\d{6}$/} for {@code 'Order #100231'}) from a
 * catch-all ({@code /.*}{@code /}, {@code /required|optional/i}).
 *
 * @param pattern         the source pattern
 * @param literal         the literal text every match contains, in order
 * @param anchored        {@code ^} at the start and {@code $} at the end
 * @param wildcard        an unbounded any-character run
 * @param digits          a digit placeholder somewhere
 * @param caseInsensitive the {@code i} flag or {@code (?i)}
 * @param alternatives    the number of top-level alternatives
 */
record RegexShape(String pattern, String literal, boolean anchored, boolean wildcard, boolean digits,
                  boolean caseInsensitive, int alternatives) {

    static RegexShape of(String pattern, String flags) {
        Parser p = new Parser(pattern);
        String literal = p.alternation(true);
        boolean ci = flags.toLowerCase(Locale.ROOT).contains("i") || pattern.startsWith("(?i)");
        boolean anchored = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$");
        return new RegexShape(pattern, literal, anchored, p.wildcard, p.digits, ci, p.topAlternatives);
    }

    /** Matches anything, or any non-empty text: no literal, nothing but wildcards. */
    boolean catchAll() {
        return literal.isBlank() && !digits && (wildcard || pattern.replaceAll("[\\^$()?:]", "").isEmpty()
                || pattern.matches("\\^?\\(?(\\\\[wWsS]|\\.|\\[[^]]*])[*+]\\)?\\$?"));
    }

    /** Whether the expression finds a match in {@code text}; empty when Java cannot compile it. */
    Optional<Boolean> matches(String text) {
        try {
            int flags = caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return Optional.of(Pattern.compile(pattern.replace("(?i)", ""), flags).matcher(text).find());
        } catch (PatternSyntaxException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** The top-level alternatives of the pattern ({@code a|b(c|d)} gives {@code a} and {@code b(c|d)}). */
    /** A group of plain choices, {@code (review|confirmation)}, not nested and not a class. */
    private static final java.util.regex.Pattern CHOICE_GROUP = java.util.regex.Pattern.compile(
            "(?<!\\\\)\\((?:\\?:)?([^()\\[\\]|]+(?:\\|[^()\\[\\]|]+)+)\\)");

    /**
     * The pattern once per choice of its first group of choices ({@code /\/book\/(review|confirmation)/} gives
     * {@code \/book\/review} and {@code \/book\/confirmation}), as option and whole pattern; empty without one.
     */
    java.util.Map<String, String> groupChoices() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = CHOICE_GROUP.matcher(pattern);
        if (m.find()) {
            for (String option : m.group(1).split("\\|")) {
                out.put(option, pattern.substring(0, m.start()) + option + pattern.substring(m.end()));
            }
        }
        return out;
    }

    java.util.List<String> topLevelAlternatives() {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        out.add(pattern.substring(start));
        return out;
    }

    private static final Pattern PINNED_NEXT_TO_PLACEHOLDER = Pattern.compile(
            "(?<!\\\\)\\d(?:,|\\\\.)?(?:\\\\d|\\[[0-9-]+])|(?:\\\\d|\\[[0-9-]+])(?:\\{\\d+(?:,\\d*)?}|[+*?])?(?:,|\\\\.)?\\d");

    /**
     * A digit kept beside a digit placeholder ({@code 8\d}, {@code \d0}, across a group or decimal separator as in
     * {@code 1,\d{3}}): part of a number pinned, part let vary.
     */
    boolean pinsPartOfANumber() {
        return PINNED_NEXT_TO_PLACEHOLDER.matcher(pattern).find();
    }

    /** How many different texts the pattern's body admits, ignoring anchors; infinite for repetition or wildcards. */
    double languageSize() {
        return new Size(pattern).alternation();
    }

    /** The share of {@code text}'s characters that the literal keeps, 0 to 1. */
    double retention(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        return Math.min(1.0, (double) literal.strip().length() / text.strip().length());
    }

    /** Counts the texts a pattern admits: classes multiply, alternatives add, open repetition is infinite. */
    private static final class Size {
        private final String s;
        private int pos;

        Size(String s) {
            this.s = s;
        }

        double alternation() {
            double total = sequence();
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                total += sequence();
            }
            return total;
        }

        private double sequence() {
            double product = 1;
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                double atom = atom();
                product *= repeat(atom);
            }
            return product;
        }

        private double atom() {
            char c = s.charAt(pos++);
            switch (c) {
                case '^', '$':
                    return 1;
                case '.':
                    return Double.POSITIVE_INFINITY;
                case '[': {
                    int start = pos;
                    while (pos < s.length() && s.charAt(pos) != ']') {
                        pos += s.charAt(pos) == '\\' ? 2 : 1;
                    }
                    String body = s.substring(start, Math.min(pos, s.length()));
                    pos++;
                    return classSize(body);
                }
                case '(': {
                    if (pos < s.length() && s.charAt(pos) == '?') {
                        while (pos < s.length() && ":=!<>i".indexOf(s.charAt(pos)) >= 0 || pos < s.length()
                                && s.charAt(pos) == '?') {
                            pos++;
                        }
                    }
                    double inner = alternation();
                    if (pos < s.length() && s.charAt(pos) == ')') {
                        pos++;
                    }
                    return inner;
                }
                case '\\': {
                    char e = pos < s.length() ? s.charAt(pos++) : ' ';
                    return switch (e) {
                        case 'd' -> 10;
                        case 'w', 'W', 's', 'S', 'D' -> Double.POSITIVE_INFINITY;
                        case 'b', 'B' -> 1;
                        default -> 1;
                    };
                }
                default:
                    return 1;
            }
        }

        private double repeat(double atom) {
            if (pos >= s.length()) {
                return atom;
            }
            char c = s.charAt(pos);
            if (c == '*' || c == '+') {
                pos++;
                skipLazy();
                return atom == 1 && c == '*' ? Double.POSITIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (c == '?') {
                pos++;
                skipLazy();
                return atom + 1;
            }
            if (c == '{') {
                int close = s.indexOf('}', pos);
                if (close > pos) {
                    String[] bounds = s.substring(pos + 1, close).split(",", -1);
                    pos = close + 1;
                    skipLazy();
                    if (bounds.length > 1 && bounds[1].isBlank()) {
                        return Double.POSITIVE_INFINITY;
                    }
                    try {
                        int lo = Integer.parseInt(bounds[0].trim());
                        int hi = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : lo;
                        double total = 0;
                        for (int n = lo; n <= hi; n++) {
                            total += Math.pow(atom, n);
                        }
                        return total;
                    } catch (NumberFormatException e) {
                        return Double.POSITIVE_INFINITY;
                    }
                }
            }
            return atom;
        }

        private void skipLazy() {
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++;
            }
        }

        private static double classSize(String body) {
            if (body.startsWith("^") || body.contains("\\w") || body.contains("\\s") || body.contains("\\S")) {
                return Double.POSITIVE_INFINITY;
            }
            double size = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    size += body.charAt(i + 1) == 'd' ? 10 : 1;
                    i++;
                } else if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                    size += body.charAt(i + 2) - c + 1;
                    i += 2;
                } else {
                    size++;
                }
            }
            return Math.max(1, size);
        }
    }

    /** A small recursive-descent reader of the pattern: only what the literal and the flags need. */
    private static final class Parser {
        private final String s;
        private int pos;
        boolean wildcard;
        boolean digits;
        int topAlternatives = 1;

        Parser(String s) {
            this.s = s;
        }

        String alternation(boolean top) {
            String shortest = sequence();
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                if (top) {
                    topAlternatives++;
                }
                String next = sequence();
                if (next.length() < shortest.length()) {
                    shortest = next;
                }
            }
            return shortest;
        }

        private String sequence() {
            StringBuilder out = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                String atom = atom();
                int[] q = quantifier();
                if (q[0] > 0) {
                    out.append(atom);
                }
            }
            return out.toString();
        }

        /** The literal text of one atom; wildcards and classes contribute none. */
        private String atom() {
            char c = s.charAt(pos++);
            switch (c) {
                case '^', '$':
                    return "";
                case '.':
                    markWildcard();
                    return "";
                case '[':
                    return characterClass();
                case '(':
                    return group();
                case '\\':
                    return escape();
                default:
                    return String.valueOf(c);
            }
        }

        private String group() {
            boolean lookaround = false;
            if (pos < s.length() && s.charAt(pos) == '?') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '<' && pos + 1 < s.length() && s.charAt(pos + 1) != '='
                        && s.charAt(pos + 1) != '!') {
                    while (pos < s.length() && s.charAt(pos) != '>') {
                        pos++; // named group
                    }
                    pos++;
                } else {
                    lookaround = pos < s.length() && s.charAt(pos) != ':' && s.charAt(pos) != 'i';
                    while (pos < s.length() && ":=!<i".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (pos < s.length() && s.charAt(pos) == ')') {
                        pos++; // an inline flag group such as (?i)
                        return "";
                    }
                }
            }
            String inner = alternation(false);
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
            }
            return lookaround ? "" : inner;
        }

        private String characterClass() {
            int start = pos;
            boolean negated = pos < s.length() && s.charAt(pos) == '^';
            while (pos < s.length() && s.charAt(pos) != ']') {
                pos += s.charAt(pos) == '\\' ? 2 : 1;
            }
            String body = s.substring(start, Math.min(pos, s.length()));
            pos++;
            if (body.contains("0-9") || body.contains("\\d")) {
                digits = true;
            }
            if (negated || body.contains("\\s\\S") || body.contains("\\S\\s") || body.contains("\\w\\W")) {
                markWildcard();
            }
            return "";
        }

        private String escape() {
            if (pos >= s.length()) {
                return "";
            }
            char c = s.charAt(pos++);
            switch (c) {
                case 'd':
                    digits = true;
                    return "";
                case 'S', 'W', 'D':
                    markWildcard();
                    return "";
                case 'w', 's', 'b', 'B':
                    return "";
                case 'n':
                    return "\n";
                case 't':
                    return "\t";
                default:
                    return String.valueOf(c);
            }
        }

        /** Minimum repetitions of the preceding atom: {0} for ?, *, {0,n}; marks a wildcard as unbounded. */
        private int[] quantifier() {
            if (pos >= s.length()) {
                return new int[] {1};
            }
            char c = s.charAt(pos);
            int min = 1;
            if (c == '?' || c == '*') {
                min = 0;
                pos++;
            } else if (c == '+') {
                pos++;
            } else if (c == '{') {
                int close = s.indexOf('}', pos);
                if (close > pos) {
                    String body = s.substring(pos + 1, close);
                    String first = body.split(",", -1)[0].trim();
                    min = first.matches("\\d+") ? Integer.parseInt(first) : 1;
                    pos = close + 1;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++; // lazy or possessive
            }
            return new int[] {min};
        }

        private void markWildcard() {
            int next = pos;
            if (next < s.length() && (s.charAt(next) == '*' || s.charAt(next) == '+' || s.charAt(next) == '{')) {
                wildcard = true;
            }
        }
    }
}
