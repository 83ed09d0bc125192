package dev.feedbackloop.report.dart;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.CappedText;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonFields;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of a Dart JSON reporter stream while it is read, and how its events become results.
 *
 * <p>Identity: the suite is the test file ({@code test/src/cli/cli_runner_test.dart}; an absolute path is cut to
 * start at its {@code test/}, {@code integration_test/} or {@code test_driver/} folder), the name Dart's full test
 * name, group names included; the file and line are where the test was declared ({@code root_url}/{@code root_line}
 * when a helper in another file declared it).
 *
 * <p>Outcomes: {@code testDone.result} {@code success} passed (or was skipped when {@code skipped}),
 * {@code failure} (a {@code TestFailure}: an {@code expect} that did not hold) failed, {@code error} (any other
 * exception, a timeout) was an error. Hidden tests (loading a file, {@code setUpAll}, {@code tearDownAll}) are not
 * tests and are left out while they succeed; one that fails is reported (a file that does not compile fails its
 * {@code loading} test). The first {@code error} event's text and stack are the failure, further errors are
 * appended to the message; {@code print}ed lines are the output; the {@code skip} message is the skip reason.
 *
 * <p>Retries: a test with {@code retry} prints {@code Retry: <name>} before each new try; every try before it is a
 * failed attempt, so a test that passed on a retry is flaky.
 *
 * <p>Late errors: the protocol allows an error after a test's {@code testDone} ("it should be considered to have
 * failed"). Finished tests wait for that in a window of {@link #MAX_DONE_TESTS} tests and {@link #MAX_DONE_CHARS}
 * characters before they are handed on; an error for a test that has left the window becomes an error result named
 * {@value #OUTSIDE_TESTS} in its file. A test without {@code testDone} when the stream ends is an error.
 */
final class DartRun {

    /** Name of the result standing for an error that no reported test can take. */
    static final String OUTSIDE_TESTS = "errors outside tests";
    static final int MAX_DONE_TESTS = 1_000;
    static final long MAX_DONE_CHARS = 4_000_000;
    /** Suites remembered by id; a stream with more (hostile) loses the file of the oldest. */
    static final int MAX_SUITES = 100_000;
    /** Tests running at once, at most; past that the one started first is taken as unfinished. */
    static final int MAX_RUNNING_TESTS = 100_000;
    static final int MAX_ATTEMPTS = 100;

    private static final Pattern TEST_FOLDER = Pattern.compile("/(?:test|integration_test|test_driver)/");

    /** A {@code testStart} event's test. */
    record Started(long id, String name, long suiteId, Optional<String> url, OptionalInt line, long time) {

        static Started of(JsonFields test, OptionalLong time) {
            Optional<String> url = test.text("root_url").or(() -> test.text("url"));
            OptionalLong line = test.integer("root_line");
            if (line.isEmpty()) {
                line = test.integer("line");
            }
            OptionalInt sourceLine = line.isPresent() && line.getAsLong() > 0 && line.getAsLong() <= Integer.MAX_VALUE
                    ? OptionalInt.of((int) line.getAsLong()) : OptionalInt.empty();
            return new Started(test.requiredInteger("id"), test.requiredText("name"), test.integer("suiteID").orElse(-1),
                    url, sourceLine, time.orElse(0));
        }
    }

    /** One try of a test. */
    private static final class Try {
        final CappedText output = new CappedText(TextLimits.OUTPUT);
        final CappedText message = new CappedText(TextLimits.MESSAGE);
        String stack = "";
        int errors;
        boolean allFailures = true;

        long chars() {
            return Math.min(output.length(), TextLimits.OUTPUT) + Math.min(message.length(), TextLimits.MESSAGE)
                    + stack.length();
        }

        void error(String text, String stackTrace, boolean isFailure) {
            if (errors > 0) {
                message.append("\n\n");
            }
            message.append(ErrorMessages.stripAnsi(text));
            if (errors == 0) {
                stack = TextLimits.cap(stackTrace, TextLimits.STACK_TRACE);
            }
            errors++;
            allFailures &= isFailure;
        }
    }

    private static final class Test {
        final Started started;
        final String suite;
        final List<Try> tries = new ArrayList<>(List.of(new Try()));
        String skipReason = "";
        String result;
        boolean skipped;
        boolean hidden;
        boolean lateError;
        long millis;

        Test(Started started, String suite) {
            this.started = started;
            this.suite = suite;
        }

        Try current() {
            return tries.get(tries.size() - 1);
        }

        long chars() {
            return tries.stream().mapToLong(Try::chars).sum() + skipReason.length();
        }
    }

    private final Consumer<TestResult> sink;
    private final Map<Long, String> suites = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > MAX_SUITES;
        }
    };
    private final LinkedHashMap<Long, Test> running = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Test> done = new LinkedHashMap<>();
    private long doneChars;

    DartRun(Consumer<TestResult> sink) {
        this.sink = sink;
    }

    void suite(long id, String path) {
        suites.put(id, relative(path));
    }

    void testStarted(Started started) {
        running.put(started.id(), new Test(started, suites.getOrDefault(started.suiteId(), "")));
        if (running.size() > MAX_RUNNING_TESTS) {
            Test oldest = running.values().iterator().next();
            running.remove(oldest.started.id());
            finished(oldest, "unfinished", oldest.started.time());
        }
    }

    void printed(long testId, String messageType, String message) {
        Test test = running.get(testId);
        if (test == null) {
            return; // a print after the test ended changes no outcome
        }
        if (messageType.equals("skip")) {
            test.skipReason = TextLimits.cap(message.startsWith("Skip: ") ? message.substring(6) : message,
                    TextLimits.MESSAGE);
        } else if (message.equals("Retry: " + test.started.name()) && test.tries.size() < MAX_ATTEMPTS) {
            test.tries.add(new Try());
        } else {
            test.current().output.append(message).append("\n");
        }
    }

    void error(long testId, String error, String stackTrace, boolean isFailure) {
        Test test = running.get(testId);
        if (test != null) {
            test.current().error(error, stackTrace, isFailure);
            return;
        }
        Test finished = done.get(testId);
        if (finished != null) {
            long before = finished.chars();
            finished.current().error(error, stackTrace, isFailure);
            finished.lateError = true;
            doneChars += finished.chars() - before;
            evictWhileOverBudget();
            return;
        }
        Failure failure = new Failure(TextLimits.cap("test " + testId + " failed after it completed: "
                + ErrorMessages.stripAnsi(error), TextLimits.MESSAGE), ErrorMessages.leadingType(error),
                Optional.of(TextLimits.cap(stackTrace, TextLimits.STACK_TRACE)));
        sink.accept(TestResult.of(TestCase.of("", OUTSIDE_TESTS),
                List.of(Attempt.failing(0, isFailure ? AttemptStatus.FAILED : AttemptStatus.ERROR, 0, failure))));
    }

    void testDone(long testId, String result, boolean skipped, boolean hidden, OptionalLong time) {
        Test test = running.remove(testId);
        if (test == null) {
            return; // the end of a test the stream never started: nothing to report
        }
        test.skipped = skipped;
        test.hidden = hidden;
        finished(test, result, time.orElse(test.started.time()));
    }

    /** The end of the stream (or its {@code done} event): unfinished tests are errors, waiting ones are handed on. */
    void finish() {
        for (Test test : new ArrayList<>(running.values())) {
            running.remove(test.started.id());
            finished(test, "unfinished", test.started.time());
        }
        List<Test> waiting = new ArrayList<>(done.values());
        done.clear();
        doneChars = 0;
        waiting.forEach(this::emit);
    }

    private void finished(Test test, String result, long time) {
        test.result = result;
        test.millis = Math.max(0, time - test.started.time());
        done.put(test.started.id(), test);
        doneChars += test.chars();
        evictWhileOverBudget();
    }

    private void evictWhileOverBudget() {
        while (done.size() > MAX_DONE_TESTS || (doneChars > MAX_DONE_CHARS && !done.isEmpty())) {
            Test oldest = done.values().iterator().next();
            done.remove(oldest.started.id());
            doneChars -= oldest.chars();
            emit(oldest);
        }
    }

    private void emit(Test test) {
        List<Attempt> attempts = new ArrayList<>(test.tries.size());
        for (int i = 0; i < test.tries.size() - 1; i++) {
            Try earlier = test.tries.get(i);
            attempts.add(failing(i, earlier, earlier.allFailures ? AttemptStatus.FAILED : AttemptStatus.ERROR, 0, ""));
        }
        Try last = test.current();
        AttemptStatus status = finalStatus(test, last);
        if (test.hidden && attempts.isEmpty() && !status.isFailing()) {
            return; // loading a file, setUpAll, tearDownAll: not a test while it succeeds
        }
        int index = attempts.size();
        attempts.add(switch (status) {
            case PASSED -> new Attempt(index, status, test.millis, Optional.empty(), output(last), "");
            case SKIPPED -> new Attempt(index, status, test.millis, test.skipReason.isBlank() ? Optional.empty()
                    : Optional.of(Failure.of(test.skipReason)), output(last), "");
            default -> failing(index, last, status, test.millis, test.result.equals("unfinished")
                    ? "the test did not finish: the report ends before its testDone event" : "");
        });
        sink.accept(TestResult.of(testCase(test), attempts));
    }

    private static AttemptStatus finalStatus(Test test, Try last) {
        return switch (test.result) {
            case "failure" -> AttemptStatus.FAILED;
            case "success" -> test.lateError ? (last.allFailures ? AttemptStatus.FAILED : AttemptStatus.ERROR)
                    : test.skipped ? AttemptStatus.SKIPPED : AttemptStatus.PASSED;
            default -> AttemptStatus.ERROR; // error, unfinished, and results of later protocol versions
        };
    }

    private static Attempt failing(int index, Try attempt, AttemptStatus status, long millis, String fallback) {
        String message = attempt.message.toString();
        if (message.isBlank()) {
            message = fallback;
        }
        Optional<FlutterException> flutter = message.startsWith(FlutterException.SEE_LOGS)
                ? FlutterException.in(attempt.output.toString()) : Optional.empty();
        if (flutter.isPresent()) {
            FlutterException caught = flutter.get();
            AttemptStatus flutterStatus = caught.isTestFailure() && status == AttemptStatus.ERROR
                    ? AttemptStatus.FAILED : status; // flutter reports a failed expect() as a plain error
            Failure failure = new Failure(TextLimits.cap(caught.message(), TextLimits.MESSAGE), caught.type(),
                    Optional.of(TextLimits.cap(caught.stack(), TextLimits.STACK_TRACE)));
            return new Attempt(index, flutterStatus, millis, Optional.of(failure), output(attempt), "");
        }
        Optional<String> type = ErrorMessages.leadingType(message);
        if (type.isEmpty() && attempt.errors > 0 && attempt.allFailures) {
            type = Optional.of("TestFailure"); // Dart's failed expectation; its text names no type
        }
        Failure failure = new Failure(message, type, Optional.of(attempt.stack));
        return new Attempt(index, status, millis, Optional.of(failure), output(attempt), "");
    }

    private static String output(Try attempt) {
        return attempt.output.toString().stripTrailing();
    }

    private static TestCase testCase(Test test) {
        Started started = test.started;
        Optional<String> file = started.url().filter(u -> u.startsWith("file:")).map(DartRun::relative)
                .or(() -> Optional.of(test.suite));
        return new TestCase(test.suite, started.name(), file, started.line(), List.of(), Map.of());
    }

    /** A test file's path as the suite: {@code file://} URLs decoded, absolute paths cut at the test folder. */
    static String relative(String path) {
        String text = path;
        if (text.startsWith("file:")) {
            try {
                text = URI.create(text).getPath();
            } catch (IllegalArgumentException e) {
                text = text.substring("file:".length()).replaceFirst("^//", "");
            }
        }
        text = text.replace('\\', '/');
        boolean absolute = text.startsWith("/") || (text.length() > 2 && text.charAt(1) == ':');
        if (absolute) {
            Matcher folder = TEST_FOLDER.matcher(text);
            if (folder.find()) {
                return text.substring(folder.start() + 1);
            }
        }
        return text;
    }
}
