package dev.feedbackloop.report.gotest;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.CappedText;
import dev.feedbackloop.report.TextLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The state of a {@code go test -json} stream while it is read, and how its events become results.
 *
 * <p>Identity: the suite is the package import path, the name the test's full name as Go prints it, subtests
 * included ({@code TestTable/2+2}).
 *
 * <p>Attempts: every run of a test in the stream is an attempt of it: {@code -count=N} runs each test N times, and
 * a rerun of failed tests appended to the same file (gotestsum {@code --rerun-fails}) repeats them, so a test that
 * failed and then passed is flaky. Outcomes: {@code pass} passed, {@code skip} skipped (its log is the reason),
 * {@code fail} failed, or was an error when the test binary went down under it: a panic (its goroutine dump is the
 * stack trace) or the {@code -timeout} alarm. A test still running when its package ends (the binary died or timed
 * out) is an error too.
 *
 * <p>Subtests: a parent test passes or fails with its subtests, so a parent whose outcome its subtests explain is
 * not reported: one that passed or was skipped, or failed while a subtest failed and wrote nothing of its own
 * besides the testing package's markers. A parent that failed on its own (a {@code t.Error} after its subtests, a
 * panic in its body) is reported.
 *
 * <p>Packages: a package that fails while no test of it failed (its {@code TestMain} exited, an {@code init}
 * panicked, it does not compile) becomes one error result named {@value #OUTSIDE_TESTS}, with the package's own
 * output or the compiler's errors as the message and the failure type {@code build failed}, {@code setup failed} or
 * {@code package failed}.
 *
 * <p>Streaming: results wait until their package ends, because output can follow a test's last event (a panic's
 * dump is written after {@code --- FAIL}) and a test can run again. At most {@link #MAX_HELD_TESTS} finished tests
 * holding {@link #MAX_HELD_CHARS} characters wait; past that the oldest is handed on, and a later run of it becomes
 * a second result (real streams end each package long before). Output to running tests is kept up to
 * {@link #MAX_RUNNING_CHARS} characters in all, what comes beyond that is dropped; and at most
 * {@link #MAX_RUNNING_TESTS} tests run at once (a stream of starts that never end is hostile).
 */
final class GoTestRun {

    /** Name of the result standing for a package that failed outside its tests. */
    static final String OUTSIDE_TESTS = "errors outside tests";
    static final int MAX_HELD_TESTS = 10_000;
    static final long MAX_HELD_CHARS = 4_000_000;
    static final long MAX_RUNNING_CHARS = 16_000_000;
    /** Tests running at once, at most; past that the one started first is taken as unfinished. */
    static final int MAX_RUNNING_TESTS = 100_000;
    /** Runs of one test merged into one result at most; more become further results. */
    static final int MAX_ATTEMPTS = 100;
    /** Characters of one run's output kept: a failure message and a stack trace's worth. */
    static final int RUN_TEXT = TextLimits.MESSAGE + TextLimits.STACK_TRACE;
    /** Import paths whose build output waits for their package's end, at most. */
    static final int MAX_BUILDS = 1_000;

    private record Key(String pkg, String test) {
    }

    /** One run of a test. */
    private static final class Execution {
        final Execution parent;
        final CappedText text = new CappedText(RUN_TEXT);
        final Map<String, String> attributes = new LinkedHashMap<>();
        String outcome; // pass, fail, skip; null while running; "unfinished" when its package ended first
        long millis;
        boolean hasSubtests;
        boolean subtestFailed;
        int ownLines;

        Execution(Execution parent) {
            this.parent = parent;
        }

        long heldChars() {
            return Math.min(text.length(), RUN_TEXT);
        }

        /** A parent whose outcome its subtests explain, see the class comment. */
        boolean explainedBySubtests() {
            return hasSubtests && (!"fail".equals(outcome) || (subtestFailed && ownLines == 0));
        }
    }

    /** A finished test waiting for its package to end. */
    private static final class Held {
        final List<Execution> executions = new ArrayList<>(1);
        long chars;
    }

    private static final class Package {
        final CappedText output = new CappedText(RUN_TEXT);
        boolean testFailed;
    }

    private final Consumer<TestResult> sink;
    private final LinkedHashMap<Key, Execution> running = new LinkedHashMap<>();
    private final LinkedHashMap<Key, Held> held = new LinkedHashMap<>();
    private final Map<String, Package> packages = new HashMap<>();
    private final LinkedHashMap<String, CappedText> builds = new LinkedHashMap<>();
    private CappedText stray = new CappedText(RUN_TEXT);
    private long heldChars;
    private long runningChars;

    GoTestRun(Consumer<TestResult> sink) {
        this.sink = sink;
    }

    void started(String pkg, String test) {
        Execution parent = openParent(pkg, test);
        if (parent != null) {
            parent.hasSubtests = true;
        }
        Execution previous = running.put(new Key(pkg, test), new Execution(parent));
        if (previous != null) {
            runningChars -= previous.heldChars();
            finish(new Key(pkg, test), previous, "unfinished", 0); // a second run event before the first ended
        }
        if (running.size() > MAX_RUNNING_TESTS) {
            Map.Entry<Key, Execution> oldest = running.entrySet().iterator().next();
            running.remove(oldest.getKey());
            runningChars -= oldest.getValue().heldChars();
            finish(oldest.getKey(), oldest.getValue(), "unfinished", 0);
        }
        packageOf(pkg);
    }

    void testOutput(String pkg, String test, String output) {
        Key key = new Key(pkg, test);
        Execution execution = running.get(key);
        if (execution == null) {
            Held waiting = held.get(key);
            if (waiting == null) {
                packageOutput(pkg, output); // output of a test the stream never started, or one already handed on
                return;
            }
            execution = waiting.executions.get(waiting.executions.size() - 1); // e.g. a panic after "--- FAIL"
            long before = execution.heldChars();
            append(execution, output);
            waiting.chars += execution.heldChars() - before;
            heldChars += execution.heldChars() - before;
            evictWhileOverBudget();
            return;
        }
        if (runningChars >= MAX_RUNNING_CHARS) {
            return; // memory bound: see the class comment
        }
        long before = execution.heldChars();
        append(execution, output);
        runningChars += execution.heldChars() - before;
    }

    void attribute(String pkg, String test, String key, String value) {
        Execution execution = running.get(new Key(pkg, test));
        if (execution != null && execution.attributes.size() < 100) {
            execution.attributes.put(key, value);
        }
    }

    void ended(String pkg, String test, String outcome, long millis) {
        Key key = new Key(pkg, test);
        Execution execution = running.remove(key);
        if (execution == null) {
            execution = new Execution(null); // an end without a start: the result still counts
        } else {
            runningChars -= execution.heldChars();
        }
        finish(key, execution, outcome, millis);
    }

    void packageOutput(String pkg, String output) {
        if (!GoOutput.isPackageMarker(output)) {
            packageOf(pkg).output.append(output);
        }
    }

    void buildOutput(String importPath, String output) {
        builds.computeIfAbsent(importPath, p -> new CappedText(RUN_TEXT)).append(output);
        if (builds.size() > MAX_BUILDS) {
            Iterator<String> oldest = builds.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    void strayText(String line) {
        stray.append(line).append("\n");
    }

    /** A package whose failure {@code go test} printed as a plain line: it has no events. */
    void failedWithoutEvents(String pkg, String failureType) {
        String text = stray.toString();
        stray = new CappedText(RUN_TEXT);
        packageFailure(pkg, failureType, text);
    }

    /** A package ended: its tests still running are errors, its waiting results are handed on. */
    void packageEnded(String pkg, String outcome, Optional<String> failedBuild) {
        Package ended = packages.remove(pkg);
        boolean testFailed = endRunning(pkg) || (ended != null && ended.testFailed);
        emitPackage(pkg);
        if (failedBuild.isPresent()) {
            CappedText build = builds.remove(failedBuild.get());
            String text = build != null ? build.toString() : ended != null ? ended.output.toString() : "";
            packageFailure(pkg, "build failed", text);
        } else if (outcome.equals("fail") && !testFailed) {
            packageFailure(pkg, "package failed", ended != null ? ended.output.toString() : "");
        }
        stray = new CappedText(RUN_TEXT);
    }

    /** The end of the stream: packages that never ended end now. */
    void finish() {
        for (String pkg : new ArrayList<>(packages.keySet())) {
            Package unfinished = packages.remove(pkg);
            endRunning(pkg);
            emitPackage(pkg);
            if (unfinished.testFailed) {
                continue;
            }
            String output = unfinished.output.toString();
            if (!output.isBlank()) {
                packageFailure(pkg, "package failed", output); // it printed something and never said it passed
            }
        }
        List<Map.Entry<Key, Held>> rest = new ArrayList<>(held.entrySet());
        held.clear();
        rest.forEach(entry -> emit(entry.getKey(), entry.getValue()));
    }

    private void finish(Key key, Execution execution, String outcome, long millis) {
        execution.outcome = outcome;
        execution.millis = millis;
        if (!outcome.equals("pass") && !outcome.equals("skip")) {
            packageOf(key.pkg()).testFailed = true;
            for (Execution ancestor = execution.parent; ancestor != null; ancestor = ancestor.parent) {
                ancestor.subtestFailed = true;
            }
        }
        Held waiting = held.get(key);
        if (waiting != null && waiting.executions.size() >= MAX_ATTEMPTS) {
            held.remove(key);
            emit(key, waiting);
            waiting = null;
        }
        if (waiting == null) {
            waiting = new Held();
            held.put(key, waiting);
        }
        waiting.executions.add(execution);
        waiting.chars += execution.heldChars();
        heldChars += execution.heldChars();
        evictWhileOverBudget();
    }

    /** Ends the package's running tests as unfinished; whether there were any. */
    private boolean endRunning(String pkg) {
        List<Key> unfinished = running.keySet().stream().filter(k -> k.pkg().equals(pkg)).toList();
        for (Key key : unfinished) {
            Execution execution = running.remove(key);
            runningChars -= execution.heldChars();
            finish(key, execution, "unfinished", 0);
        }
        return !unfinished.isEmpty();
    }

    private void emitPackage(String pkg) {
        Iterator<Map.Entry<Key, Held>> entries = held.entrySet().iterator();
        List<Map.Entry<Key, Held>> ofPackage = new ArrayList<>();
        while (entries.hasNext()) {
            Map.Entry<Key, Held> entry = entries.next();
            if (entry.getKey().pkg().equals(pkg)) {
                ofPackage.add(entry);
                entries.remove();
            }
        }
        ofPackage.forEach(entry -> emit(entry.getKey(), entry.getValue()));
    }

    private void evictWhileOverBudget() {
        Iterator<Map.Entry<Key, Held>> oldestFirst = held.entrySet().iterator();
        while ((held.size() > MAX_HELD_TESTS || heldChars > MAX_HELD_CHARS) && oldestFirst.hasNext()) {
            Map.Entry<Key, Held> oldest = oldestFirst.next();
            oldestFirst.remove();
            emit(oldest.getKey(), oldest.getValue());
        }
    }

    private void emit(Key key, Held waiting) {
        heldChars -= waiting.chars;
        if (waiting.executions.stream().allMatch(Execution::explainedBySubtests)) {
            return;
        }
        List<Attempt> attempts = new ArrayList<>(waiting.executions.size());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Execution execution : waiting.executions) {
            attempts.add(attempt(attempts.size(), execution));
            attributes.putAll(execution.attributes);
        }
        TestCase test = new TestCase(key.pkg(), key.test(), Optional.empty(), OptionalInt.empty(), List.of(),
                attributes);
        sink.accept(TestResult.of(test, attempts));
    }

    private static Attempt attempt(int index, Execution execution) {
        String output = execution.text.toString();
        return switch (execution.outcome) {
            case "pass" -> new Attempt(index, AttemptStatus.PASSED, execution.millis, Optional.empty(),
                    GoOutput.log(output), "");
            case "skip" -> {
                String reason = GoOutput.log(output);
                yield new Attempt(index, AttemptStatus.SKIPPED, execution.millis,
                        reason.isEmpty() ? Optional.empty() : Optional.of(Failure.of(reason)), "", "");
            }
            default -> {
                Failure failure = GoOutput.failure(output, execution.outcome.equals("unfinished"));
                yield Attempt.failing(index, GoOutput.isError(failure) ? AttemptStatus.ERROR : AttemptStatus.FAILED,
                        execution.millis, failure);
            }
        };
    }

    private void packageFailure(String pkg, String failureType, String output) {
        String text = GoOutput.dedent(output).strip();
        Failure failure = new Failure(TextLimits.cap(text.isEmpty() ? "the package failed outside its tests"
                + " (no output)" : text, TextLimits.MESSAGE), Optional.of(failureType), Optional.empty());
        TestCase test = TestCase.of(pkg, OUTSIDE_TESTS);
        sink.accept(TestResult.of(test, List.of(Attempt.failing(0, AttemptStatus.ERROR, 0, failure))));
    }

    private Execution openParent(String pkg, String test) {
        for (int slash = test.lastIndexOf('/'); slash > 0; slash = test.lastIndexOf('/', slash - 1)) {
            Execution parent = running.get(new Key(pkg, test.substring(0, slash)));
            if (parent != null) {
                return parent;
            }
        }
        return null;
    }

    private Package packageOf(String pkg) {
        return packages.computeIfAbsent(pkg, p -> new Package());
    }

    private static void append(Execution execution, String output) {
        if (GoOutput.isTestMarker(output)) {
            return;
        }
        execution.text.append(output);
        if (!output.isBlank()) {
            execution.ownLines++;
        }
    }
}
