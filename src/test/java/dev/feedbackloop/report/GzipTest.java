package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipTest {

    @Test
    void recognisesGzipByItsMagicNumberOnly() throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write("<testsuite/>".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Gzip.isGzip(gzip.toByteArray())).isTrue();
        assertThat(Gzip.isGzip("<testsuite/>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Gzip.isGzip(new byte[] {0x1f})).as("too short").isFalse();
        assertThat(Gzip.isGzip(new byte[0])).isFalse();
        assertThat(Gzip.startsGzip(0x1f, 0x8b)).isTrue();
        assertThat(Gzip.startsGzip(0x1f, -1)).as("end of stream").isFalse();
    }
}
