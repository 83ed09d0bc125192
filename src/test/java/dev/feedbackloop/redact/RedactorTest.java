package dev.feedbackloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private static final Redactor REDACTOR = Redactor.standard();
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("bearer token", "curl -H 'x' Bearer abcDEF123456789xyz",
                        "curl -H 'x' Bearer [REDACTED:bearer]"),
                Arguments.of("JWT anywhere", "token in body: " + JWT + " end",
                        "token in body: [REDACTED:jwt] end"),
                Arguments.of("AWS access key id", "using AKIAIOSFODNN7EXAMPLE for upload",
                        "using [REDACTED:aws-key] for upload"),
                Arguments.of("GitHub classic token", "git push https://x ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                        "git push https://x [REDACTED:github-token]"),
                Arguments.of("GitHub fine-grained token", "GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrst",
                        "GH=[REDACTED:github-token]"),
                Arguments.of("Slack bot token", "slack: xoxb-123456789012-abcdefghijkl",
                        "slack: [REDACTED:slack-token]"),
                Arguments.of("Slack webhook", "POST https://hooks.slack.com/services/T000/B000/XXXXXXXX failed",
                        "POST https://hooks.slack.com/services/[REDACTED:slack-webhook] failed"),
                Arguments.of("password= in a query", "GET /login?user=bob&password=hunter2&next=/",
                        "GET /login?user=bob&password=[REDACTED:password]&next=/"),
                Arguments.of("token= in a query", "https://api.test/v1?access_token=abc123def&x=1",
                        "https://api.test/v1?access_token=[REDACTED:token]&x=1"),
                Arguments.of("api_key= and apikey=", "api_key=k-123 apikey=k-456",
                        "api_key=[REDACTED:api-key] apikey=[REDACTED:api-key]"),
                Arguments.of("secret= and client_secret", "secret=s1 client_secret=s2",
                        "secret=[REDACTED:secret] client_secret=[REDACTED:secret]"),
                Arguments.of("JSON password value", "{\"username\": \"bob\", \"password\": \"hunter2\"}",
                        "{\"username\": \"bob\", \"password\": \"[REDACTED:password]\"}"),
                Arguments.of("camelCase JSON key", "{\"clientSecret\":\"abc\",\"accessToken\":\"def\"}",
                        "{\"clientSecret\":\"[REDACTED:secret]\",\"accessToken\":\"[REDACTED:token]\"}"),
                Arguments.of("YAML key at line start", "config:\n  db_password: s3cr3t\n",
                        "config:\n  db_password: [REDACTED:password]\n"),
                Arguments.of("Authorization header", "Authorization: Basic Zm9vOmJhcg==",
                        "Authorization: Basic [REDACTED:authorization]"),
                Arguments.of("Authorization bearer header", "authorization: Bearer abc.def.ghi",
                        "authorization: Bearer [REDACTED:authorization]"),
                Arguments.of("Cookie header", "Cookie: sid=abc123; theme=dark",
                        "Cookie: [REDACTED:cookie]"),
                Arguments.of("Set-Cookie header", "Set-Cookie: session=xyz; Path=/; HttpOnly",
                        "Set-Cookie: [REDACTED:cookie]"),
                Arguments.of("basic-auth credentials in a URL", "page.goto: https://admin:s3cret@staging.test/",
                        "page.goto: https://admin:[REDACTED:password]@staging.test/"),
                Arguments.of("database URL", "connect postgres://app:pa55@db:5432/shop refused",
                        "connect postgres://app:[REDACTED:password]@db:5432/shop refused"),
                Arguments.of("ADO.NET connection string", "Server=db;Database=x;User Id=sa;Password=P@ss1;",
                        "Server=db;Database=x;User Id=sa;Password=[REDACTED:password];"),
                Arguments.of("JDBC URL", "jdbc:mysql://db/shop?user=app&password=secret1",
                        "jdbc:mysql://db/shop?user=app&password=[REDACTED:password]"),
                Arguments.of("signed S3 URL", "GET /b/k?X-Amz-Credential=AK/1&X-Amz-Signature=abcdef",
                        "GET /b/k?X-Amz-Credential=[REDACTED:secret]&X-Amz-Signature=[REDACTED:secret]"),
                Arguments.of("private key block", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n"
                        + "-----END RSA PRIVATE KEY-----\nafter", "key:\n[REDACTED:private-key]\nafter"),
                Arguments.of("truncated private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNza",
                        "[REDACTED:private-key]"),
                Arguments.of("Stripe key", "charge failed for sk_live_abcdefghijklmnop1234",
                        "charge failed for [REDACTED:api-key]"),
                Arguments.of("password written bare after the word", "logged in with password Rbvu9Tums7ndy ok",
                        "logged in with password [REDACTED:password] ok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactsSecrets(String name, String text, String redacted) {
        assertThat(REDACTOR.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "commit e3e53437346286c0bc2d2dc9aa4915ba81d9023f failed",
        "request 123e4567-e89b-12d3-a456-426614174000 timed out",
        "waiting for locator('input[name=password]')",
        "input[type=password] is not visible",
        "getByLabel('Password') resolved to 2 elements",
        "SyntaxError: Unexpected token: } in JSON at position 42",
        "tokenizer=bert design=flat",
        "Bearer authentication required",
        "token=undefined in request",
        "password=${DB_PASSWORD} not set",
        "password: <hidden>",
        "https://user@example.com/path?q=1",
        "cache_key=abc123 sort_key=name",
        "if (token == expected) return;",
        "expect(received).toBe(expected) // Object.is equality",
        "at com.acme.AuthService.login(AuthService.java:42)",
        "password expired for user alice",
        "the password reset link was sent",
    })
    void leavesOrdinaryTextAlone(String text) {
        assertThat(REDACTOR.redact(text)).isSameAs(text);
    }

    @Test
    void redactsEveryFieldOfAFailure() {
        Failure failure = new Failure("login failed with password=hunter2", Optional.of("AuthError"),
                Optional.of("at login (Authorization: Bearer abcdef123456)"));

        Failure redacted = REDACTOR.redact(failure);

        assertThat(redacted.message()).isEqualTo("login failed with password=[REDACTED:password]");
        assertThat(redacted.type()).contains("AuthError");
        assertThat(redacted.stackTrace()).contains("at login (Authorization: Bearer [REDACTED:authorization])");
    }

    @Test
    void aFailureWithoutSecretsIsReturnedAsIs() {
        Failure failure = Failure.of("Expected: 3\nReceived: 2");

        assertThat(REDACTOR.redact(failure)).isSameAs(failure);
    }

    @Test
    void redactsEveryAttemptOfAResult_andReturnsAResultWithoutSecretsAsIs() {
        TestResult result = TestResult.of(TestCase.of("LoginTest", "logs in"), List.of(
                new Attempt(0, AttemptStatus.FAILED, 5, Optional.of(Failure.of("401 with password=hunter2")),
                        "token=abc123def456", ""),
                new Attempt(1, AttemptStatus.PASSED, 5, Optional.empty(), "", "Cookie: session=s3cr3t")));

        TestResult redacted = REDACTOR.redact(result);

        assertThat(redacted.toString()).doesNotContain("hunter2").doesNotContain("abc123def456")
                .doesNotContain("s3cr3t");
        assertThat(redacted.status()).isEqualTo(result.status());
        assertThat(redacted.test()).isEqualTo(result.test());
        TestResult clean = TestResult.of(TestCase.of("CartTest", "adds"), List.of(Attempt.passed(0, 1)));
        assertThat(REDACTOR.redact(clean)).isSameAs(clean);
    }

    @Test
    void keepsAnAttemptsAttachments_withTheirPathsAndInlinePageRedacted() {
        Attachment page = Attachment.capped(Attachment.ERROR_CONTEXT, "text/markdown", null,
                "- text: password=hunter2").orElseThrow();
        Attachment shot = Attachment.capped("screenshot", "image/png", "/ci/token=abc123def456/shot.png", null)
                .orElseThrow();
        Attachment trace = Attachment.capped("trace", "application/zip", "test-results/a/trace.zip", null)
                .orElseThrow();
        TestResult result = TestResult.of(TestCase.of("LoginTest", "logs in"), List.of(new Attempt(0,
                AttemptStatus.FAILED, 5, Optional.of(Failure.of("boom")), "", "", List.of(page, shot, trace))));

        List<Attachment> redacted = REDACTOR.redact(result).attempts().get(0).attachments();

        assertThat(redacted).extracting(Attachment::name).containsExactly("error-context", "screenshot", "trace");
        assertThat(redacted.toString()).doesNotContain("hunter2", "abc123def456");
        assertThat(redacted.get(2)).isSameAs(trace);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactingTwiceChangesNothingMore(String name, String text, String redacted) {
        assertThat(REDACTOR.redact(REDACTOR.redact(text))).isEqualTo(redacted);
    }
}
