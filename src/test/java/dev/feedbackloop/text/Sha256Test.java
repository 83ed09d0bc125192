package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    /** FIPS 180-2's example "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void digestsTextAsItsUtf8Bytes() {
        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
        assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void aPrefixIsTheFirstBytesOfTheDigest() {
        assertThat(Sha256.hexPrefix("abc", 8)).isEqualTo(ABC.substring(0, 16));
    }

    @Test
    void aStreamedDigestEndsAsTheWholeOne() {
        var digest = Sha256.newDigest();
        digest.update("ab".getBytes(StandardCharsets.UTF_8));
        digest.update("c".getBytes(StandardCharsets.UTF_8));

        assertThat(Sha256.hex(digest)).isEqualTo(ABC);
    }
}
