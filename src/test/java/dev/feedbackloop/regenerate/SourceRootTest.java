package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootTest {

    @TempDir
    Path dir;
    Path root;
    SourceRoot sources;

    @BeforeEach
    void checkout() throws IOException {
        root = Files.createDirectories(dir.resolve("shop"));
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("tests/checkout.spec.ts"), "const password = 'hunter2secret';\n");
        Files.writeString(dir.resolve("outside.spec.ts"), "outside the root\n");
        sources = new SourceRoot(root, Redactor.standard());
    }

    @Test
    void readsARelativePath_redacted() {
        TestSource source = sources.find("tests/checkout.spec.ts").orElseThrow();

        assertThat(source.path()).isEqualTo("tests/checkout.spec.ts");
        assertThat(source.content()).doesNotContain("hunter2secret").contains("[REDACTED:");
        assertThat(source.sha256()).hasSize(64);
    }

    @Test
    void findsACiMachinesAbsolutePathByItsTail() {
        assertThat(sources.find("/home/runner/work/shop/shop/tests/checkout.spec.ts"))
                .map(TestSource::path).contains("tests/checkout.spec.ts");
        assertThat(sources.find("C:\\a\\shop\\tests\\checkout.spec.ts")).isPresent();
    }

    @Test
    void neverLeavesTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("tests/link.spec.ts"), dir.resolve("outside.spec.ts"));

        assertThat(sources.find("../outside.spec.ts")).isEmpty();
        assertThat(sources.find("tests/../../outside.spec.ts")).isEmpty();
        assertThat(sources.find("tests/link.spec.ts")).isEmpty();
        assertThat(sources.find("/outside.spec.ts")).isEmpty();
        assertThat(sources.find("tests\u0000/checkout.spec.ts")).isEmpty();
    }

    @Test
    void skipsFilesTooLargeOrNotText() throws IOException {
        Files.writeString(root.resolve("tests/huge.spec.ts"), "x".repeat(TestSource.MAX_CHARS + 1));
        Files.write(root.resolve("tests/binary.spec.ts"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        assertThat(sources.find("tests/huge.spec.ts")).isEmpty();
        assertThat(sources.find("tests/binary.spec.ts")).isEmpty();
        assertThat(sources.find("tests/missing.spec.ts")).isEmpty();
    }

    @Test
    void aRootThatIsNotADirectoryIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SourceRoot(file, Redactor.standard())).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> new SourceRoot(dir.resolve("nope"), Redactor.standard()))
                .hasMessageContaining("does not exist");
    }
}
