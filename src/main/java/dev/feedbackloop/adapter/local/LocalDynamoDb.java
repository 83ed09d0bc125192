package dev.feedbackloop.adapter.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB Local, the real DynamoDB engine, running inside this JVM on a free loopback port. In memory, or
 * persisted to SQLite files under a directory (the CLI keeps them under {@code .feedback/}).
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** Package of DynamoDB Local's background jobs (GSI creation, TTL deletion, stream shard rollover). */
    private static final String JOBS_PACKAGE = "com.amazonaws.services.dynamodbv2.local.shared.jobs.";
    /** Ports tried when the one found free is taken before DynamoDB Local binds it. */
    private static final int PORT_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final Duration startup;
    private final Set<Thread> threadsBefore;

    private LocalDynamoDb(DynamoDBProxyServer server, int port, Duration startup, Set<Thread> threadsBefore) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.startup = startup;
        this.threadsBefore = threadsBefore;
    }

    /** An in-memory engine: everything is gone when it closes. */
    public static LocalDynamoDb inMemory() {
        return start(Optional.empty());
    }

    /** An engine persisting its tables under {@code directory} (created if missing). */
    public static LocalDynamoDb persistent(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DynamoDB Local directory " + directory, e);
        }
        return start(Optional.of(directory));
    }

    private static LocalDynamoDb start(Optional<Path> directory) {
        long begin = System.nanoTime();
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        for (int attempt = 1; ; attempt++) {
            // DynamoDB Local takes a port number and cannot say which port it bound for 0: it gets one found free
            // just before. Another process may take that port in between (tests share the machine), and only then
            // is the start tried again, on another port.
            int port = FreePort.find();
            List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-sharedDb",
                    "-disableTelemetry"));
            if (directory.isPresent()) {
                args.addAll(List.of("-dbPath", directory.get().toAbsolutePath().toString()));
            } else {
                args.add("-inMemory");
            }
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                return new LocalDynamoDb(server, port, Duration.ofNanos(System.nanoTime() - begin), threadsBefore);
            } catch (Exception e) {
                if (attempt < PORT_ATTEMPTS && FreePort.takenMeanwhile(e)) {
                    continue;
                }
                throw new LocalEngineException("DynamoDB Local failed to start on port " + port
                        + directory.map(d -> " with data under " + d).orElse(" in memory"), e);
            }
        }
    }

    /** Where SDK clients reach it. */
    public URI endpoint() {
        return endpoint;
    }

    /** How long it took to start. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LocalEngineException("DynamoDB Local at " + endpoint + " failed to stop", e);
        }
        interruptSleepingJobs();
    }

    /**
     * Stopping cancels DynamoDB Local's background jobs, but a job asleep between two runs only notices after its
     * sleep, and its pool thread is not a daemon: the JVM (the CLI) would not exit for minutes. Waking the job
     * threads this engine started ends them at once.
     */
    private void interruptSleepingJobs() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (!threadsBefore.contains(thread) && Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().startsWith(JOBS_PACKAGE))) {
                thread.interrupt();
            }
        });
    }
}
