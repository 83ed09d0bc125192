package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a shared step's edit takes away from the other tests that run it. When the shared login's role changes from
 * {@code 'mentor'} to {@code 'organiser'} and a sibling test is titled "mentors can leave feedback", that test is
 * about the removed value: it now silently checks something else, however much the failing test needed the change.
 */
final class RemovedSubjects {

    /** A literal of at most this many words can be a test's subject; longer ones are prose, not a subject. */
    private static final int MAX_WORDS = 3;

    private RemovedSubjects() {
    }

    /**
     * A test other than the failing one that runs {@code unit} and whose title names a text literal the change
     * removes (compared by word stem, so 'mentor' matches "mentors can leave feedback").
     *
     * @return the removed literal and the test it is the subject of
     */
    static Optional<Subject> of(Comparison c, Comparison.UnitChange unit, StatementDiff.Change change) {
        if (change.original().isEmpty() || unit.original().isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> kept = change.proposed().map(RemovedSubjects::literals).orElse(List.of());
        // a value kept inside a longer one ('Lobby' renamed 'Match lobby') is still there for the tests about it
        List<List<String>> removed = literals(change.original().get()).stream()
                .filter(l -> kept.stream().noneMatch(k -> Collections.indexOfSubList(k, l) >= 0)).toList();
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        for (Unit test : runners(c, unit.original().get())) {
            List<String> title = words(test.title());
            for (List<String> value : removed) {
                if (Collections.indexOfSubList(title, value) >= 0) {
                    return Optional.of(new Subject(String.join(" ", value), test.title()));
                }
            }
        }
        return Optional.empty();
    }

    /** A removed value and the title of the test that is about it. */
    record Subject(String value, String test) {
    }

    /** The tests other than the failing one that run the unit: in a hook's or scope's reach, or calling a helper. */
    private static List<Unit> runners(Comparison c, Unit unit) {
        Unit failing = c.failingOriginal.orElse(null);
        return c.original.tests().stream().filter(t -> t != failing).filter(t -> unit.kind() == Unit.Kind.HELPER
                ? t.statements().stream().anyMatch(s -> s.contains(unit.title()))
                : unit.reaches(t.path())).toList();
    }

    /** The statement's short word-like text literals (a role, a plan, a user), each as its stemmed words. */
    private static List<List<String>> literals(Statement s) {
        List<List<String>> out = new ArrayList<>();
        for (Token t : s.tokens()) {
            if (t.isText() && t.value().matches("[\\p{L}][\\p{L} _-]*")) {
                List<String> w = words(t.value());
                if (!w.isEmpty() && w.size() <= MAX_WORDS && w.stream().anyMatch(x -> x.length() >= 3)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** Lower-case word stems of a title or value: camelCase, snake_case and spaces all split. */
    static List<String> words(String text) {
        String spaced = text.replaceAll("([\\p{Ll}\\d])(\\p{Lu})", "$1 $2");
        return Arrays.stream(spaced.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .map(RemovedSubjects::stem).toList();
    }

    /** A plural's singular, enough to match a value with a title: mentors to mentor, classes to class. */
    static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && word.matches(".*(ss|x|ch|sh)es")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
