package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceHash;
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
    void theHashesOfEveryTestFile_travelBesideTheFailingSources() {
        ShippedSource failing = ShippedSource.of("e2e/a.spec.ts", "e2e/a.spec.ts", "test('a')");
        List<SourceHash> hashes = List.of(SourceHash.of(failing),
                new SourceHash("/ci/work/e2e/b.spec.ts", "e2e/b.spec.ts", "b".repeat(64)));

        SourceBundle.Contents read = SourceBundle.readAll(SourceBundle.write(List.of(failing), List.of(), hashes),
                REDACTOR);

        assertThat(read.sources()).containsExactly(failing);
        assertThat(read.hashes()).isEqualTo(hashes);
        assertThat(SourceBundle.readAll(SourceBundle.write(List.of(failing)), REDACTOR).hashes())
                .as("an older client's body: no hashes").isEmpty();
    }

    @Test
    void hashesOverTheLimit_badOrClimbingOut_areRefusedWhole_sayingWhere() {
        List<SourceHash> many = IntStream.rangeClosed(0, SourceBundle.MAX_HASHES)
                .mapToObj(i -> new SourceHash("t" + i + ".ts", "t" + i + ".ts", "a".repeat(64))).toList();
        assertThatThrownBy(() -> SourceBundle.write(List.of(), List.of(), many))
                .isInstanceOf(SourceBundle.TooLargeException.class).hasMessageContaining("more than the 2000");
        byte[] upper = "{\"sources\":[],\"hashes\":[{\"file\":\"a.ts\",\"path\":\"a.ts\",\"sha256\":\"ABC\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceBundle.readAll(upper, REDACTOR)).hasMessageContaining("$.hashes[0]:")
                .hasMessageContaining("64 lower-case hex digits");
        byte[] climbing = ("{\"sources\":[],\"hashes\":[{\"file\":\"a.ts\",\"path\":\"../a.ts\",\"sha256\":\""
                + "a".repeat(64) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceBundle.readAll(climbing, REDACTOR)).hasMessageContaining("$.hashes[0]:")
                .hasMessageContaining("without '..'");
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

    @Test
    void pageSnapshotsTravelBesideTheSources_redactedOnArrival_andAreKeptUnderTheirTestsId() {
        String token = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
        SourceBundle.Snapshot page = new SourceBundle.Snapshot("checkout.spec.ts", "pays", java.util.Optional.of(
                "e2e/checkout.spec.ts"), "test-results/a/error-context.md", "- button \"Pay\"\n- text: " + token);
        byte[] body = SourceBundle.write(List.of(), List.of(page));

        SourceBundle.Contents read = SourceBundle.readAll(body, REDACTOR);

        assertThat(read.sources()).isEmpty();
        SourceBundle.Snapshot got = read.snapshots().get(0);
        assertThat(got.content()).startsWith("- button \"Pay\"").doesNotContain(token);
        assertThat(got.file()).contains("e2e/checkout.spec.ts");
        ShippedSource kept = got.toShipped("web");
        assertThat(kept.file()).isEqualTo(ShippedSource.pageSnapshotFile(new dev.feedbackloop.model.TestCase(
                "checkout.spec.ts", "pays", java.util.Optional.of("e2e/checkout.spec.ts"), java.util.OptionalInt.empty(),
                List.of(), java.util.Map.of()).id("web")));
        assertThat(SourceBundle.read(body, REDACTOR)).as("an older reader sees the sources only").isEmpty();
    }

    @Test
    void pageSnapshotsOverTheLimits_orMalformed_areRefusedSayingWhere() {
        SourceBundle.Snapshot page = new SourceBundle.Snapshot("", "t", java.util.Optional.empty(), "p.md", "- a");
        List<SourceBundle.Snapshot> many = IntStream.rangeClosed(0, SourceBundle.MAX_SNAPSHOTS).mapToObj(i -> page)
                .toList();
        assertThatThrownBy(() -> SourceBundle.write(List.of(), many)).isInstanceOf(SourceBundle.TooLargeException.class)
                .hasMessage("51 page snapshots, more than the 50 accepted for a run");
        assertThatThrownBy(() -> new SourceBundle.Snapshot("", "t", java.util.Optional.empty(), "p.md",
                "x".repeat(SourceBundle.MAX_SNAPSHOT_CHARS + 1))).isInstanceOf(SourceBundle.TooLargeException.class);
        String long_ = "{\"sources\":[],\"snapshots\":[{\"name\":\"t\",\"path\":\"p\",\"content\":\""
                + "x".repeat(SourceBundle.MAX_SNAPSHOT_CHARS + 1) + "\"}]}";
        assertThatThrownBy(() -> SourceBundle.readAll(long_.getBytes(StandardCharsets.UTF_8), REDACTOR))
                .isInstanceOf(SourceBundle.TooLargeException.class).hasMessageStartingWith("$.snapshots[0]: ");
        assertThatThrownBy(() -> SourceBundle.readAll("{\"sources\":[],\"snapshots\":[{\"path\":\"p\"}]}"
                .getBytes(StandardCharsets.UTF_8), REDACTOR)).hasMessageStartingWith("$.snapshots[0]: name must be");
        assertThatThrownBy(() -> SourceBundle.readAll("{\"sources\":[],\"snapshots\":{}}"
                .getBytes(StandardCharsets.UTF_8), REDACTOR)).hasMessage("$.snapshots must be an array");
    }

    @Test
    void theSnapshotCapIsTheModelsCap() {
        assertThat(SourceBundle.MAX_SNAPSHOT_CHARS).isEqualTo(dev.feedbackloop.regenerate.PageContext.MAX_CHARS);
    }
}
