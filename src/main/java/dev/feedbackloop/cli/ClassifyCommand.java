package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code feedback classify}: classifies failure messages from a JSON Lines file, one output line per input line,
 * in input order.
 *
 * <p>The main thread reads the input in chunks cut at line ends and writes finished chunks in order; worker threads
 * parse, classify and serialise whole chunks, so JSON work runs in parallel too.
 */
@Command(name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies failure messages by root cause.",
            "Input: JSON Lines, each {\"id\", \"message\"} with optional \"type\", \"stack\", \"framework\".",
            "Output: one JSON line per input line, in input order: {\"id\", \"category\", \"confidence\", "
                    + "\"failureType\", \"severity\", \"autoFixable\", \"assertionMethod\", \"fingerprint\", "
                    + "\"evidence\"}. Blank lines are skipped.",
            "A line that is not valid input gets {\"line\", \"id\"?, \"error\"} in its place and the others are still "
                    + "classified; the command then ends with status 2 and names the first bad line on stderr."
        })
final class ClassifyCommand implements Callable<Integer> {

    /** Bytes per chunk: large enough to amortise hand-offs, small enough to keep every core busy to the end. */
    private static final int CHUNK = 256 * 1024;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines file, or - for stdin")
    String input;

    @Option(names = "--output", paramLabel = "FILE", description = "write here instead of stdout (replaced only "
            + "when complete)")
    Path output;

    @Option(names = "--rules", paramLabel = "FILE", description = "custom rules (JSON); they take precedence")
    Path rules;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException, InterruptedException {
        FailureClassifier classifier = CliFiles.classifier(rules);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        BadLines bad = new BadLines();
        try (InputStream in = CliFiles.open(input);
             CliFiles.Sink sink = CliFiles.sink(output)) {
            run(classifier, in, sink.stream(), bad);
            sink.commit();
        }
        if (bad.count() > 0) {
            System.err.println("feedback: " + bad.count() + " line(s) of " + input + " were not valid input and got an"
                    + " \"error\" object instead of a classification; first: " + bad.first());
            return 2;
        }
        return 0;
    }

    private void run(FailureClassifier classifier, InputStream in, OutputStream out, BadLines bad)
            throws IOException, InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "classify-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            ClassifyOutputCache memo = new ClassifyOutputCache(classifier);
            ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
            ChunkReader reader = new ChunkReader(in, CHUNK);
            for (ChunkReader.Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                ChunkReader.Chunk c = chunk;
                pending.add(workers.submit(() -> classifyChunk(memo, c, bad)));
                while (pending.size() > threads * 2) {
                    out.write(result(pending.poll()));
                }
            }
            while (!pending.isEmpty()) {
                out.write(result(pending.poll()));
            }
            out.flush();
        } finally {
            workers.shutdownNow();
        }
    }

    private static byte[] classifyChunk(ClassifyOutputCache lines, ChunkReader.Chunk chunk, BadLines bad)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(chunk.length() * 3 / 2);
        long lineNumber = chunk.firstLine();
        byte[] data = chunk.data();
        int start = 0;
        while (start < chunk.length()) {
            int end = indexOf(data, (byte) '\n', start, chunk.length());
            if (!isBlank(data, start, end)) {
                try {
                    lines.write(data, start, end, buffer);
                } catch (BadLine e) {
                    bad.add(lineNumber, e.getMessage());
                    try (JsonGenerator g = FailureJsonLines.JSON.createGenerator(buffer)) {
                        FailureJsonLines.writeError(g, lineNumber, e);
                    }
                }
                buffer.write('\n');
            }
            start = end + 1;
            lineNumber++;
        }
        return buffer.toByteArray();
    }

    private static byte[] result(Future<byte[]> future) throws InterruptedException, IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("classification failed: " + e.getCause(), e.getCause());
        }
    }

    static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static boolean isBlank(byte[] data, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Counts bad lines from all workers and remembers the first one by line number. */
    private static final class BadLines {
        private long count;
        private long firstLine = Long.MAX_VALUE;
        private String first = "";

        synchronized void add(long line, String message) {
            count++;
            if (line < firstLine) {
                firstLine = line;
                first = "line " + line + ": " + message;
            }
        }

        synchronized long count() {
            return count;
        }

        synchronized String first() {
            return first;
        }
    }

    /** Reads an input stream in chunks that end at a line end, numbering lines. */
    static final class ChunkReader {
        record Chunk(byte[] data, int length, long firstLine) {
        }

        private final InputStream in;
        private final int size;
        private byte[] carry = new byte[0];
        private long nextLine = 1;
        private boolean eof;

        ChunkReader(InputStream in, int size) {
            this.in = in;
            this.size = size;
        }

        /** The next chunk of whole lines (the last may lack its line end), or null at the end of input. */
        Chunk next() throws IOException {
            while (true) {
                byte[] buffer = Arrays.copyOf(carry, carry.length + size);
                int filled = carry.length;
                while (!eof && filled < buffer.length) {
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        eof = true;
                    } else {
                        filled += n;
                    }
                }
                if (filled == 0) {
                    return null;
                }
                int cut = lastLineEnd(buffer, filled);
                if (cut < 0 && !eof) {
                    carry = Arrays.copyOf(buffer, filled); // one line longer than the chunk: read on
                    continue;
                }
                int length = cut < 0 ? filled : cut + 1;
                carry = Arrays.copyOfRange(buffer, length, filled);
                Chunk chunk = new Chunk(buffer, length, nextLine);
                nextLine += countLines(buffer, length);
                return chunk;
            }
        }

        private static int lastLineEnd(byte[] buffer, int filled) {
            for (int i = filled - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static long countLines(byte[] buffer, int length) {
            long lines = 0;
            for (int i = 0; i < length; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            return buffer[length - 1] == '\n' ? lines : lines + 1;
        }
    }
}
