package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./feedback} launcher, end to end: one JVM start, no build. */
class FeedbackLauncherTest {

    @TempDir
    Path dir;

    @Test
    void theLauncherParsesReportsAndExitsTwoOnABadOne() throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("target/cli.classpath")), "target/cli.classpath is written by the build");
        // This build compiled target/classes from the current sources: tell the launcher, so it does not start a
        // nested Maven build. The stamp gets the time of the newest source, not the present: a jar (and class-data
        // archive) the launcher made from these sources before stays in use instead of being made again.
        Path stamp = Path.of("target/.feedback-cli-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(newestSource().toMillis() + 1000));
        Path good = Files.writeString(dir.resolve("good.xml"),
                "<testsuite name=\"S\"><testcase name=\"t\"><failure message=\"no\"/></testcase></testsuite>");
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<testsuite><testcase name=\"t\">");

        Process process = new ProcessBuilder("bash", "feedback", "parse", "--json", good.toString(), bad.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        // A stall guard, not a speed check: the first start after a build also makes the class-data archive (two
        // more JVM runs), which takes minutes on a loaded machine.
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out.lines()).singleElement().asString()
                .startsWith("{\"file\":\"" + good + "\",\"format\":\"junit-xml\",\"summary\":{\"tests\":1,");
        assertThat(err).contains("feedback: " + bad + ": line 1, column 31: unexpected end of file");
    }

    /** The modification time of the newest file the launcher checks for changes: {@code src/main} and the POM. */
    private static FileTime newestSource() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main")), Stream.of(Path.of("pom.xml")))) {
            return files.filter(Files::isRegularFile).map(FeedbackLauncherTest::modified)
                    .max(FileTime::compareTo).orElseThrow();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
