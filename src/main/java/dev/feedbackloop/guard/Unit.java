package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A part of a test file that a change is judged by: a test, a hook, or the statements of a scope (a file, a
 * {@code describe} block, a class) that are neither. A test's header (its call with title and options, or its
 * annotations/decorators and signature) is kept apart from its body, so {@code test.skip(...)} or
 * {@code @Disabled} shows as a change of the header.
 *
 * @param kind      what part it is
 * @param path      the titles of the enclosing scopes ({@code describe} titles, class names), outermost first
 * @param title     the test's title, the hook's name, or empty for a scope
 * @param header    the test's or hook's header, empty for a scope
 * @param body      the statements, in order
 * @param firstLine first line of the unit
 * @param lastLine  last line of the unit
 */
record Unit(Kind kind, List<String> path, String title, Optional<Statement> header, List<Statement> body,
            int firstLine, int lastLine) {

    /** Unit kinds. */
    enum Kind {
        /** A test case. */
        TEST,
        /** A setup or teardown hook, or a fixture: code that runs for other tests too. */
        HOOK,
        /** A helper function or method. */
        HELPER,
        /** The remaining statements of a file, describe block or class: imports, configuration, constants. */
        SCOPE
    }

    Unit {
        path = List.copyOf(path);
        body = List.copyOf(body);
    }

    /** Identifies the unit across the original and the proposed file. */
    String key() {
        return kind + ":" + String.join(" › ", path) + (title.isEmpty() ? "" : " › " + title);
    }

    /** The header, then the body. */
    List<Statement> statements() {
        List<Statement> all = new ArrayList<>(body.size() + 1);
        header.ifPresent(all::add);
        all.addAll(body);
        return all;
    }

    /** Whether this unit's scope contains (or is) the given path: a hook at {@code [A]} runs for tests in A › B. */
    boolean reaches(List<String> testPath) {
        return testPath.size() >= path.size() && testPath.subList(0, path.size()).equals(path);
    }

    /** The full title: the scope titles and the test's own. */
    String fullTitle() {
        List<String> parts = new ArrayList<>(path);
        parts.add(title);
        return String.join(" › ", parts);
    }
}
