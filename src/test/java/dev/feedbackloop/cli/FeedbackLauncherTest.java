package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./feedback} launcher, end to end: one JVM start, no build. */
class FeedbackLauncherTest {

    @TempDir
    Path dir;

    @Test
    void theLauncherParsesReportsAndExitsTwoOnABadOne() throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("target/cli.classpath")), "target/cli.classpath is written by the build");
        // This build compiled target/classes from the current sources just now: tell the launcher, so it does not
        // start a nested Maven build.
        Path stamp = Path.of("target/.feedback-cli-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        Path good = Files.writeString(dir.resolve("good.xml"),
                "<testsuite name=\"S\"><testcase name=\"t\"><failure message=\"no\"/></testcase></testsuite>");
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<testsuite><testcase name=\"t\">");

        Process process = new ProcessBuilder("bash", "feedback", "parse", "--json", good.toString(), bad.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out.lines()).singleElement().asString()
                .startsWith("{\"file\":\"" + good + "\",\"format\":\"junit-xml\",\"summary\":{\"tests\":1,");
        assertThat(err).contains("feedback: " + bad + ": line 1, column 31: unexpected end of file");
    }
}
