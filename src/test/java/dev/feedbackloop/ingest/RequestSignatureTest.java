package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ingest.RequestSignature.SignatureException;
import dev.feedbackloop.ingest.RequestSignature.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSignatureTest {

    private static final byte[] SECRET = "s3cr3t-for-web".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "<testsuite name='x'/>".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long TS = NOW.getEpochSecond();
    private static final Map<String, String> FIELDS = Map.of("project", "web", "run", "4711", "attempt", "2",
            "commit", "c0ffee", "branch", "feat/ünïcode", "build-url", "https://ci.example/4711", "ci",
            "github-actions", "time", "2026-11-22T09:00:00Z");

    private static Signed request(Map<String, String> fields) {
        return Signed.of("POST", "/", TS, BODY, fields);
    }

    @Test
    void aCorrectlySignedFreshRequestIsAccepted() {
        String signature = RequestSignature.sign(SECRET, request(FIELDS));
        assertThatCode(() -> RequestSignature.verify(SECRET, request(FIELDS), signature, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void theDocumentedExample_isPinnedAgainstAnIndependentImplementation() {
        // The example of RequestSignature's Javadoc and docs/DEPLOY.md, computed with Python's hmac and hashlib:
        // s = "FEEDBACK-HMAC-SHA256-V2\nPOST\n/\n1772366400\n" + sha256(b"foo").hexdigest()
        //     + "\nbranch:feat%2F%C3%BCn%C3%AFcode\nproject:web-shop\nrun:42"
        // hmac.new(b"web-shop-secret", s.encode(), hashlib.sha256).hexdigest()
        Signed example = Signed.of("POST", "/", 1772366400, "foo".getBytes(StandardCharsets.UTF_8),
                Map.of("project", "web-shop", "run", "42", "branch", "feat/ünïcode"));

        assertThat(example.text()).isEqualTo("""
                FEEDBACK-HMAC-SHA256-V2
                POST
                /
                1772366400
                2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
                branch:feat%2F%C3%BCn%C3%AFcode
                project:web-shop
                run:42""");
        assertThat(RequestSignature.sign("web-shop-secret".getBytes(StandardCharsets.UTF_8), example))
                .isEqualTo("v2=f0e945c9f08cae6eda090370ed0bf35136c52d1abd6030593e6b07fe6ba88bf3");
    }

    /** Each way a captured request could be altered: every part that decides what is stored. */
    static Stream<Arguments> alterations() {
        Stream<Arguments> fixed = Stream.of(
                altered("the method", s -> new Signed("PUT", s.path(), s.timestamp(), s.bodySha256(), s.fields())),
                altered("the path", s -> new Signed(s.method(), "/uploads", s.timestamp(), s.bodySha256(),
                        s.fields())),
                altered("the timestamp", s -> new Signed(s.method(), s.path(), s.timestamp() - 1, s.bodySha256(),
                        s.fields())),
                altered("the body", s -> Signed.of(s.method(), s.path(), s.timestamp(),
                        "<testsuite name='y'/>".getBytes(StandardCharsets.UTF_8), s.fields())),
                altered("a field added (nothing else changed)", s -> withFields(s, f -> {
                    f.remove("time");
                    return f;
                }), s -> s),
                altered("a value's case", s -> withFields(s, f -> {
                    f.put("branch", "Feat/ünïcode");
                    return f;
                })),
                altered("a value's trailing space", s -> withFields(s, f -> {
                    f.put("run", "4711 ");
                    return f;
                })));
        Stream<Arguments> perField = FIELDS.keySet().stream().sorted().flatMap(name -> Stream.of(
                altered(name + " changed", s -> withFields(s, f -> {
                    f.put(name, f.get(name) + "9");
                    return f;
                })),
                altered(name + " dropped", s -> withFields(s, f -> {
                    f.remove(name);
                    return f;
                })),
                altered(name + " emptied", s -> withFields(s, f -> {
                    f.put(name, "");
                    return f;
                }))));
        return Stream.concat(fixed, perField);
    }

    private static Arguments altered(String name, UnaryOperator<Signed> alteration) {
        return Arguments.of(Named.of(name, alteration), UnaryOperator.identity());
    }

    /** Signed as {@code signedAs} gives, received as {@code receivedAs} gives. */
    private static Arguments altered(String name, UnaryOperator<Signed> signedAs, UnaryOperator<Signed> receivedAs) {
        return Arguments.of(Named.of(name, receivedAs), signedAs);
    }

    private static Signed withFields(Signed s, UnaryOperator<Map<String, String>> change) {
        return new Signed(s.method(), s.path(), s.timestamp(), s.bodySha256(), change.apply(new TreeMap<>(s.fields())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void anyAlterationOfASignedRequest_isRefused(UnaryOperator<Signed> received, UnaryOperator<Signed> signed) {
        Signed original = request(FIELDS);
        String signature = RequestSignature.sign(SECRET, signed.apply(original));
        Signed tampered = received.apply(original);
        assertThat(tampered.text()).isNotEqualTo(signed.apply(original).text());

        assertThatThrownBy(() -> RequestSignature.verify(SECRET, tampered, signature, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void aValueCannotForgeAnotherLine() {
        Signed oneField = request(Map.of("project", "web", "branch", "main\nrun:9"));
        Signed twoFields = request(Map.of("project", "web", "branch", "main", "run", "9"));

        assertThat(oneField.text()).endsWith("branch:main%0Arun%3A9\nproject:web");
        assertThat(RequestSignature.sign(SECRET, oneField)).isNotEqualTo(RequestSignature.sign(SECRET, twoFields));
    }

    @Test
    void thePathIsTheEndpoint_withOrWithoutTrailingSlash() {
        assertThat(RequestSignature.endpoint("")).isEqualTo("/");
        assertThat(RequestSignature.endpoint("/")).isEqualTo("/");
        assertThat(RequestSignature.endpoint("/uploads/")).isEqualTo("/uploads");
        assertThat(Signed.of("post", "/uploads/", 1, BODY, Map.of()).text())
                .isEqualTo(Signed.of("POST", "/uploads", 1, BODY, Map.of()).text());
    }

    @Test
    void anotherProjectsSecretIsRejected() {
        String signature = RequestSignature.sign("other".getBytes(StandardCharsets.UTF_8), request(FIELDS));
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, request(FIELDS), signature, NOW))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void theRetiredSchemeIsRefused_askingToUpdateTheClient() {
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, request(FIELDS), "sha256=" + "ab".repeat(32), NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("retired scheme").hasMessageContaining("Update the client")
                .hasMessageContaining("v2=");
    }

    @Test
    void aReplayOlderThanFiveMinutesIsRejectedEvenWithAGoodSignature() {
        Signed old = Signed.of("POST", "/", TS - 301, BODY, FIELDS);
        String signature = RequestSignature.sign(SECRET, old);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, old, signature, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("replay");
    }

    @Test
    void aRequestJustInsideTheWindowIsAccepted() {
        Signed recent = Signed.of("POST", "/", TS - 299, BODY, FIELDS);
        assertThatCode(() -> RequestSignature.verify(SECRET, recent, RequestSignature.sign(SECRET, recent), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aTimestampFarInTheFutureIsRejected() {
        Signed future = Signed.of("POST", "/", TS + 3600, BODY, FIELDS);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, future, RequestSignature.sign(SECRET, future), NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("future");
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        assertThatThrownBy(() -> RequestSignature.timestamp(null))
                .hasMessageContaining(RequestSignature.TIMESTAMP_HEADER);
        assertThatThrownBy(() -> RequestSignature.timestamp("yesterday")).hasMessageContaining("epoch seconds");
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, request(FIELDS), null, NOW))
                .hasMessageContaining(RequestSignature.SIGNATURE_HEADER);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, request(FIELDS), "md5=abc", NOW))
                .hasMessageContaining("v2=");
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, request(FIELDS), "v2=zz", NOW))
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void signedHeaders_carryTheMetadataPercentEncoded_andVerify() {
        Map<String, String> headers = RequestSignature.signedHeaders(SECRET, "POST", "/", BODY, FIELDS, NOW);

        assertThat(headers).containsEntry("X-Feedback-Branch", "feat/%C3%BCn%C3%AFcode")
                .containsEntry("X-Feedback-Timestamp", Long.toString(TS));
        assertThat(headers.values()).allMatch(v -> v.chars().allMatch(c -> c > 0x20 && c < 0x7f));
        Map<String, String> received = RunMetadata.fieldsOf(headers, Map.of());
        assertThat(received).isEqualTo(new TreeMap<>(FIELDS));
        assertThatCode(() -> RequestSignature.verify(SECRET, request(received),
                headers.get(RequestSignature.SIGNATURE_HEADER), NOW)).doesNotThrowAnyException();
    }
}
