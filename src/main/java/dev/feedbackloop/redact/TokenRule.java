package dev.feedbackloop.redact;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One kind of secret that starts with a recognisable keyword: the pattern is matched anchored at the keyword,
 * and the named group {@code s}, when the pattern has one, is the part replaced (else the whole match).
 *
 * @param kind      what the marker says, {@code [REDACTED:<kind>]}
 * @param keywords  lower-case ASCII words where the pattern starts; found by one keyword pass
 * @param pattern   matched with {@code lookingAt} from the keyword's start
 * @param wordStart whether the keyword must not follow a letter, digit or underscore
 * @param accept    a last check on the secret text, for patterns that cannot say it all
 */
record TokenRule(String kind, List<String> keywords, Pattern pattern, boolean wordStart, Predicate<String> accept) {

    private static final Predicate<String> ANY = s -> true;

    /** A bearer credential has a digit or is long; "Bearer authentication" is prose, not a token. */
    private static final Predicate<String> TOKEN_LIKE = s -> s.length() >= 24 || s.chars().anyMatch(Character::isDigit);

    static final List<TokenRule> BUILT_IN = List.of(
            // -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY----- (also OPENSSH, EC, PGP ... BLOCK);
            // an unterminated block (truncated text) is redacted to the end.
            new TokenRule("private-key", List.of("-----begin"),
                    Pattern.compile("(?s)-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK|)-----.*?"
                            + "(?:-----END \\1PRIVATE KEY\\2-----|\\z)"), false, ANY),
            // Authorization: Bearer abc123 | "authorization": "Basic Zm9vOmJhcg==" | X-Api-Key: k-123 (the scheme
            // word is atomic, so it is never taken for the credential itself)
            new TokenRule("authorization", List.of("authorization", "x-api-key", "x-auth-token", "x-access-token"),
                    Pattern.compile("(?i)(?:authorization|x-api-key|x-auth-token|x-access-token)[\"']?[ \\t]*[:=]"
                            + "[ \\t]*[\"']?(?>(?:(?:bearer|basic|digest|token|negotiate|ntlm|aws4-hmac-sha256)[ \\t]+)?)"
                            + "(?<s>[^\\s\"',;()<>\\[\\]{}]+)"), true, ANY),
            // Cookie: sid=abc; theme=dark | Set-Cookie: sid=abc; Path=/ | "cookie": "..."
            new TokenRule("cookie", List.of("cookie"),
                    Pattern.compile("(?i)cookie[\"']?[ \\t]*[:=][ \\t]*[\"']?(?<s>[^\\r\\n\"']+)"), true, ANY),
            // https://user:secret@host, postgres://app:secret@db:5432/x, redis://:secret@cache (only the password)
            new TokenRule("password", List.of("://"),
                    Pattern.compile("://[^\\s:/@'\"]*:(?<s>[^\\s@/'\"]+)@"), false, ANY),
            // eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig (header and payload are base64url JSON)
            new TokenRule("jwt", List.of("eyj"),
                    Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{0,2048}"), true, ANY),
            // Bearer abcdef123456 (without a header name in front)
            new TokenRule("bearer", List.of("bearer"),
                    Pattern.compile("(?i)bearer[ \\t]+(?<s>[A-Za-z0-9._~+/-]{8,}=*)"), true, TOKEN_LIKE),
            // AKIAIOSFODNN7EXAMPLE (access key id prefixes from the AWS IAM identifiers reference)
            new TokenRule("aws-key", List.of("akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa",
                    "anva", "apka"),
                    Pattern.compile("(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}"
                            + "(?![A-Za-z0-9])"), true, ANY),
            // ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | github_pat_11ABC..._...
            new TokenRule("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    Pattern.compile("(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"
                            + "(?![A-Za-z0-9_])"), true, ANY),
            // xoxb-1234567890-abcdefghij
            new TokenRule("slack-token", List.of("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-"),
                    Pattern.compile("xox[abposre]-[A-Za-z0-9-]{10,}"), true, ANY),
            // https://hooks.slack.com/services/T000/B000/XXXX (the path is the credential)
            new TokenRule("slack-webhook", List.of("hooks.slack.com/services/"),
                    Pattern.compile("hooks\\.slack\\.com/services/(?<s>[A-Za-z0-9/_-]+)"), false, ANY),
            // sk_live_... (Stripe) | AIza... (Google) | npm_... | glpat-... (GitLab) | sk-proj-... (OpenAI-style)
            new TokenRule("api-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_", "aiza", "npm_", "glpat-",
                    "sk-"),
                    Pattern.compile("(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36}"
                            + "|glpat-[A-Za-z0-9_-]{20,}|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,})"), true, ANY));

    private boolean hasSecretGroup() {
        return pattern.pattern().contains("(?<s>");
    }

    /** Adds the span this rule redacts when its pattern matches at {@code start}. */
    void find(String text, int start, List<Redactor.Span> spans) {
        if (wordStart && start > 0 && Redactor.isWordChar(text.charAt(start - 1))) {
            return;
        }
        var m = pattern.matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false).region(start, text.length());
        if (!m.lookingAt()) {
            return;
        }
        boolean grouped = hasSecretGroup();
        int from = grouped ? m.start("s") : m.start();
        int to = grouped ? m.end("s") : m.end();
        String secret = text.substring(from, to);
        if (!secret.startsWith("[REDACTED") && accept.test(secret)) {
            spans.add(new Redactor.Span(from, to, kind));
        }
    }
}
