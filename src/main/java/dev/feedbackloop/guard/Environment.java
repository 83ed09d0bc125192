package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a test reads configuration and secrets from the environment: {@code process.env.X}, {@code Cypress.env('X')},
 * {@code System.getenv("X")}, {@code os.environ["X"]}, {@code os.getenv("X")}, {@code import.meta.env.X}.
 */
final class Environment {

    /** A name that says its value is a credential: API_TOKEN, E2E_PASSWORD, adminApiKey, session cookie... */
    static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)pass(word|wd|code|phrase)?|pwd|secret|token|api[_-]?key|apikey|auth|bearer|credential|private[_-]?key|"
                    + "access[_-]?key|session|cookie|(?<![a-z])pin(?![a-z])|otp|signing"
                    + "|(?:^|_)key(?:_|$)|(?-i:[a-z]Key(?![a-z]))"); // PARTNER_KEY, partnerKey

    /**
     * One environment read in a statement.
     *
     * @param name the variable's name
     * @param end  the index after the read's last token
     */
    record Read(String name, int end) {
        boolean credential() {
            return CREDENTIAL_NAME.matcher(name).find();
        }
    }

    private Environment() {
    }

    static List<Read> reads(Statement s) {
        List<Read> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            read(s, i).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Read> read(Statement s, int i) {
        Token t = s.get(i);
        if (t.is("process") && s.is(i + 1, ".") && s.is(i + 2, "env")) {
            return member(s, i + 3);
        }
        if (t.is("meta") && s.is(i + 1, ".") && s.is(i + 2, "env")) {
            return member(s, i + 3);
        }
        if ((t.is("environ") || t.is("getenv") || t.is("env") || t.is("getProperty")) && s.is(i - 1, ".")) {
            if (s.is(i + 1, "[") || s.is(i + 1, "(")) {
                return literalAt(s, i + 2);
            }
            if (t.is("environ") && s.is(i + 1, ".") && s.is(i + 2, "get") && s.is(i + 3, "(")) {
                return literalAt(s, i + 4);
            }
        }
        return Optional.empty();
    }

    private static Optional<Read> member(Statement s, int i) {
        if (s.is(i, ".") && s.at(i + 1) != null && s.get(i + 1).isWord()) {
            int end = i + 2;
            while (s.is(end, "!")) {
                end++; // TypeScript's non-null assertion
            }
            return Optional.of(new Read(s.get(i + 1).text(), end));
        }
        if (s.is(i, "[")) {
            return literalAt(s, i + 1);
        }
        return Optional.empty();
    }

    private static Optional<Read> literalAt(Statement s, int i) {
        Token t = s.at(i);
        if (t == null || !t.isText()) {
            return Optional.empty();
        }
        int close = i + 1;
        return Optional.of(new Read(t.value(), s.is(close, ")") || s.is(close, "]") ? close + 1 : close));
    }
}
