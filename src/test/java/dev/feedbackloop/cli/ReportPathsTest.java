package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, directories and globs on the command line, as CI leaves reports: many TEST-*.xml in a build tree. */
class ReportPathsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void buildTree() throws IOException {
        Path results = Files.createDirectories(dir.resolve("build/test-results/test"));
        Files.writeString(results.resolve("TEST-b.Checkout.xml"), "<testsuite/>");
        Files.writeString(results.resolve("TEST-a.Login.xml"), "<testsuite/>");
        Files.writeString(results.resolve("output.bin"), "binary");
        Path e2e = Files.createDirectories(dir.resolve("build/e2e"));
        Files.writeString(e2e.resolve("results.json.gz"), "gz");
    }

    @Test
    void aDirectoryIsTheReportFilesInItsTree_sorted() throws IOException {
        List<Path> files = ReportPaths.expand(List.of(dir.resolve("build").toString()));

        assertThat(files).containsExactly(dir.resolve("build/e2e/results.json.gz"),
                dir.resolve("build/test-results/test/TEST-a.Login.xml"),
                dir.resolve("build/test-results/test/TEST-b.Checkout.xml"));
    }

    @Test
    void aGlobIsTheFilesItMatches() throws IOException {
        List<Path> files = ReportPaths.expand(List.of(dir + "/build/**/TEST-*.xml"));

        assertThat(files).containsExactly(dir.resolve("build/test-results/test/TEST-a.Login.xml"),
                dir.resolve("build/test-results/test/TEST-b.Checkout.xml"));
    }

    @Test
    void filesStayAsGiven_evenMissingOnes_whoseReaderNamesThem() throws IOException {
        Path missing = dir.resolve("missing.xml");

        assertThat(ReportPaths.expand(List.of(missing.toString(), dir.resolve("build/e2e").toString())))
                .containsExactly(missing, dir.resolve("build/e2e/results.json.gz"));
    }

    @Test
    void aGlobOrDirectoryWithNothingInIt_isAnErrorNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> ReportPaths.expand(List.of(dir + "/build/**/*.trx")))
                .isInstanceOf(FileNotFoundException.class).hasMessage(dir + "/build/**/*.trx: no file matches");
        assertThatThrownBy(() -> ReportPaths.expand(List.of(empty.toString())))
                .isInstanceOf(FileNotFoundException.class).hasMessageStartingWith(empty + ": a directory with no "
                        + "report files");
    }

    @Test
    void aProjectKeyFromADirectoryName() {
        assertThat(AnalyzeCommand.projectKeyOf(Path.of("shop-api"))).isEqualTo("shop-api");
        assertThat(AnalyzeCommand.projectKeyOf(Path.of("My Shop (old)"))).isEqualTo("My-Shop-old");
        assertThat(AnalyzeCommand.projectKeyOf(null)).isEqualTo("local");
        assertThat(AnalyzeCommand.projectKeyOf(Path.of("ünï"))).isEqualTo("n");
        assertThat(AnalyzeCommand.projectKeyOf(Path.of("ü"))).isEqualTo("local");
    }
}
