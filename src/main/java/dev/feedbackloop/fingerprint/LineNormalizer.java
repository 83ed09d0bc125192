package dev.feedbackloop.fingerprint;

import dev.feedbackloop.text.TextBuffer;
import java.util.Set;

/**
 * Normalises one line of failure text: what changes from run to run and machine to machine becomes a placeholder,
 * what tells one root cause from another stays. One pass over the characters (the only pattern, for file paths,
 * runs on lines with a slash). Pure and thread-safe.
 *
 * <table>
 * <caption>What becomes a placeholder</caption>
 * <tr><th>input</th><th>output</th><th>why</th></tr>
 * <tr><td>{@code 30000ms}, {@code localhost:3000}, {@code :58)}, {@code 1.2.1}, {@code 32,772}</td>
 *     <td>{@code <n>ms}, {@code localhost:<n>}, {@code :<n>)}, {@code <n>}, {@code <n>}</td>
 *     <td>durations, ports, line numbers, versions and counts vary between runs of the same failure</td></tr>
 * <tr><td>{@code 500} after {@code status}/{@code code}/{@code HTTP}/{@code response}, or before
 *     {@code Not Found}</td><td>kept</td><td>an HTTP status names the failure: 404 and 500 are different causes
 *     </td></tr>
 * <tr><td>{@code 2024-05-01T10:00:00.123Z}</td><td>{@code <ts>}</td><td>timestamps</td></tr>
 * <tr><td>{@code 123e4567-e89b-12d3-a456-426614174000}</td><td>{@code <uuid>}</td><td>generated ids</td></tr>
 * <tr><td>{@code 0x7ffd5e8}, {@code Foo@1b6d3586}</td><td>{@code <addr>}, {@code Foo@<addr>}</td>
 *     <td>pointers and Java identity hashes</td></tr>
 * <tr><td>{@code e3e53437346286c0bc2d}, {@code css-nei9rn}, {@code XzKDj0mSqRh8}</td>
 *     <td>{@code <hex>}, {@code css-<id>}, {@code <id>}</td><td>hashes, build-generated class names, random
 *     state (see {@code isGenerated}); {@code opentest4j} or {@code chrome81} are words and keep their letters
 *     </td></tr>
 * <tr><td>{@code https://h/p?state=abc#top}</td><td>{@code https://h/p?<query>}</td><td>query strings carry
 *     session state; the path names the page and stays</td></tr>
 * <tr><td>{@code /home/ci/work/app/node_modules/x/lib/index.js}, {@code C:\Users\me\x\Playwright.js}</td>
 *     <td>{@code .../lib/index.js}, {@code .../x/Playwright.js}</td><td>checkout and home directories differ
 *     per machine; the file and its folder locate the failure</td></tr>
 * <tr><td>{@code /tmp/jest_rs/a1/x.js}, {@code /var/folders/...}, {@code ...\AppData\Local\Temp\...}</td>
 *     <td>{@code <tmp>/x.js}</td><td>temporary directories</td></tr>
 * </table>
 *
 * <p>Quoted text (selectors, expected values) stays apart from its numbers: a different selector or a differently
 * shaped expected value is a different root cause.
 */
final class LineNormalizer {

    /** Characters a file path token is made of (besides the {@code :} of drives and line numbers). */
    private static final boolean[] PATH_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            PATH_CHARS[c] = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "_.@$~+#/\\-".indexOf(c) >= 0;
        }
    }

    private static final String URL_END = "\"'`<>()[]{},|";
    private static final Set<Integer> HTTP_STATUSES = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206,
            207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
            410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501,
            502, 503, 504, 505, 506, 507, 508, 510, 511);
    private static final String[] STATUS_CONTEXT = {"status", "http", "code", "response", "client error",
        "server error"};
    private static final String[] REASON_PHRASES = {"ok", "created", "accepted", "no content", "moved", "found",
        "see other", "not modified", "temporary redirect", "permanent redirect", "bad request", "unauthorized",
        "payment required", "forbidden", "not found", "method not allowed", "not acceptable", "request timeout",
        "conflict", "gone", "precondition failed", "payload too large", "unsupported media type", "unprocessable",
        "too many requests", "internal server error", "not implemented", "bad gateway", "service unavailable",
        "gateway time", "client error", "server error"};
    /** Shorter words with digits ({@code h1}, {@code i18n}, {@code utf8}) are never taken for generated ids. */
    private static final int GENERATED_WORD = 6;
    /** Hex digits in each dash-separated group of a UUID. */
    private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};
    /** Characters of a UUID: its hex digits and four dashes. */
    private static final int UUID_LENGTH = 36;
    /** Hex strings shorter than this ({@code cafe12}) are more likely words or small numbers than hashes. */
    private static final int HEX_ID = 8;

    private LineNormalizer() {
    }

    static String normalize(String line) {
        String s = line.indexOf('/') >= 0 || line.indexOf('\\') >= 0 ? shortenPaths(line) : line;
        TextBuffer out = new TextBuffer(s.length() + 16);
        boolean inUrl = false;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!out.isEmpty() && out.last() != ' ') {
                    out.append(' ');
                }
                inUrl = false;
                i++;
            } else if (inUrl && (c == '?' || c == '#')) {
                out.append(c == '?' ? "?<query>" : "");
                i = urlEnd(s, i);
                inUrl = false;
            } else if (c == ':' && s.startsWith("//", i + 1)) {
                out.append("://");
                i += 3;
                inUrl = true;
            } else if (isAlnum(c) && (i == 0 || !isAlnum(s.charAt(i - 1)))) {
                i = token(s, i, out);
            } else if (c == '@' && i > 0 && isWordChar(s.charAt(i - 1)) && addressEnd(s, i + 1) > 0) {
                out.append("@<addr>");
                i = addressEnd(s, i + 1);
            } else {
                inUrl &= URL_END.indexOf(c) < 0;
                out.append(c);
                i++;
            }
        }
        while (!out.isEmpty() && out.last() == ' ') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Normalises the token starting at {@code i} into {@code out}; returns where it ends. */
    private static int token(String s, int i, TextBuffer out) {
        char first = s.charAt(i);
        int end = isHex(first) ? uuidEnd(s, i) : -1;
        if (end > 0) {
            out.append("<uuid>");
            return end;
        }
        end = isDigit(first) ? timestampEnd(s, i) : -1;
        if (end > 0) {
            out.append("<ts>");
            return end;
        }
        if (s.charAt(i) == '0' && i + 2 < s.length() && (s.charAt(i + 1) | 0x20) == 'x' && isHex(s.charAt(i + 2))) {
            int j = i + 2;
            while (j < s.length() && isHex(s.charAt(j))) {
                j++;
            }
            out.append("<addr>");
            return j;
        }
        int j = i;
        boolean digits = false;
        boolean letters = false;
        boolean hex = true;
        while (j < s.length() && isAlnum(s.charAt(j))) {
            char c = s.charAt(j);
            digits |= isDigit(c);
            letters |= !isDigit(c);
            hex &= isHex(c);
            j++;
        }
        if (!letters) {
            return number(s, i, j, out);
        }
        if (!digits) {
            out.append(s, i, j);
        } else if (hex && j - i >= HEX_ID) {
            out.append("<hex>");
        } else if (isGenerated(s, i, j)) {
            out.append("<id>");
        } else {
            appendWithNumbers(s, i, j, out);
        }
        return j;
    }

    /** A run of digits, with {@code .} or {@code ,} groups ({@code 1.2.1}, {@code 32,772}); HTTP statuses stay. */
    private static int number(String s, int start, int end, TextBuffer out) {
        int j = end;
        while (j + 1 < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ',') && isDigit(s.charAt(j + 1))) {
            j++;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
        }
        if (j == end && end - start == 3 && HTTP_STATUSES.contains(Integer.parseInt(s, start, end, 10))
                && isStatusContext(s, start, end)) {
            out.append(s, start, end);
        } else {
            out.append("<n>");
        }
        return j;
    }

    /** Whether a status word occurs in the 40 characters before, or a reason phrase starts just after, the number. */
    private static boolean isStatusContext(String s, int start, int end) {
        int from = Math.max(0, start - 40);
        for (String word : STATUS_CONTEXT) {
            for (int k = from; k + word.length() <= start; k++) {
                if (startsWithLowerCase(s, k, word)) {
                    return true;
                }
            }
        }
        int k = end;
        while (k < s.length() && " \t\"':-(".indexOf(s.charAt(k)) >= 0) {
            k++;
        }
        int limit = Math.min(s.length(), k + 24);
        for (String phrase : REASON_PHRASES) {
            if (k + phrase.length() <= limit && startsWithLowerCase(s, k, phrase)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code s} lower-cased holds {@code word} (lower case) at {@code at}, compared in place without a
     * lower-cased copy. As {@code toLowerCase(Locale.ROOT)} would: U+0130 lower-cases to two characters, so it
     * matches no single letter.
     */
    static boolean startsWithLowerCase(String s, int at, String word) {
        if (at < 0 || at + word.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = s.charAt(at + i);
            if (c == '\u0130' || Character.toLowerCase(c) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void appendWithNumbers(String s, int i, int j, TextBuffer out) {
        int k = i;
        while (k < j) {
            if (isDigit(s.charAt(k))) {
                while (k < j && isDigit(s.charAt(k))) {
                    k++;
                }
                out.append("<n>");
            } else {
                out.append(s.charAt(k++));
            }
        }
    }

    /**
     * Whether a word of letters and digits was generated rather than written: two or more digit runs
     * ({@code smz32e9}, {@code 4a5a500}, {@code XzKDj0mSqRh8}), mixed case with a digit in a long word, or a
     * CSS-in-JS class hash ({@code css-nei9rn}). Names with one number, such as {@code opentest4j}, {@code log4j},
     * {@code chrome81} or a duration like {@code 30000ms}, are words.
     */
    private static boolean isGenerated(String s, int i, int j) {
        if (j - i < GENERATED_WORD) {
            return false;
        }
        int digitRuns = 0;
        boolean upper = false;
        boolean lower = false;
        for (int k = i; k < j; k++) {
            char c = s.charAt(k);
            if (isDigit(c) && (k == i || !isDigit(s.charAt(k - 1)))) {
                digitRuns++;
            }
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return digitRuns >= 2 || upper && lower && j - i >= 12 || isClassHash(s, i);
    }

    /** A word right after {@code css-}, {@code sc-} or {@code jsx-}: emotion, styled-components, styled-jsx hashes. */
    private static boolean isClassHash(String s, int i) {
        return s.startsWith("css-", Math.max(0, i - 4)) || s.startsWith("sc-", Math.max(0, i - 3))
                || s.startsWith("jsx-", Math.max(0, i - 4));
    }

    /** End of an 8-4-4-4-12 hex UUID starting at {@code i}, or -1. */
    private static int uuidEnd(String s, int i) {
        if (i + UUID_LENGTH > s.length() || s.charAt(i + UUID_GROUPS[0]) != '-') {
            return -1; // most tokens that start with a hex digit are words or numbers: rejected at the first dash
        }
        int k = i;
        for (int g = 0; g < UUID_GROUPS.length; g++) {
            for (int c = 0; c < UUID_GROUPS[g]; c++, k++) {
                if (k >= s.length() || !isHex(s.charAt(k))) {
                    return -1;
                }
            }
            if (g < UUID_GROUPS.length - 1) {
                if (k >= s.length() || s.charAt(k) != '-') {
                    return -1;
                }
                k++;
            }
        }
        return k < s.length() && isAlnum(s.charAt(k)) ? -1 : k;
    }

    /** End of {@code yyyy-mm-dd}, optionally {@code [T ]hh:mm[:ss[.fff]]} and a zone, starting at {@code i}; or -1. */
    private static int timestampEnd(String s, int i) {
        if (!digitsAt(s, i, 4) || !charAt(s, i + 4, '-') || !digitsAt(s, i + 5, 2) || !charAt(s, i + 7, '-')
                || !digitsAt(s, i + 8, 2)) {
            return -1;
        }
        int k = i + 10;
        if ((charAt(s, k, 'T') || charAt(s, k, ' ')) && digitsAt(s, k + 1, 2) && charAt(s, k + 3, ':')
                && digitsAt(s, k + 4, 2)) {
            k += 6;
            if (charAt(s, k, ':') && digitsAt(s, k + 1, 2)) {
                k += 3;
            }
            if ((charAt(s, k, '.') || charAt(s, k, ',')) && digitsAt(s, k + 1, 1)) {
                k++;
                while (k < s.length() && isDigit(s.charAt(k))) {
                    k++;
                }
            }
            if (charAt(s, k, 'Z')) {
                k++;
            } else if ((charAt(s, k, '+') || charAt(s, k, '-')) && digitsAt(s, k + 1, 2)) {
                k += 3;
                if (charAt(s, k, ':')) {
                    k++;
                }
                if (digitsAt(s, k, 2)) {
                    k += 2;
                }
            }
        }
        return k;
    }

    /** End of a Java identity hash after {@code @} ({@code Foo@1b6d3586}): 4+ hex digits with a digit; or -1. */
    private static int addressEnd(String s, int from) {
        int k = from;
        boolean digit = false;
        while (k < s.length() && isHex(s.charAt(k))) {
            digit |= isDigit(s.charAt(k));
            k++;
        }
        boolean ends = k == s.length() || !isWordChar(s.charAt(k));
        return k - from >= 4 && digit && ends ? k : -1;
    }

    private static int urlEnd(String s, int i) {
        int k = i;
        while (k < s.length() && !Character.isWhitespace(s.charAt(k)) && URL_END.indexOf(s.charAt(k)) < 0) {
            k++;
        }
        return k;
    }

    /**
     * Shortens file paths to their last folder and file: a token (run of path characters) with at least two
     * separators whose last segment has an extension, or an absolute path with three or more separators; tokens
     * with {@code ://} are URLs and stay. {@code :line:column} suffixes are kept for the number pass.
     */
    private static String shortenPaths(String line) {
        StringBuilder out = null;
        int done = 0;
        int i = 0;
        while (i < line.length()) {
            if (!isPathChar(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean separator = false;
            while (i < line.length() && (isPathChar(line.charAt(i)) || line.charAt(i) == ':')) {
                separator |= isSeparator(line.charAt(i));
                i++;
            }
            // Most runs are plain words: only a run with a separator can be a path worth shortening.
            String shortened = separator ? shortenToken(line, start, i) : null;
            if (shortened != null) {
                out = out == null ? new StringBuilder(line.length()) : out;
                out.append(line, done, start).append(shortened);
                done = i;
            }
        }
        return out == null ? line : out.append(line, done, line.length()).toString();
    }

    /** The shortened form of the path token {@code line[start, end)}, or null to keep it. */
    private static String shortenToken(String line, int start, int end) {
        int coreEnd = end;
        while (coreEnd > start && (isDigit(line.charAt(coreEnd - 1)) || line.charAt(coreEnd - 1) == ':')) {
            coreEnd--; // ":12:5" after a file name
        }
        String core = line.substring(start, coreEnd);
        if (core.contains("://") || core.startsWith("//") || core.indexOf(':', 2) >= 0) {
            return null; // a URL, an XPath, or not a path
        }
        int separators = 0;
        int last = -1;
        int previous = -1;
        for (int k = 0; k < core.length(); k++) {
            if (core.charAt(k) == '/' || core.charAt(k) == '\\') {
                separators++;
                previous = last;
                last = k;
            }
        }
        String file = core.substring(last + 1);
        boolean absolute = core.startsWith("/") || core.startsWith("~") || core.length() > 2 && core.charAt(1) == ':';
        boolean hasExtension = file.lastIndexOf('.') > 0 && file.lastIndexOf('.') < file.length() - 1
                && Character.isLetter(file.charAt(file.lastIndexOf('.') + 1));
        if (file.isEmpty() || previous < 0 || !(separators >= 2 && hasExtension || absolute && separators >= 3)) {
            return null;
        }
        String suffix = line.substring(coreEnd, end);
        if (isTemporary(core)) {
            return "<tmp>/" + file + suffix;
        }
        return ".../" + core.substring(previous + 1, last) + "/" + file + suffix;
    }

    /**
     * Whether {@code path} runs through a temporary directory: a segment {@code tmp} or {@code temp}, or the
     * segments {@code var/folders} or {@code private/var} (macOS), in any case, with either separator, followed by a
     * separator. {@code /tmp/x}, {@code C:\\Users\\me\\AppData\\Local\\Temp\\x}, {@code tmp/x}; not {@code /tmpl/x}.
     */
    static boolean isTemporary(String path) {
        for (int k = 0; k < path.length(); k++) {
            if (k > 0 && !isSeparator(path.charAt(k - 1))) {
                continue; // a directory name starts the path or follows a separator
            }
            if (segment(path, k, "tmp") > 0 || segment(path, k, "temp") > 0
                    || segment(path, segment(path, k, "var"), "folders") > 0
                    || segment(path, segment(path, k, "private"), "var") > 0) {
                return true;
            }
        }
        return false;
    }

    /** Where the segment after {@code name} and a separator starts, when {@code path} has them at {@code at}; or -1. */
    private static int segment(String path, int at, String name) {
        int end = at + name.length();
        if (at < 0 || end >= path.length() || !isSeparator(path.charAt(end))) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = path.charAt(at + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != name.charAt(i)) {
                return -1; // ASCII case only, as the pattern this replaces: (?i) without UNICODE_CASE
            }
        }
        return end + 1;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean isPathChar(char c) {
        return c < 128 && PATH_CHARS[c];
    }

    private static boolean digitsAt(String s, int i, int count) {
        if (i + count > s.length()) {
            return false;
        }
        for (int k = i; k < i + count; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean charAt(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isAlnum(c) || c == '_' || c == '$';
    }
}
