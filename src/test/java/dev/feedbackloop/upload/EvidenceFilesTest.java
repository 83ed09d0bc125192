package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence files are read only inside their folders: no '..', no link out, each refusal saying why. */
class EvidenceFilesTest {

    @TempDir
    Path dir;
    private Path reports;
    private Path checkout;
    private EvidenceFiles files;

    @BeforeEach
    void folders() throws IOException {
        dir = dir.toRealPath();
        reports = Files.createDirectories(dir.resolve("reports"));
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(reports.resolve("test-results/a"));
        Files.writeString(reports.resolve("test-results/a/error-context.md"), "page");
        Files.createDirectories(checkout.resolve("e2e"));
        Files.writeString(checkout.resolve("e2e/shot.png"), "png");
        Files.writeString(dir.resolve("secret.md"), "outside");
        files = new EvidenceFiles(List.of(reports, checkout, dir.resolve("absent")));
    }

    @Test
    void aRelativePathIsFoundUnderTheFirstFolderThatHasIt() throws IOException {
        EvidenceFiles.Found found = (EvidenceFiles.Found) files.locate("e2e/shot.png");

        assertThat(found.file()).isEqualTo(checkout.toRealPath().resolve("e2e/shot.png"));
        assertThat(found.relative()).isEqualTo("e2e/shot.png");
        assertThat(found.bytes()).isEqualTo(3);
        assertThat(files.roots()).as("a folder that does not exist is left out").hasSize(2);
    }

    @Test
    void aCiMachinesAbsolutePathIsFoundByItsTail_neverAtItsOwnLocation() {
        assertThat(files.locate("/home/runner/work/shop/shop/test-results/a/error-context.md"))
                .isInstanceOfSatisfying(EvidenceFiles.Found.class,
                        f -> assertThat(f.relative()).isEqualTo("test-results/a/error-context.md"));
        assertThat(files.locate("C:\\runner\\work\\test-results\\a\\error-context.md"))
                .isInstanceOf(EvidenceFiles.Found.class);
        assertThat(files.locate(dir.resolve("secret.md").toString()))
                .isInstanceOfSatisfying(EvidenceFiles.Refused.class,
                        r -> assertThat(r.reason()).endsWith("secret.md: not found under " + reports + ", "
                                + checkout));
    }

    @Test
    void aPathWithDotDotIsRefused_evenWhenItWouldLandInside() {
        assertThat(files.locate("../secret.md")).isEqualTo(new EvidenceFiles.Refused("../secret.md: a path with"
                + " '..' is refused (evidence is read only inside " + reports + ", " + checkout + ")"));
        assertThat(files.locate("test-results/../test-results/a/error-context.md"))
                .isInstanceOf(EvidenceFiles.Refused.class);
        assertThat(files.locate("..\\secret.md")).isInstanceOf(EvidenceFiles.Refused.class);
    }

    @Test
    void aSymbolicLinkOutIsRefused_andOneInsideIsFollowed() throws IOException {
        Files.createSymbolicLink(reports.resolve("test-results/out.md"), dir.resolve("secret.md"));
        Files.createSymbolicLink(reports.resolve("test-results/in.md"), reports.resolve("test-results/a/error-context.md"));
        Files.createSymbolicLink(checkout.resolve("linked"), dir);

        assertThat(files.locate("test-results/out.md")).isEqualTo(new EvidenceFiles.Refused("test-results/out.md: a"
                + " symbolic link out of " + reports + " (to " + dir.resolve("secret.md") + ") is refused"));
        assertThat(files.locate("linked/secret.md")).isInstanceOf(EvidenceFiles.Refused.class);
        assertThat(files.locate("test-results/in.md")).isInstanceOfSatisfying(EvidenceFiles.Found.class,
                f -> assertThat(f.relative()).isEqualTo("test-results/a/error-context.md"));
    }

    @Test
    void blankNulAndFoldersAreRefused() {
        assertThat(files.locate("")).isInstanceOf(EvidenceFiles.Refused.class);
        assertThat(files.locate("a\0b")).isInstanceOf(EvidenceFiles.Refused.class);
        assertThat(files.locate("test-results/a")).isEqualTo(new EvidenceFiles.Refused(
                "test-results/a: not a regular file"));
    }
}
