package dev.feedbackloop.redact;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of secret that starts with a recognisable keyword: the shape is matched anchored at the keyword, and
 * the part it names (the credential after a header name, or the whole token) is replaced.
 *
 * <p>Linear on any input (issue 10: a 1 MB line of repeated {@code -----BEGIN PRIVATE KEY-----} ran for minutes).
 * Every shape stops at the first character that cannot belong to it, so one attempt reads only the secret and a few
 * characters of context; where a shape reaches far (a key block up to its END line, a cookie header to the end of
 * its line), the {@link Redactor} skips this rule's keywords inside the span it already found, and the JWT shape
 * remembers how far a run of base64url characters without a dot reaches. No quantifier backtracks over more than
 * the bounded parts of a shape.
 *
 * @param kind      what the marker says, {@code [REDACTED:<kind>]}
 * @param keywords  lower-case ASCII words where the shape starts; found by one keyword pass
 * @param shape     finds the secret at a keyword
 * @param wordStart whether the keyword must not follow a letter, digit or underscore
 * @param accept    a last check on the secret text, for shapes that cannot say it all
 */
record TokenRule(String kind, List<String> keywords, Shape shape, boolean wordStart, Predicate<String> accept) {

    private static final Predicate<String> ANY = s -> true;

    /** A bearer credential has a digit or is long; "Bearer authentication" is prose, not a token. */
    private static final Predicate<String> TOKEN_LIKE = s -> s.length() >= 24 || s.chars().anyMatch(Character::isDigit);

    /** Finds a secret whose keyword starts at {@code start}. */
    interface Shape {
        /**
         * The secret's span {@code {from, to}} or null when the text at {@code start} is not this kind of secret.
         *
         * @param memo per-text state of this rule, for shapes that remember what they read (see {@link Memo})
         */
        int[] find(String text, int start, Memo memo);
    }

    /** What one rule remembers while one text is redacted. */
    static final class Memo {
        /** The end of a run read before that cannot hold this rule's secret at any start within it; 0 for none. */
        int barrenUntil;
    }

    static final List<TokenRule> BUILT_IN = List.of(
            // -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY----- (also OPENSSH, EC, PGP ... BLOCK);
            // an unterminated block (truncated text) is redacted to the end.
            new TokenRule("private-key", List.of("-----begin"), TokenRule::privateKey, false, ANY),
            // Authorization: Bearer abc123 | "authorization": "Basic Zm9vOmJhcg==" | X-Api-Key: k-123 (the scheme
            // word is atomic, so it is never taken for the credential itself)
            new TokenRule("authorization", List.of("authorization", "x-api-key", "x-auth-token", "x-access-token"),
                    regex("(?i)(?:authorization|x-api-key|x-auth-token|x-access-token)[\"']?[ \\t]*[:=]"
                            + "[ \\t]*[\"']?(?>(?:(?:bearer|basic|digest|token|negotiate|ntlm|apikey|api-key"
                            + "|aws4-hmac-sha256)[ \\t]+)?)(?<s>[^\\s\"',;()<>\\[\\]{}]+)"), true, ANY),
            // Cookie: sid=abc; theme=dark | Set-Cookie: sid=abc; Path=/ | "cookie": "..."
            new TokenRule("cookie", List.of("cookie"),
                    regex("(?i)cookie[\"']?[ \\t]*[:=][ \\t]*[\"']?(?<s>[^\\r\\n\"']+)"), true, ANY),
            // https://user:secret@host, postgres://app:secret@db:5432/x, redis://:secret@cache (only the password)
            new TokenRule("password", List.of("://"),
                    regex("://[^\\s:/@'\"]*:(?<s>[^\\s@/'\"]+)@"), false, ANY),
            // eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig (header and payload are base64url JSON)
            new TokenRule("jwt", List.of("eyj"), TokenRule::jwt, true, ANY),
            // Bearer abcdef123456 (without a header name in front)
            new TokenRule("bearer", List.of("bearer"),
                    regex("(?i)bearer[ \\t]+(?<s>[A-Za-z0-9._~+/-]{8,}=*)"), true, TOKEN_LIKE),
            // AKIAIOSFODNN7EXAMPLE (access key id prefixes from the AWS IAM identifiers reference)
            new TokenRule("aws-key", List.of("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa",
                    "anva", "apka"),
                    regex("(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}"
                            + "(?![A-Za-z0-9])"), true, ANY),
            // ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | github_pat_11ABC..._...
            new TokenRule("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    regex("(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"
                            + "(?![A-Za-z0-9_])"), true, ANY),
            // xoxb-1234567890-abcdefghij
            new TokenRule("slack-token", List.of("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-"),
                    regex("xox[abposre]-[A-Za-z0-9-]{10,}"), true, ANY),
            // https://hooks.slack.com/services/T000/B000/XXXX (the path is the credential)
            new TokenRule("slack-webhook", List.of("hooks.slack.com/services/"),
                    regex("hooks\\.slack\\.com/services/(?<s>[A-Za-z0-9/_-]+)"), false, ANY),
            // sk_live_... (Stripe) | AIza... (Google) | npm_... | glpat-... (GitLab) | sk-proj-... (OpenAI-style)
            new TokenRule("api-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_", "aiza", "npm_", "glpat-",
                    "sk-"),
                    regex("(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36}"
                            + "|glpat-[A-Za-z0-9_-]{20,}|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,})"), true, ANY));

    /**
     * A shape given by a pattern matched with {@code lookingAt} from the keyword; its named group {@code s}, when it
     * has one, is the secret, else the whole match. Only for patterns whose quantifiers stop at the first character
     * outside their class, or are bounded.
     */
    static Shape regex(String regex) {
        Pattern pattern = Pattern.compile(regex);
        boolean grouped = regex.contains("(?<s>");
        return (text, start, memo) -> {
            var m = pattern.matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false).region(start, text.length());
            if (!m.lookingAt()) {
                return null;
            }
            return grouped ? new int[] {m.start("s"), m.end("s")} : new int[] {m.start(), m.end()};
        };
    }

    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_KEY = "PRIVATE KEY";
    /** Words before {@code PRIVATE KEY} in a PEM label ({@code RSA}, {@code OPENSSH}, {@code ENCRYPTED}, ...). */
    private static final int PEM_LABEL_WORDS = 4;
    private static final int PEM_LABEL_WORD = 16;

    /**
     * A private key block from its BEGIN line to the END line with the same label, or to the end of the text when
     * it has none (a truncated text): the END line is looked for with one {@code indexOf}, and the {@link Redactor}
     * skips BEGIN keywords inside a block already found, so every character is read once.
     */
    static int[] privateKey(String text, int start, Memo memo) {
        if (!text.startsWith(PEM_BEGIN, start)) {
            return null; // the keyword is found in any case
        }
        int i = start + PEM_BEGIN.length();
        int labelStart = i;
        for (int words = 0; words <= PEM_LABEL_WORDS && !text.startsWith(PEM_KEY, i); words++) {
            int word = i;
            while (i < text.length() && i - word < PEM_LABEL_WORD && isUpperOrDigit(text.charAt(i))) {
                i++;
            }
            if (i == word || i >= text.length() || text.charAt(i) != ' ') {
                return null;
            }
            i++;
        }
        if (!text.startsWith(PEM_KEY, i)) {
            return null;
        }
        String label = text.substring(labelStart, i);
        i += PEM_KEY.length();
        String block = text.startsWith(" BLOCK-----", i) ? " BLOCK" : "";
        if (!text.startsWith(block + "-----", i)) {
            return null;
        }
        i += block.length() + "-----".length();
        String end = "-----END " + label + PEM_KEY + block + "-----";
        int found = text.indexOf(end, i);
        return new int[] {start, found < 0 ? text.length() : found + end.length()};
    }

    private static final int JWT_SEGMENT = 8;
    private static final int JWT_SIGNATURE = 2048;

    /**
     * {@code eyJ<header>.<payload>.<signature>}: header and payload of 8 or more base64url characters, and up to
     * 2,048 of the signature. A run of base64url characters not followed by a dot holds no token at any start within
     * it; the memo keeps its end, so that a run of {@code eyJeyJeyJ...} is read once, not once per keyword.
     */
    static int[] jwt(String text, int start, Memo memo) {
        if (start < memo.barrenUntil || !text.startsWith("eyJ", start)) {
            return null;
        }
        int header = runEnd(text, start + 3);
        if (header >= text.length() || text.charAt(header) != '.') {
            memo.barrenUntil = header;
            return null;
        }
        if (header - start - 3 < JWT_SEGMENT) {
            return null;
        }
        int payload = runEnd(text, header + 1);
        if (payload - header - 1 < JWT_SEGMENT || payload >= text.length() || text.charAt(payload) != '.') {
            return null;
        }
        int signature = payload + 1;
        while (signature < text.length() && signature - payload - 1 < JWT_SIGNATURE
                && isBase64Url(text.charAt(signature))) {
            signature++;
        }
        return new int[] {start, signature};
    }

    private static int runEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isBase64Url(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBase64Url(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private static boolean isUpperOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * Adds the span this rule redacts when its shape is found at {@code start}.
     *
     * @return the span added, or null
     */
    Redactor.Span find(String text, int start, Memo memo, List<Redactor.Span> spans) {
        if (wordStart && start > 0 && Redactor.isWordChar(text.charAt(start - 1))) {
            return null;
        }
        int[] found = shape.find(text, start, memo);
        if (found == null) {
            return null;
        }
        String secret = text.substring(found[0], found[1]);
        if (secret.startsWith("[REDACTED") || !accept.test(secret)) {
            return null;
        }
        Redactor.Span span = new Redactor.Span(found[0], found[1], kind);
        spans.add(span);
        return span;
    }
}
