package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ingest.RequestSignature.SignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final byte[] SECRET = "s3cr3t-for-web".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "<testsuite name='x'/>".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long TS = NOW.getEpochSecond();

    @Test
    void aCorrectlySignedFreshRequestIsAccepted() {
        String signature = RequestSignature.sign(SECRET, TS, BODY);
        assertThatCode(() -> RequestSignature.verify(SECRET, Long.toString(TS), signature, BODY, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void signatureIsStableHmacSha256OfTimestampDotBody() {
        // Pinned against an independent implementation: python3 -c "import hmac,hashlib; print(hmac.new(b'key', b'1.x', hashlib.sha256).hexdigest())"
        assertThat(RequestSignature.sign("key".getBytes(StandardCharsets.UTF_8), 1, "x".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=fc4913c41a7bf793267e2a384f3261c9436ec2cd097bd745e7b0d99113f510ec");
    }

    @Test
    void aTamperedBodyIsRejected() {
        String signature = RequestSignature.sign(SECRET, TS, BODY);
        byte[] tampered = "<testsuite name='y'/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), signature, tampered, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void anotherProjectsSecretIsRejected() {
        String signature = RequestSignature.sign("other".getBytes(StandardCharsets.UTF_8), TS, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), signature, BODY, NOW))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void aReplayOlderThanFiveMinutesIsRejectedEvenWithAGoodSignature() {
        long old = TS - 301;
        String signature = RequestSignature.sign(SECRET, old, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(old), signature, BODY, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("replay");
    }

    @Test
    void aRequestJustInsideTheWindowIsAccepted() {
        long recent = TS - 299;
        String signature = RequestSignature.sign(SECRET, recent, BODY);
        assertThatCode(() -> RequestSignature.verify(SECRET, Long.toString(recent), signature, BODY, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aTimestampFarInTheFutureIsRejected() {
        long future = TS + 3600;
        String signature = RequestSignature.sign(SECRET, future, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(future), signature, BODY, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("future");
    }

    @Test
    void changingTheTimestampInvalidatesTheSignature() {
        String signature = RequestSignature.sign(SECRET, TS - 10, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), signature, BODY, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        String good = RequestSignature.sign(SECRET, TS, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, null, good, BODY, NOW))
                .hasMessageContaining(RequestSignature.TIMESTAMP_HEADER);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, "yesterday", good, BODY, NOW))
                .hasMessageContaining("epoch seconds");
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), null, BODY, NOW))
                .hasMessageContaining(RequestSignature.SIGNATURE_HEADER);
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), "md5=abc", BODY, NOW))
                .hasMessageContaining("sha256=");
        assertThatThrownBy(() -> RequestSignature.verify(SECRET, Long.toString(TS), "sha256=zz", BODY, NOW))
                .hasMessageContaining("64 hex digits");
    }
}
