package dev.feedbackloop.report.dotnet;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Results that must wait for something later in the file (a TRX names each test's class only in the
 * {@code TestDefinitions} it writes after the {@code Results}). The first few megabytes of them wait in memory; past
 * that they go to a temporary file, so memory stays bounded whatever the size of the report. Not thread-safe.
 */
final class ResultSpool implements Closeable {

    /** Characters of text kept in memory before spilling to disk (about 8 MB of heap). */
    static final long MEMORY_CHARS = 4L * 1024 * 1024;

    private final long memoryChars;
    private final List<Pending> memory = new ArrayList<>();
    private long chars;
    private Path file;
    private DataOutputStream out;
    private int spilled;

    ResultSpool() {
        this(MEMORY_CHARS);
    }

    ResultSpool(long memoryChars) {
        this.memoryChars = memoryChars;
    }

    /** A result read before what it needs: the test's key, its reported name, and how it went. */
    record Pending(String key, String name, Attempt attempt) {
        long chars() {
            long total = key.length() + name.length() + attempt.stdout().length() + attempt.stderr().length();
            return total + attempt.failure().map(f -> f.message().length() + f.stackTrace().map(String::length)
                    .orElse(0)).orElse(0);
        }
    }

    void add(Pending pending) {
        try {
            if (out != null) {
                write(pending);
                return;
            }
            memory.add(pending);
            chars += pending.chars();
            if (chars > memoryChars) {
                spill();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool test results to " + file, e);
        }
    }

    /** Whether anything went to disk; for tests and figures. */
    boolean spilled() {
        return file != null;
    }

    /** Hands every waiting result over, in the order they were added, and empties the spool. */
    void drain(Consumer<Pending> consumer) {
        try {
            if (out != null) {
                out.close();
                out = null;
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                    for (int i = 0; i < spilled; i++) {
                        consumer.accept(read(in));
                    }
                }
                Files.deleteIfExists(file);
                file = null;
                spilled = 0;
            }
            memory.forEach(consumer);
            memory.clear();
            chars = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spooled test results from " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private void spill() throws IOException {
        file = Files.createTempFile("feedback-trx-", ".spool");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
        for (Pending pending : memory) {
            write(pending);
        }
        memory.clear();
        chars = 0;
    }

    private void write(Pending pending) throws IOException {
        Attempt attempt = pending.attempt();
        writeText(pending.key());
        writeText(pending.name());
        out.writeByte(attempt.status().ordinal());
        out.writeLong(attempt.durationMillis());
        Failure failure = attempt.failure().orElse(null);
        out.writeBoolean(failure != null);
        if (failure != null) {
            writeText(failure.message());
            writeText(failure.type().orElse(null));
            writeText(failure.stackTrace().orElse(null));
        }
        writeText(attempt.stdout());
        writeText(attempt.stderr());
        spilled++;
    }

    private static Pending read(DataInputStream in) throws IOException {
        String key = readText(in);
        String name = readText(in);
        AttemptStatus status = AttemptStatus.values()[in.readByte()];
        long duration = in.readLong();
        Optional<Failure> failure = Optional.empty();
        if (in.readBoolean()) {
            failure = Optional.of(new Failure(readText(in), Optional.ofNullable(readText(in)),
                    Optional.ofNullable(readText(in))));
        }
        Attempt attempt = new Attempt(0, status, duration, failure, readText(in), readText(in));
        return new Pending(key, name, attempt);
    }

    private void writeText(String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException("spool file ends early", e);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
