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
 * @param wordStart whether the keyword must not follow a letter or digit
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
            // AKIAIOSFODNN7EXAMPLE (access key id prefixes from the AWS IAM identifiers reference), and the secret
            // access key written right after it as a pair: AKIA... / wJalr... | AKIA...:wJalr...
            new TokenRule("aws-key", List.of("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa",
                    "anva", "apka"),
                    regex("(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])"
                            + "(?:[ \\t]{0,4}[:/,][ \\t]{0,4}[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+]))?"), true, ANY),
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
            // https://discord.com/api/webhooks/123/XXXX (the token after the id is the credential)
            new TokenRule("discord-webhook", List.of("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
                    regex("discord(?:app)?\\.com/api/webhooks/[0-9]{1,24}/(?<s>[A-Za-z0-9_-]+)"), false, ANY),
            // sk_live_... (Stripe) | AIza... (Google) | npm_... | glpat-, glrt-, gldt-, glptt- (GitLab) |
            // sk-proj-... (OpenAI-style) | whsec_... (Stripe webhook signing) | SG.x.y (SendGrid) | pypi-AgE... (PyPI)
            new TokenRule("api-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_", "aiza", "npm_", "glpat-",
                    "glrt-", "gldt-", "glptt-", "sk-", "whsec_", "sg.", "pypi-age"),
                    regex("(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36}"
                            + "|gl(?:pat|rt|dt|ptt)-[A-Za-z0-9_-]{20,}|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}"
                            + "|whsec_[A-Za-z0-9+/=]{24,}|SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}"
                            + "|pypi-AgE[A-Za-z0-9_-]{40,})"), true, ANY),
            // hvs.CAESI... | hvb.AAAA... | hvr.x (HashiCorp Vault service, batch and recovery tokens)
            new TokenRule("vault-token", List.of("hvs.", "hvb.", "hvr."),
                    regex("hv[sbr]\\.[A-Za-z0-9_-]{20,}"), true, ANY),
            // cy.setCookie('sid', 's%3Aabc') | context.addCookies / cookies.set('sid', 'abc') (the value argument)
            new TokenRule("cookie", List.of("setcookie(", "set_cookie(", "cookies.set("),
                    regex("(?i)(?:setCookie|set_cookie|cookies\\.set)\\(\\s{0,8}([\"'`])[^\"'`\\n]{1,200}\\1\\s{0,8},"
                            + "\\s{0,8}([\"'`])(?<s>[^\"'`\\n]{1,4096})\\2"), false, ANY),
            // ConvertTo-SecureString 'P@ss' -AsPlainText (PowerShell: the plain text is a password)
            new TokenRule("password", List.of("convertto-securestring"),
                    regex("(?i)ConvertTo-SecureString\\s{1,8}(?:-String\\s{1,8})?([\"'])(?<s>[^\"'\\n]{1,1024})\\1"),
                    true, ANY),
            // X-Api-Key abc123... (a credential header written with a blank instead of a colon)
            new TokenRule("api-key", List.of("x-api-key", "x-auth-token", "x-access-token"),
                    regex("(?i)(?:x-api-key|x-auth-token|x-access-token)[ \\t]{1,4}(?<s>[A-Za-z0-9._~+/=-]{16,})"),
                    true, TokenRule::isCredentialLike));

    /** A credential has letters and digits and no blanks: {@code X-Api-Key header} is prose. */
    private static boolean isCredentialLike(String s) {
        return s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter);
    }

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
    private static final String PEM_END = "-----END ";
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
        int[] header = pemLine(text, start, PEM_BEGIN);
        if (header == null) {
            return null;
        }
        String end = "-----END " + text.substring(header[0], header[1]) + "-----";
        int found = text.indexOf(end, header[2]);
        return new int[] {start, found < 0 ? text.length() : found + end.length()};
    }

    /**
     * Where the END line of a key block ends, for a block whose BEGIN line came before {@code from} (in text read
     * earlier): after the first {@code -----END <label> PRIVATE KEY[ BLOCK]-----} at or after {@code from}; -1 when
     * there is none.
     */
    static int keyBlockEnd(String text, int from) {
        int at = text.indexOf(PEM_END, from);
        while (at >= 0) {
            int[] line = pemLine(text, at, PEM_END);
            if (line != null) {
                return line[2];
            }
            at = text.indexOf(PEM_END, at + 1);
        }
        return -1;
    }

    /**
     * A PEM line starting at {@code start} with {@code opening} ({@code -----BEGIN } or {@code -----END }): up to
     * four label words, {@code PRIVATE KEY}, an optional {@code BLOCK}, five dashes. Returns the start and end of
     * what names the key ({@code RSA PRIVATE KEY}) and the end of the line's dashes, or null.
     */
    private static int[] pemLine(String text, int start, String opening) {
        if (!text.startsWith(opening, start)) {
            return null; // the keyword is found in any case
        }
        int i = start + opening.length();
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
        i += PEM_KEY.length();
        if (text.startsWith(" BLOCK-----", i)) {
            i += " BLOCK".length();
        }
        if (!text.startsWith("-----", i)) {
            return null;
        }
        return new int[] {labelStart, i, i + "-----".length()};
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

    /** An underscore may join a token to what is before it ({@code token_ghs_...} in a test name), a letter not. */
    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
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
        if (wordStart && start > 0 && isAsciiLetterOrDigit(text.charAt(start - 1))) {
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
