package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.cli.FeedbackCli;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Throughput of {@code feedback classify} as a whole process (JVM start, JSON in and out included), against the
 * seed's reference classifier in Node on the same input, as the classification issue asks.
 *
 * <p>Two inputs of 215,000 lines (about 80 MB) are written:
 * <ul>
 *   <li>{@code real.jsonl}: the real failure messages of the shared corpus's development set
 *       ({@code ../shared/corpus/failure-messages.dev.jsonl}, read in place) cycled to the count, every line with
 *       its own id and the input fields ({@code framework}, {@code message}, {@code label}; the labeller's
 *       {@code source} and {@code note} left out). This is the kind of file the issue measures the reference on
 *       ("215k real messages, 80 MB"): real failures, which repeat in CI as they do here.</li>
 *   <li>{@code distinct.jsonl}: messages generated from templates of many frameworks with random selectors, URLs,
 *       numbers and stack frames ({@link FailureMessageGenerator}), about 86 % of them distinct: the worst case,
 *       where no failure is seen twice.</li>
 * </ul>
 *
 * <p>For each, the median wall time of {@code --runs} runs of {@code ./feedback classify --input FILE > /dev/null}
 * and, when {@code node} is on the PATH and the seed is beside the project, of the reference: the seed's
 * {@code FAILURE_PATTERNS} and {@code classifyFailure}, taken from {@code ../shared/seeds/reference-feedbackLoop.js.txt}
 * at run time (not copied into this repository), wrapped in a reader of the same JSON Lines that writes
 * {@code {"id","category"}} per line. {@code --in-process} adds the classifier's steady-state rates in this JVM
 * (after warm-up, one thread and all cores), which bound what any start-up work could gain.
 *
 * <p>Run: {@code ./bench.sh ClassifyBenchmark [--count 215000] [--runs 3] [--dir /tmp/feedback-classify-bench]
 * [--in-process]}. The machine should be quiet: the figures are wall times on shared cores.
 */
public final class ClassifyBenchmark {

    private static final Path DEV_SET = Path.of("../shared/corpus/failure-messages.dev.jsonl");
    private static final Path SEED = Path.of("../shared/seeds/reference-feedbackLoop.js.txt");
    private static final int IN_PROCESS_ROUNDS = 5;

    private ClassifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(option(args, "--count", "215000"));
        int runs = Integer.parseInt(option(args, "--runs", "3"));
        Path dir = Files.createDirectories(Path.of(option(args, "--dir", "/tmp/feedback-classify-bench")));
        Path reference = referenceScript(dir);
        warmLauncher(dir);

        List<Path> inputs = new ArrayList<>();
        if (Files.exists(DEV_SET)) {
            inputs.add(writeReal(dir.resolve("real.jsonl"), count));
        } else {
            System.out.println("real messages: skipped (no " + DEV_SET + ")");
        }
        Path distinct = dir.resolve("distinct.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(distinct), 1 << 16)) {
            FailureMessageGenerator.write(out, count, 42);
        }
        inputs.add(distinct);

        for (Path input : inputs) {
            Shape shape = shape(input);
            System.out.printf(Locale.ROOT, "%n%s: %,d messages, %.1f MB, %,d distinct failures (%.1f %%)%n", input,
                    shape.lines(), Files.size(input) / 1e6, shape.distinct(), 100.0 * shape.distinct() / shape.lines());
            double ours = median(runs, () -> time(List.of("./feedback", "classify", "--input", input.toString())));
            System.out.printf(Locale.ROOT, "  feedback classify (whole process): %6.2f s  %,9.0f msg/s%n", ours,
                    shape.lines() / ours);
            if (reference != null) {
                double theirs = median(runs, () -> time(List.of("node", reference.toString(), input.toString())));
                System.out.printf(Locale.ROOT, "  reference classifier (node):       %6.2f s  %,9.0f msg/s%n", theirs,
                        shape.lines() / theirs);
                System.out.printf(Locale.ROOT, "  feedback classify / reference:     %6.2f x%n", theirs / ours);
            }
        }
        if (List.of(args).contains("--in-process")) {
            inProcess(distinct);
        }
    }

    /** The dev set's lines cycled to {@code count}, each with its own id, without the labeller's notes. */
    private static Path writeReal(Path file, int count) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(DEV_SET, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add((ObjectNode) json.readTree(line));
            }
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                ObjectNode line = lines.get(i % lines.size()).deepCopy();
                line.put("id", line.path("id").asText() + "-" + i / lines.size());
                line.remove(List.of("source", "note", "ambiguous"));
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
        }
        return file;
    }

    private record Shape(int lines, int distinct) {
    }

    /** Lines, and distinct failures among them (by message, type and stack). */
    private static Shape shape(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<List<String>> failures = new HashSet<>();
        int lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = json.readTree(line);
                failures.add(Arrays.asList(node.path("message").asText(), node.path("type").asText(null),
                        node.path("stack").asText(null)));
                lines++;
            }
        }
        return new Shape(lines, failures.size());
    }

    /**
     * Writes the reference script: the seed's patterns and {@code classifyFailure}, read from the seed now, and a
     * JSON Lines reader and writer around them. Null (and says why) when node or the seed is missing.
     */
    private static Path referenceScript(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(SEED)) {
            System.out.println("reference: skipped (no " + SEED + ")");
            return null;
        }
        if (!available("node", "--version")) {
            System.out.println("reference: skipped (node is not on the PATH)");
            return null;
        }
        String seed = Files.readString(SEED);
        int start = seed.indexOf("const FAILURE_PATTERNS");
        int function = seed.indexOf("export function classifyFailure", start);
        int end = function < 0 ? -1 : seed.indexOf("\n}\n", function);
        if (start < 0 || end < 0) {
            throw new IllegalStateException(SEED + " no longer has FAILURE_PATTERNS and classifyFailure in the "
                    + "expected shape; update ClassifyBenchmark.referenceScript");
        }
        String classifier = seed.substring(start, end + 3).replace("export function", "function");
        Path script = dir.resolve("reference-classify.mjs");
        Files.writeString(script, classifier + """

                // Whole-process harness: JSON Lines in, one {"id","category"} line out per input line.
                import('node:fs').then(fs => {
                  const text = fs.readFileSync(process.argv[2], 'utf8');
                  const out = [];
                  const flush = () => { process.stdout.write(out.join('')); out.length = 0; };
                  let start = 0;
                  while (start < text.length) {
                    let end = text.indexOf('\\n', start);
                    if (end < 0) end = text.length;
                    const line = text.slice(start, end);
                    start = end + 1;
                    if (!line.trim()) continue;
                    const o = JSON.parse(line);
                    out.push(JSON.stringify({ id: o.id, category: classifyFailure(o.message) }) + '\\n');
                    if (out.length >= 4096) flush();
                  }
                  flush();
                });
                """);
        return script;
    }

    /** Builds the CLI and its class-data archive now, so that no timed run pays for them. */
    private static void warmLauncher(Path dir) throws IOException, InterruptedException {
        Path one = dir.resolve("one.jsonl");
        Files.writeString(one, "{\"id\":\"1\",\"message\":\"Error: Timeout 5000ms exceeded.\"}\n");
        time(List.of("./feedback", "classify", "--input", one.toString()));
    }

    private static boolean available(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Wall seconds of one run of {@code command}, its output discarded; fails when the command fails. */
    private static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " ended with status " + status);
        }
        return seconds;
    }

    private interface Timed {
        double seconds() throws IOException, InterruptedException;
    }

    private static double median(int runs, Timed timed) throws IOException, InterruptedException {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            seconds[i] = timed.seconds();
        }
        Arrays.sort(seconds);
        return runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
    }

    /** Steady-state rates in this JVM: the classifier alone, then the command's pipeline without JVM start. */
    private static void inProcess(Path file) throws IOException {
        List<Labelled> messages = read(file);
        System.out.printf(Locale.ROOT, "%nin process, %s (rates after the first round are warm):%n", file);
        FailureClassifier classifier = FailureClassifier.standard();
        for (int round = 1; round <= IN_PROCESS_ROUNDS; round++) {
            System.out.printf(Locale.ROOT, "  round %d: classify 1 thread %,9.0f msg/s | %d threads %,9.0f msg/s | "
                    + "command pipeline (JSON in/out) %,9.0f msg/s%n", round,
                    rate(messages.size(), () -> classifyAll(classifier, messages, false)),
                    Runtime.getRuntime().availableProcessors(),
                    rate(messages.size(), () -> classifyAll(classifier, messages, true)),
                    rate(messages.size(), () -> FeedbackCli.run("classify", "--input", file.toString(), "--output",
                            "/dev/null")));
        }
        System.out.printf(Locale.ROOT, "  agreement with the generator's template labels: %.3f%n",
                agreement(classifier, messages));
    }

    private record Labelled(Failure failure, Category label) {
    }

    private static int classifyAll(FailureClassifier classifier, List<Labelled> messages, boolean parallel) {
        IntStream indexes = IntStream.range(0, messages.size());
        return (parallel ? indexes.parallel() : indexes)
                .map(i -> classifier.classify(messages.get(i).failure()).classification().category().ordinal())
                .sum();
    }

    private static double agreement(FailureClassifier classifier, List<Labelled> messages) {
        long agree = messages.parallelStream()
                .filter(m -> classifier.classify(m.failure()).classification().category() == m.label())
                .count();
        return (double) agree / messages.size();
    }

    private static double rate(int messages, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Labelled> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Labelled> messages = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = json.readTree(line);
                Failure failure = Failure.of(node.path("message").asText(), null,
                        node.hasNonNull("stack") ? node.get("stack").asText() : null);
                messages.add(new Labelled(failure, Category.valueOf(node.path("label").asText("UNKNOWN"))));
            }
        }
        return messages;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
