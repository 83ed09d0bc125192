package dev.feedbackloop.testing;

import dev.feedbackloop.adapter.local.DataDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM holding a data directory, as a second {@code feedback} process would: it holds the directory until its
 * standard input closes. File locks are per process, so only another process shows what a user sees.
 */
public final class OtherProcess implements AutoCloseable {

    private static final String HELD = "held";

    private final Process process;

    private OtherProcess(Process process) {
        this.process = process;
    }

    /** Starts a JVM that holds {@code directory}, and returns once it does. */
    public static OtherProcess holding(Path directory) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OtherProcess.class.getName(), directory.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!HELD.equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the other process did not hold " + directory + ": " + line);
        }
        return new OtherProcess(process);
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the other process (closing its input) and waits for it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        try (DataDirectory held = DataDirectory.hold(Path.of(args[0]))) {
            System.out.println(HELD);
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our input
            }
        }
    }
}
