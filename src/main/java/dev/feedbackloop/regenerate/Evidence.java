package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model is told about one scenario's failure: everything redacted and bounded in size by {@link #of}, so that
 * no secret and no unbounded text can reach a prompt through it.
 *
 * @param scenario       the scenario
 * @param category       its root cause (auto-fixable)
 * @param test           the failing test's title as the report gives it ({@code checkout › pays by card})
 * @param file           the failing test's file as the report names it, when it does
 * @param message        the failure message, redacted, at most {@link #MAX_MESSAGE} characters
 * @param stackTrace     the stack trace, redacted, at most {@link #MAX_STACK} characters; empty when none
 * @param classification the classifier's evidence (what matched), redacted; may be empty
 * @param history        what the loop knows of the scenario (occurrences, runs, first seen), one fact per item
 * @param source         the test's source file, when found
 * @param pageSnapshot   the page at the failure (ARIA snapshot), redacted and capped, when the report had one
 * @param decisions      what reviewers decided on earlier fixes for the scenario (triage memory: a rejected approach
 *                       and its reason), redacted, one per item; given to the model as data
 */
public record Evidence(ScenarioKey scenario, Category category, String test, Optional<String> file, String message,
                       String stackTrace, String classification, List<String> history, Optional<TestSource> source,
                       Optional<String> pageSnapshot, List<String> decisions) {

    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_STACK = 6_000;
    public static final int MAX_CLASSIFICATION = 1_000;
    public static final int MAX_HISTORY_ITEMS = 10;
    public static final int MAX_DECISIONS = 10;
    private static final int MAX_DECISION = 600;
    private static final int MAX_TEST = 500;

    public Evidence {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(category, "category");
        if (test == null || test.isBlank()) {
            throw new IllegalArgumentException("evidence for " + scenario + " needs the failing test's title");
        }
        Objects.requireNonNull(file, "file");
        requireAtMost(message, MAX_MESSAGE, "message");
        requireAtMost(stackTrace, MAX_STACK, "stackTrace");
        requireAtMost(classification, MAX_CLASSIFICATION, "classification");
        history = List.copyOf(history);
        if (history.size() > MAX_HISTORY_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_HISTORY_ITEMS + " history items, was " + history.size());
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pageSnapshot, "pageSnapshot");
        decisions = List.copyOf(decisions);
        if (decisions.size() > MAX_DECISIONS) {
            throw new IllegalArgumentException("at most " + MAX_DECISIONS + " decisions, was " + decisions.size());
        }
    }

    /**
     * Evidence from raw parts: every text redacted with {@code redactor} and cut to its bound here; the source and page
     * snapshot come redacted from {@link TestSources} and {@link PageContext}.
     */
    public static Evidence of(ScenarioKey scenario, Category category, String test, Optional<String> file,
                              Failure failure, String classification, List<String> history,
                              Optional<TestSource> source, Optional<String> pageSnapshot, Redactor redactor) {
        return new Evidence(scenario, category, Bounded.middle(redactor.redact(test), MAX_TEST),
                file.map(redactor::redact),
                Bounded.middle(redactor.redact(failure.message()), MAX_MESSAGE),
                Bounded.middle(redactor.redact(failure.stackTrace().orElse("")), MAX_STACK),
                Bounded.middle(redactor.redact(classification), MAX_CLASSIFICATION),
                history.stream().limit(MAX_HISTORY_ITEMS).map(h -> Bounded.middle(redactor.redact(h), 300)).toList(),
                source, pageSnapshot.map(p -> Bounded.middle(redactor.redact(p), PageContext.MAX_CHARS)), List.of());
    }

    /**
     * This evidence with reviewers' decisions on earlier fixes (the newest {@link #MAX_DECISIONS}), each redacted and
     * cut to its bound: they are people's words, and may quote anything.
     */
    public Evidence withDecisions(List<String> notes, Redactor redactor) {
        List<String> bounded = notes.stream().skip(Math.max(0, notes.size() - MAX_DECISIONS))
                .map(n -> Bounded.middle(redactor.redact(n), MAX_DECISION)).toList();
        return new Evidence(scenario, category, test, file, message, stackTrace, classification, history, source,
                pageSnapshot, bounded);
    }

    /** The source version this evidence's answer is kept for: the source's hash, or {@code none}. */
    public String sourceVersion() {
        return source.map(TestSource::sha256).orElse("none");
    }

    private static void requireAtMost(String text, int max, String field) {
        Objects.requireNonNull(text, field);
        if (text.length() > max) {
            throw new IllegalArgumentException(field + " has " + text.length() + " characters, more than " + max);
        }
    }
}
