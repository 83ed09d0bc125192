package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.Evaluation;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.text.Plural;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedback evaluate}: classifies labelled failure messages and reports accuracy, macro-F1 and per-category
 * precision, recall and F1, with the misclassified ids. Any bad line stops it (status 2): a score over part of the
 * labels would mislead.
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the classifier on labelled failure messages.",
            "Input: JSON Lines, each {\"id\", \"message\", \"label\"} with optional \"type\", \"stack\", "
                    + "\"ambiguous\" (e.g. ../shared/corpus/failure-messages.dev.jsonl)."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "labelled JSON Lines, or -")
    String input;

    @Option(names = "--rules", paramLabel = "FILE", description = "custom rules (JSON); they take precedence")
    Path rules;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    /** One scored message with what decided it. */
    private record Scored(Evaluation.Sample sample, Classification classification) {
    }

    @Override
    public Integer call() throws IOException {
        FailureClassifier classifier = CliFiles.classifier(rules);
        List<Scored> strictlyScored = read(classifier);
        Evaluation strict = new Evaluation(strictlyScored.stream().map(Scored::sample).toList());
        Evaluation evaluation = strict.inTaxonomyOfLabels();
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < strictlyScored.size(); i++) {
            scored.add(new Scored(evaluation.samples().get(i), strictlyScored.get(i).classification()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, evaluation, strict, scored);
        } else {
            printText(out, evaluation, strict, scored);
        }
        out.flush();
        return 0;
    }

    private List<Scored> read(FailureClassifier classifier) throws IOException {
        List<Scored> scored = new ArrayList<>();
        try (InputStream in = CliFiles.open(input);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                FailureJsonLines.Line line = parse(text, number);
                Category label = label(line, number);
                Classification c = classifier.classify(Redactor.standard().redact(line.failure())).classification();
                scored.add(new Scored(new Evaluation.Sample(line.id(), label, c.category(), line.ambiguous()), c));
            }
        }
        if (scored.isEmpty()) {
            throw new IllegalArgumentException(input + ": no labelled messages to evaluate");
        }
        return scored;
    }

    private FailureJsonLines.Line parse(String text, long number) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return FailureJsonLines.parse(bytes, 0, bytes.length);
        } catch (FailureJsonLines.BadLine e) {
            throw new IllegalArgumentException(input + " line " + number + ": " + e.getMessage());
        }
    }

    private Category label(FailureJsonLines.Line line, long number) {
        String label = line.label().orElseThrow(() -> new IllegalArgumentException(
                input + " line " + number + " ('" + line.id() + "'): missing \"label\""));
        try {
            return Category.valueOf(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input + " line " + number + " ('" + line.id() + "'): unknown label '"
                    + label + "'", e);
        }
    }

    private static void printText(PrintWriter out, Evaluation e, Evaluation strict, List<Scored> scored) {
        int correct = e.samples().size() - e.misclassified().size();
        long unambiguous = e.samples().stream().filter(s -> !s.ambiguous()).count();
        out.printf(Locale.ROOT, "accuracy   %.3f  (%d/%d; %.3f on the %d not marked ambiguous)%n", e.accuracy(),
                correct, e.samples().size(), e.accuracyUnambiguous(), unambiguous);
        int relabelled = e.predictionsChangedFrom(strict);
        if (relabelled > 0) {
            out.printf(Locale.ROOT, "           %s of categories these labels never use (%s) scored as the category "
                    + "they refine; strict accuracy %.3f%n", Plural.of(relabelled, "prediction"),
                    relabelledCategories(e, strict), strict.accuracy());
        }
        out.printf(Locale.ROOT, "macro-F1   %.3f  (mean over the %d categories labelled or predicted)%n%n",
                e.macroF1(), e.perCategory().size());
        out.printf(Locale.ROOT, "%-20s %8s %10s %10s %8s %7s%n", "category", "support", "predicted", "precision",
                "recall", "F1");
        for (Evaluation.CategoryScore s : e.perCategory()) {
            out.printf(Locale.ROOT, "%-20s %8d %10d %10.3f %8.3f %7.3f%n", s.category(), s.support(), s.predicted(),
                    s.precision(), s.recall(), s.f1());
        }
        List<Scored> wrong = scored.stream().filter(s -> !s.sample().correct()).toList();
        out.printf(Locale.ROOT, "%nmisclassified (%d):%n", wrong.size());
        for (Scored s : wrong) {
            out.printf(Locale.ROOT, "  %-10s label %-18s got %-18s %.2f %s%s%n", s.sample().id(),
                    s.sample().expected(), s.sample().predicted(), s.classification().confidence(), rule(s),
                    s.sample().ambiguous() ? "  (ambiguous)" : "");
        }
    }

    private static String relabelledCategories(Evaluation e, Evaluation strict) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < e.samples().size(); i++) {
            Category predicted = strict.samples().get(i).predicted();
            if (predicted != e.samples().get(i).predicted()) {
                names.add(predicted + " as " + predicted.labelledBefore());
            }
        }
        return String.join(", ", names);
    }

    private static void printJson(PrintWriter out, Evaluation e, Evaluation strict, List<Scored> scored)
            throws IOException {
        try (JsonGenerator g = FailureJsonLines.JSON.createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            g.writeNumberField("total", e.samples().size());
            g.writeNumberField("correct", e.samples().size() - e.misclassified().size());
            g.writeNumberField("accuracy", e.accuracy());
            g.writeNumberField("accuracyUnambiguous", e.accuracyUnambiguous());
            g.writeNumberField("macroF1", e.macroF1());
            g.writeNumberField("relabelledPredictions", e.predictionsChangedFrom(strict));
            g.writeNumberField("strictAccuracy", strict.accuracy());
            g.writeArrayFieldStart("categories");
            for (Evaluation.CategoryScore s : e.perCategory()) {
                g.writeStartObject();
                g.writeStringField("category", s.category().name());
                g.writeNumberField("support", s.support());
                g.writeNumberField("predicted", s.predicted());
                g.writeNumberField("precision", s.precision());
                g.writeNumberField("recall", s.recall());
                g.writeNumberField("f1", s.f1());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("misclassified");
            for (Scored s : scored) {
                if (!s.sample().correct()) {
                    g.writeStartObject();
                    g.writeStringField("id", s.sample().id());
                    g.writeStringField("label", s.sample().expected().name());
                    g.writeStringField("predicted", s.sample().predicted().name());
                    g.writeNumberField("confidence", s.classification().confidence());
                    g.writeStringField("rule", rule(s));
                    g.writeBooleanField("ambiguous", s.sample().ambiguous());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    private static String rule(Scored s) {
        return s.classification().evidence().isEmpty() ? "(no rule)" : s.classification().evidence().get(0).rule();
    }
}
