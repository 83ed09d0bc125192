package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.classify.Category;
import dev.feedbackloop.classify.Classification;
import dev.feedbackloop.classify.FailureAnalyzer;
import dev.feedbackloop.cli.FeedbackCli;
import dev.feedbackloop.model.Failure;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Throughput of classification: generates a realistic failure-message file (215,000 messages, about 80 MB, from
 * templates of many frameworks; see {@link FailureMessageGenerator}), then times the classifier in this JVM,
 * single-threaded and on all cores, and the whole {@code classify} command pipeline (JSON in and out).
 * The whole-process figure (JVM start included) is measured from the shell:
 * {@code time ./feedback classify --input /tmp/msgs.jsonl > /dev/null}.
 *
 * <p>Run: {@code ./bench.sh ClassifyBenchmark [--file /tmp/msgs.jsonl] [--count 215000] [--regenerate]}.
 * Heap: the default is plenty (the messages are held in memory once, about 200 MB).
 */
public final class ClassifyBenchmark {

    private static final int ROUNDS = 5;

    private ClassifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(option(args, "--file", "/tmp/msgs.jsonl"));
        int count = Integer.parseInt(option(args, "--count", "215000"));
        if (!Files.exists(file) || List.of(args).contains("--regenerate")) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                FailureMessageGenerator.write(out, count, 42);
            }
        }
        List<Labelled> messages = read(file);
        System.out.printf(Locale.ROOT, "input: %s, %d messages, %.1f MB%n", file, messages.size(),
                Files.size(file) / 1e6);
        FailureAnalyzer analyzer = FailureAnalyzer.standard();
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf(Locale.ROOT, "round %d: classify 1 thread %,9.0f msg/s | %d threads %,9.0f msg/s | "
                    + "command pipeline (JSON in/out) %,9.0f msg/s%n", round,
                    rate(messages.size(), () -> classifyAll(analyzer, messages, false)),
                    Runtime.getRuntime().availableProcessors(),
                    rate(messages.size(), () -> classifyAll(analyzer, messages, true)),
                    rate(messages.size(), () -> FeedbackCli.run("classify", "--input", file.toString(), "--output",
                            "/dev/null")));
        }
        System.out.printf(Locale.ROOT, "agreement with the generator's template labels: %.3f%n",
                agreement(analyzer, messages));
    }

    private record Labelled(Failure failure, Category label) {
    }

    private static int classifyAll(FailureAnalyzer analyzer, List<Labelled> messages, boolean parallel) {
        IntStream indexes = IntStream.range(0, messages.size());
        return (parallel ? indexes.parallel() : indexes)
                .map(i -> analyzer.classify(messages.get(i).failure()).category().ordinal())
                .sum();
    }

    private static double agreement(FailureAnalyzer analyzer, List<Labelled> messages) {
        long agree = messages.parallelStream()
                .filter(m -> analyzer.classify(m.failure()).category() == m.label())
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
