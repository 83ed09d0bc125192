package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.RequestSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may read a project: its read token, or a request signed with its secret; every other request is denied. */
class ReadAccessTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] WEB_SECRET = "web-secret".getBytes(StandardCharsets.UTF_8);
    private static final ReadTokens TOKENS = new ReadTokens("a read secret of at least 32 bytes!!"
            .getBytes(StandardCharsets.UTF_8));
    private static final ReadAccess ACCESS = new ReadAccess(Optional.of(TOKENS), ProjectSecrets.inline(Map.of(
            "web", "web-secret", "shop", "shop-secret")), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String PATH = "/api/v1/projects/web/quarantine";

    @Test
    void aReadSignedWithTheProjectsSecretIsAllowed() {
        ACCESS.authorise("web", signed(WEB_SECRET, "GET", PATH, "format=pytest-deselect", NOW));
        ACCESS.authorise("web", signed(WEB_SECRET, "GET", PATH, "", NOW.minus(Duration.ofMinutes(4))));
    }

    @Test
    void theSignatureCoversMethodPathQueryAndTime() {
        ReadRequest good = signed(WEB_SECRET, "GET", PATH, "format=json", NOW);

        denied("web", with(good, "GET", PATH, "format=surefire-excludes", good.headers()), 401, "does not match");
        denied("web", with(good, "GET", "/api/v1/projects/web/tests", "format=json", good.headers()), 401,
                "does not match");
        denied("web", with(good, "HEAD", PATH, "format=json", good.headers()), 401, "does not match");
        Map<String, String> laterTime = new HashMap<>(good.headers());
        laterTime.put(RequestSignature.TIMESTAMP_HEADER.toLowerCase(), Long.toString(NOW.getEpochSecond() + 1));
        denied("web", with(good, "GET", PATH, "format=json", laterTime), 401, "does not match");
    }

    @Test
    void aSignatureOfOneProjectReadsNothingOfAnother() {
        String shopPath = "/api/v1/projects/shop/quarantine";
        denied("shop", signed(WEB_SECRET, "GET", shopPath, "", NOW), 401, "signed with that project's secret");
        denied("nosuch", signed(WEB_SECRET, "GET", "/api/v1/projects/nosuch/quarantine", "", NOW), 401,
                "does not match");
    }

    @Test
    void aStaleOrFutureSignatureIsRefusedEvenWhenItIsRight() {
        denied("web", signed(WEB_SECRET, "GET", PATH, "", NOW.minus(Duration.ofMinutes(6))), 401, "older than 5");
        denied("web", signed(WEB_SECRET, "GET", PATH, "", NOW.plus(Duration.ofMinutes(2))), 401, "in the future");
    }

    @Test
    void missingOrMalformedCredentialsAreRefused() {
        denied("web", new ReadRequest("GET", PATH, "", Optional.empty()), 401, "Bearer flr_");
        denied("web", new ReadRequest("GET", PATH, "", Map.of(RequestSignature.SIGNATURE_HEADER, "v2=00")), 401,
                "missing X-Feedback-Timestamp");
        denied("web", new ReadRequest("GET", PATH, "", Map.of(RequestSignature.SIGNATURE_HEADER, "v2=zz",
                RequestSignature.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond()))), 401, "64 hex digits");
        denied("web", new ReadRequest("GET", PATH, "", Map.of(RequestSignature.SIGNATURE_HEADER, "sha256=abc",
                RequestSignature.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond()))), 401, "retired scheme");
        ReadAccess signedOnly = new ReadAccess(Optional.empty(), ProjectSecrets.inline(Map.of("web", "web-secret")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> signedOnly.authorise("web", new ReadRequest("GET", PATH, "",
                Optional.of("Bearer " + TOKENS.token("web"))))).isInstanceOf(ReadProblem.class)
                .hasMessageContaining("sign the request");
    }

    @Test
    void tokensStillGrantTheirOwnProjectOnly() {
        ACCESS.authorise("web", new ReadRequest("GET", PATH, "", Optional.of("Bearer " + TOKENS.token("web"))));
        denied("shop", new ReadRequest("GET", "/api/v1/projects/shop/quarantine", "",
                Optional.of("Bearer " + TOKENS.token("web"))), 403, "does not grant reads of project shop");
    }

    @Test
    void secretsThatCannotBeReadAnswerRetryLaterNotUnknown() {
        ReadAccess down = new ReadAccess(Optional.empty(), project -> {
            throw new ProjectSecrets.SecretsUnavailableException("secrets manager down", null);
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> down.authorise("web", signed(WEB_SECRET, "GET", PATH, "", NOW)))
                .isInstanceOfSatisfying(ReadProblem.class, p -> assertThat(p.status()).isEqualTo(503));
    }

    @Test
    void headerNamesAreReadInAnyCase() {
        Map<String, String> upper = new HashMap<>();
        signed(WEB_SECRET, "GET", PATH, "", NOW).headers().forEach((k, v) -> upper.put(k.toUpperCase(), v));
        ACCESS.authorise("web", new ReadRequest("GET", PATH, "", upper));
    }

    static ReadRequest signed(byte[] secret, String method, String path, String query, Instant at) {
        String target = query.isEmpty() ? path : path + "?" + query;
        return new ReadRequest(method, path, query, ReadAccess.signedHeaders(secret, method, target, at));
    }

    private static ReadRequest with(ReadRequest request, String method, String path, String query,
                                    Map<String, String> headers) {
        return new ReadRequest(method, path, query, headers);
    }

    private static void denied(String project, ReadRequest request, int status, String detail) {
        assertThatThrownBy(() -> ACCESS.authorise(project, request)).isInstanceOfSatisfying(ReadProblem.class,
                p -> {
                    assertThat(p.status()).as(p.detail()).isEqualTo(status);
                    assertThat(p.detail()).contains(detail);
                });
    }
}
