package dev.feedbackloop.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class LengthCheckedStreamTest {

    @Test
    void contentOfItsAnnouncedLength_readsToTheEnd() throws IOException {
        InputStream in = new LengthCheckedStream(new ByteArrayInputStream(new byte[10_000]), "reports/web/k", 10_000);

        assertThat(in.read()).isZero();
        assertThat(in.skip(999)).isEqualTo(999);
        assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(9_000);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void contentEndingEarly_failsNamingTheObjectAndHowFarItGot() {
        InputStream in = new LengthCheckedStream(new ByteArrayInputStream(new byte[4_000]), "reports/web/k", 12_000);

        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream())).isInstanceOf(IOException.class)
                .hasMessage("report object reports/web/k ended after 4000 of its 12000 bytes: the connection was"
                        + " closed before the whole object was read");
    }

    @Test
    void aSingleByteReadAtAnEarlyEnd_failsToo() throws IOException {
        InputStream in = new LengthCheckedStream(new ByteArrayInputStream(new byte[1]), "k", 2);

        assertThat(in.read()).isZero();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("ended after 1 of its 2");
    }
}
