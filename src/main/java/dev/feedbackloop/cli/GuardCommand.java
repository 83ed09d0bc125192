package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.guard.FixGuard;
import dev.feedbackloop.guard.GuardVerdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedback guard}: judges proposed rewrites of failing tests with the fix guard, one JSON line out per line
 * in; with {@code --evaluate}, scores the guard on labelled lines instead.
 */
@Command(name = "guard",
        mixinStandardHelpOptions = true,
        description = {
            "Checks proposed fixes of failing tests: rejects rewrites that make a test pass without fixing it.",
            "Input: JSON Lines, each {\"id\", \"framework\", \"file\", \"test\", \"category\", \"failure\", "
                    + "\"original\", \"proposed\"} with optional \"proposedFile\" and \"snapshot\" (the page's ARIA "
                    + "snapshot); framework is one of playwright-ts, playwright-js, pytest-playwright, cypress, "
                    + "webdriverio, selenium-java, jest-supertest. Other fields are ignored.",
            "Output: one JSON line per input line, in order: {\"id\", \"verdict\": \"accept\"|\"reject\", "
                    + "\"findings\": [{\"rule\", \"severity\", \"message\", \"line\"}]}. A bad line gets "
                    + "{\"line\", \"id\"?, \"error\"} instead; the command then ends with status 2 and names the first "
                    + "bad line on stderr.",
            "With --evaluate the lines must carry \"expected\" (accept|reject), \"rules\" and \"hard\", and a score "
                    + "is printed instead: bad fixes rejected (all, non-hard), good fixes rejected, required rules "
                    + "that fired, and each miss."
        })
final class GuardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines file, or - for stdin")
    String input;

    @Option(names = "--output", paramLabel = "FILE", description = "write verdicts here instead of stdout "
            + "(replaced only when complete)")
    Path output;

    @Option(names = "--evaluate", description = "score the guard on labelled lines (expected, rules, hard)")
    boolean evaluate;

    @Override
    public Integer call() throws IOException {
        if (evaluate) {
            return evaluate();
        }
        long badLines = 0;
        String firstBad = null;
        try (InputStream in = CliFiles.open(input);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             CliFiles.Sink sink = CliFiles.sink(output)) {
            Writer out = output == null ? spec.commandLine().getOut()
                    : new OutputStreamWriter(sink.stream(), StandardCharsets.UTF_8);
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try (JsonGenerator g = GuardLines.JSON.getFactory().createGenerator(out)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                    try {
                        GuardLines.Line line = GuardLines.parse(text);
                        GuardLines.write(g, line.id(), FixGuard.check(line.fix()));
                    } catch (BadLine e) {
                        badLines++;
                        firstBad = firstBad == null ? "line " + number + ": " + e.getMessage() : firstBad;
                        GuardLines.writeError(g, number, e);
                    }
                }
                out.write('\n');
            }
            out.flush();
            sink.commit();
        }
        if (badLines > 0) {
            spec.commandLine().getErr().println("feedback: " + badLines + " line(s) of " + input + " were not valid "
                    + "guard input and got an \"error\" object instead of a verdict; first: " + firstBad);
            return 2;
        }
        return 0;
    }

    private int evaluate() throws IOException {
        List<GuardEvaluation.Case> cases = new ArrayList<>();
        try (InputStream in = CliFiles.open(input);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (!text.isBlank()) {
                    cases.add(labelled(text, number));
                }
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(input + ": no labelled fixes to evaluate");
        }
        PrintWriter out = spec.commandLine().getOut();
        new GuardEvaluation(cases).print(out, input);
        out.flush();
        return 0;
    }

    private GuardEvaluation.Case labelled(String text, long number) {
        GuardLines.Line line;
        try {
            line = GuardLines.parse(text);
        } catch (BadLine e) {
            throw new IllegalArgumentException(input + " line " + number + e.id().map(id -> " ('" + id + "')")
                    .orElse("") + ": " + e.getMessage());
        }
        GuardLines.Label label = line.label().orElseThrow(() -> new IllegalArgumentException(input + " line "
                + number + " ('" + line.id() + "'): missing \"expected\" (accept or reject)"));
        GuardVerdict verdict = FixGuard.check(line.fix());
        return new GuardEvaluation.Case(line.id(), label, verdict);
    }
}
