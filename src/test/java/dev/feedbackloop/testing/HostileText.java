package dev.feedbackloop.testing;

import dev.feedbackloop.fingerprint.FailureNormalizer;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pathological text for every redaction and normalisation pass: for each rule or pass, the pieces that make it read
 * far (a keyword repeated with no end in sight, a run its pattern cannot close), repeated to any length. A pass that
 * is linear takes twice as long on twice the text; one that retries at every keyword (issue 10: a line of repeated
 * {@code -----BEGIN PRIVATE KEY-----} ran for minutes) takes four times as long, or never finishes.
 * Shared by {@code RedactionBenchmark} (figures) and {@code HostileTextTest} (a generous bound).
 */
public final class HostileText {

    /**
     * One case: {@code unit} repeated to the wanted length, fed to {@code pass}.
     *
     * @param pass which pass it targets: {@code redact}, {@code normalize} (fingerprint), {@code classify} (rules,
     *             derived fields, code frames, fingerprint)
     */
    public record Case(String pass, String name, String unit, Consumer<String> run) {

        /** {@code unit} repeated to about {@code chars} characters. */
        public String text(int chars) {
            return unit.repeat(Math.max(1, chars / unit.length()));
        }

        @Override
        public String toString() {
            return pass + " " + name;
        }
    }

    private static final Redactor REDACTOR = Redactor.standard();
    private static final Consumer<String> REDACT = REDACTOR::redact;
    private static final Consumer<String> NORMALIZE = text -> FailureNormalizer.standard().normalize(Failure.of(text));
    private static final Consumer<String> CLASSIFY = text -> FailureClassifier.standard().classify(
            new Failure(text, java.util.Optional.of("Error"), java.util.Optional.of(text)));

    /** Every case, by pass. */
    public static final List<Case> CASES = List.of(
            // the six lines of issue 10
            redact("private-key", "-----BEGIN PRIVATE KEY-----"),
            redact("cookie", "Cookie: a=b; "),
            redact("authorization", "Authorization: Bearer x "),
            redact("password-kv", "password="),
            redact("url-creds", "://a:b"),
            redact("jwt", "eyJ"),
            // each rule's keyword where its shape reads on: no END line, no line break, no separator, no dot
            redact("private-key-labelled", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n"),
            redact("private-key-label-words", "-----BEGIN A B C D E F G "),
            redact("set-cookie-unbroken", "Set-Cookie:a=b;"),
            redact("authorization-unbroken", "authorization:"),
            redact("x-api-key-spaced", "X-Api-Key:\t \t"),
            redact("bearer", "Bearer abcdefgh1"),
            redact("url-user-run", "://aaaaaaaa:bbbbbbbb"),
            redact("jwt-dashed", "eyJ-"),
            redact("jwt-no-signature-dot", "eyJhbGciOiJIUzI1NiJ9."),
            redact("aws-key", "AKIAAKIAAKIAAKIAAKIA"),
            redact("github-token", "ghp_"),
            redact("slack-token", "xoxb-"),
            redact("slack-webhook", "hooks.slack.com/services/"),
            redact("api-key", "sk-"),
            redact("key-run", "password"),
            redact("key-value-spaced", "token :  "),
            redact("key-value-quoted", "\"secret\":\"s\","),
            redact("connection-string", "Password=p;"),
            redact("card-groups", "4111 "),
            redact("card-dashed-groups", "4111-1111-"),
            redact("card-digit-run", "4111111111111111"),
            // the fingerprint's line normaliser and line sorter
            normalize("one-line-numbers", "1.2.3,4 "),
            normalize("one-line-paths", "/home/ci/a/b.js:1:2 "),
            normalize("one-line-path-run", "/a"),
            normalize("one-line-urls", "https://h.test/p?q=1#x "),
            normalize("one-line-statuses", "status 500 HTTP 404 Not Found "),
            normalize("one-line-ids", "Foo@1b6d3586 0x7ffd 123e4567-e89b-12d3-a456-426614174000 "),
            normalize("one-line-timestamps", "2024-05-01T10:00:00.123Z "),
            normalize("html-breaks", "x<br/>"),
            normalize("blank-lines", "\n"),
            normalize("generated-frames", "    at <anonymous>\n"),
            normalize("frames", "    at a.b(C.java:1)\n"),
            // the rules, their derived fields (types, matcher, compared values) and code frames
            classify("expect-calls", "expect("),
            classify("expected-to", "expected a to "),
            classify("but-was", "expected:<a> but was:<"),
            classify("assert", "E   assert "),
            classify("expected-lines", "Expected: 1\n"),
            classify("code-frame", "  12 | await x;\n> 13 | await y;\n     |   ^\n"),
            classify("error-types", "AError BException "),
            classify("whitespace", " \t"));

    private HostileText() {
    }

    private static Case redact(String name, String unit) {
        return new Case("redact", name, unit, REDACT);
    }

    private static Case normalize(String name, String unit) {
        return new Case("normalize", name, unit, NORMALIZE);
    }

    private static Case classify(String name, String unit) {
        return new Case("classify", name, unit, CLASSIFY);
    }
}
