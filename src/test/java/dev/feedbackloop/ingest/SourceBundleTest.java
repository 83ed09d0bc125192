package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ShippedSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceBundleTest {

    private static final Redactor REDACTOR = Redactor.standard();

    @Test
    void whatTheUploaderWrites_ingestReads_backTheSame() {
        List<ShippedSource> sources = List.of(ShippedSource.of("/ci/work/e2e/a.spec.ts", "e2e/a.spec.ts", "test('a')"),
                ShippedSource.of("e2e/b.spec.ts", "e2e/b.spec.ts", "test('b') // ünïcode"));

        assertThat(SourceBundle.read(SourceBundle.write(sources), REDACTOR)).isEqualTo(sources);
    }

    @Test
    void ingestRedactsWhatever_theSenderDid() {
        String key = "AKIA" + "QX7RZ2M4T6W8Y3B5";
        byte[] body = ("{\"sources\":[{\"file\":\"a.ts\",\"path\":\"a.ts\",\"content\":\"const k = '" + key
                + "';\"}]}").getBytes(StandardCharsets.UTF_8);

        ShippedSource read = SourceBundle.read(body, REDACTOR).get(0);

        assertThat(read.content()).doesNotContain(key).contains("[REDACTED:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.ts", "e2e/../../secret.ts", "/etc/passwd", "C:/Windows/x.ts", "e2e\\\\..\\\\..\\\\x"})
    void aPathThatIsAbsoluteOrClimbsOut_isRefused(String path) {
        byte[] body = ("{\"sources\":[{\"file\":\"a.ts\",\"path\":\"" + path + "\",\"content\":\"x\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SourceBundle.read(body, REDACTOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.sources[0]").hasMessageContaining("relative, without '..'");
    }

    @Test
    void theLimits_areCheckedOnBothEnds_andNameWhatIsOver() {
        List<ShippedSource> many = IntStream.rangeClosed(0, SourceBundle.MAX_FILES)
                .mapToObj(i -> ShippedSource.of("t" + i + ".ts", "t" + i + ".ts", "x")).toList();
        assertThatThrownBy(() -> SourceBundle.write(many)).isInstanceOf(SourceBundle.TooLargeException.class)
                .hasMessageContaining("51 source files, more than the 50");

        String big = "x".repeat(ShippedSource.MAX_CHARS);
        List<ShippedSource> heavy = IntStream.range(0, SourceBundle.MAX_TOTAL_CHARS / ShippedSource.MAX_CHARS + 1)
                .mapToObj(i -> ShippedSource.of("h" + i + ".ts", "h" + i + ".ts", big)).toList();
        assertThatThrownBy(() -> SourceBundle.write(heavy)).isInstanceOf(SourceBundle.TooLargeException.class)
                .hasMessageContaining("more than the 1000000");

        byte[] oneTooBig = ("{\"sources\":[{\"file\":\"a.ts\",\"path\":\"a.ts\",\"content\":\""
                + "y".repeat(ShippedSource.MAX_CHARS + 1) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceBundle.read(oneTooBig, REDACTOR))
                .isInstanceOf(SourceBundle.TooLargeException.class).hasMessageContaining("$.sources[0]: 48001");
    }

    @Test
    void malformedBodies_andAFileNamedTwice_areRefused_namingWhere() {
        assertThatThrownBy(() -> SourceBundle.read("nope".getBytes(StandardCharsets.UTF_8), REDACTOR))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SourceBundle.read("{\"files\":[]}".getBytes(StandardCharsets.UTF_8), REDACTOR))
                .hasMessageContaining("{\"sources\":[");
        assertThatThrownBy(() -> SourceBundle.read("{\"sources\":[{\"file\":\"a\",\"path\":\"a\"}]}"
                .getBytes(StandardCharsets.UTF_8), REDACTOR)).hasMessageContaining("$.sources[0]: content must be");
        ShippedSource a = ShippedSource.of("a.ts", "a.ts", "x");
        assertThatThrownBy(() -> SourceBundle.write(List.of(a, a))).hasMessageContaining("a.ts is named twice");
    }
}
