package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.report.AttachmentLines;
import dev.feedbackloop.report.CappedText;
import dev.feedbackloop.report.TextLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code <testcase>} element says happened, collected while its children stream past, turned into
 * attempts at the end.
 *
 * <p>Attempt order follows surefire and Gradle: {@code <flakyFailure>}/{@code <flakyError>} are failed tries
 * <em>before</em> the final outcome the test case itself records (a pass, or a skip); {@code <rerunFailure>}/
 * {@code <rerunError>} are reruns <em>after</em> it, when the first run's {@code <failure>}/{@code <error>} is the
 * test case's own. The test case's {@code <system-out>}/{@code <system-err>} belong to that own attempt.
 *
 * <p>Several {@code <failure>}/{@code <error>} elements in one test case (soft assertions, a failing teardown) are
 * one attempt: an error outranks a failure, a failure outranks a skip (as EnricoMi's publish-unit-test-result
 * reads them); the message and type come from the first element of the deciding kind and the stack trace holds
 * every element's text in document order.
 */
final class TestcaseOutcome {

    /** Most attempts kept per test case; further rerun elements are dropped so one test cannot exhaust memory. */
    static final int MAX_ATTEMPTS = 100;

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at \\S"); //     at tests/login.spec.ts:12:5
    private static final Pattern LOCATION_AND_TITLE =
            Pattern.compile("[^\\s:]+:\\d+:\\d+ [^\\n]+"); // checkout.spec.ts:42:13 pays with a card

    /** A {@code <failure>}, {@code <error>} or {@code <skipped>} element. */
    record Problem(String message, String type, String body, String file, String line) {
        String headline() {
            String kind = type == null ? "" : type + ": ";
            return kind + (message == null ? "" : message);
        }
    }

    /** A {@code <flakyFailure>}, {@code <flakyError>}, {@code <rerunFailure>} or {@code <rerunError>} element. */
    record Rerun(boolean beforeOwnOutcome, AttemptStatus status, Failure failure, long durationMillis,
                 String stdout, String stderr) {
    }

    private Problem firstError;
    private Problem firstFailure;
    private Problem firstProblem;
    private Problem skipped;
    private int problems;
    private final CappedText allProblemText = new CappedText(TextLimits.STACK_TRACE);
    private final List<Rerun> reruns = new ArrayList<>();
    private String stdout = "";
    private String stderr = "";

    void error(Problem error) {
        firstError = firstError == null ? error : firstError;
        addProblem(error);
    }

    void failure(Problem failure) {
        firstFailure = firstFailure == null ? failure : firstFailure;
        addProblem(failure);
    }

    void skipped(Problem reason) {
        skipped = skipped == null ? reason : skipped;
    }

    /** Adds a rerun element, unless the attempt cap is reached: then it is dropped. */
    void rerun(Rerun rerun) {
        if (reruns.size() < MAX_ATTEMPTS - 1) {
            reruns.add(rerun);
        }
    }

    void stdout(String text) {
        stdout = text;
    }

    void stderr(String text) {
        stderr = text;
    }

    /** The first {@code <failure>}/{@code <error>} element, for its {@code file} and {@code line}. */
    Optional<Problem> firstProblem() {
        return Optional.ofNullable(firstProblem);
    }

    /**
     * The attempts, indexed from 0.
     *
     * @param durationMillis the test case's {@code time}, given to its own attempt
     * @param notRun         whether the test case's {@code status} says it did not run ({@code disabled}, ...)
     */
    List<Attempt> attempts(long durationMillis, boolean notRun) {
        List<Attempt> attempts = new ArrayList<>(reruns.size() + 1);
        reruns.stream().filter(Rerun::beforeOwnOutcome).forEach(r -> attempts.add(attempt(attempts.size(), r)));
        attempts.add(ownAttempt(attempts.size(), durationMillis, notRun));
        reruns.stream().filter(r -> !r.beforeOwnOutcome()).forEach(r -> attempts.add(attempt(attempts.size(), r)));
        return attempts;
    }

    private Attempt ownAttempt(int index, long durationMillis, boolean notRun) {
        AttemptStatus status;
        Optional<Failure> failure;
        if (notRun) {
            status = AttemptStatus.SKIPPED;
            failure = reason(skipped != null ? skipped : firstProblem);
        } else if (firstError != null) {
            status = AttemptStatus.ERROR;
            failure = Optional.of(failureFrom(firstError));
        } else if (firstFailure != null) {
            status = AttemptStatus.FAILED;
            failure = Optional.of(failureFrom(firstFailure));
        } else if (skipped != null) {
            status = AttemptStatus.SKIPPED;
            failure = reason(skipped);
        } else {
            status = AttemptStatus.PASSED;
            failure = Optional.empty();
        }
        return new Attempt(index, status, durationMillis, failure, stdout, stderr,
                AttachmentLines.in(stdout, stderr));
    }

    private static Attempt attempt(int index, Rerun rerun) {
        return new Attempt(index, rerun.status(), rerun.durationMillis(), Optional.of(rerun.failure()),
                rerun.stdout(), rerun.stderr(), AttachmentLines.in(rerun.stdout(), rerun.stderr()));
    }

    private Failure failureFrom(Problem deciding) {
        String stackTrace = problems == 1 ? deciding.body() : allProblemText.toString();
        String message = nullToEmpty(deciding.message());
        String type = deciding.type();
        if (isLocationAndTitle(message, type) && !isBlank(deciding.body())) {
            message = beforeFirstFrame(deciding.body());
            type = null; // "FAILURE" is the reporter's placeholder, not an error type
        }
        return Failure.of(message, type, stackTrace);
    }

    /**
     * Playwright's JUnit reporter writes {@code <failure message="login.spec.ts:12:5 logs in" type="FAILURE">}: the
     * test's location and title, not what went wrong, which is in the element's text. Such a message would make
     * every failure of a test look alike, so the text before its first stack frame takes its place; the placeholder type
     * {@code FAILURE} is dropped, so the failure reads as the same failure does in Playwright's other reports.
     */
    static boolean isLocationAndTitle(String message, String type) {
        return "FAILURE".equals(type) && LOCATION_AND_TITLE.matcher(message).matches();
    }

    /** The text up to its first stack frame ({@code     at file:line:col}), as Playwright's JSON report splits it. */
    private static String beforeFirstFrame(String text) {
        Matcher frame = STACK_FRAME.matcher(text);
        return (frame.find() ? text.substring(0, frame.start()) : text).strip();
    }

    private static Optional<Failure> reason(Problem problem) {
        if (problem == null || (isBlank(problem.message()) && isBlank(problem.body()))) {
            return Optional.empty();
        }
        return Optional.of(Failure.of(nullToEmpty(problem.message()), problem.type(), problem.body()));
    }

    private void addProblem(Problem problem) {
        firstProblem = firstProblem == null ? problem : firstProblem;
        if (problems > 0) {
            allProblemText.append("\n\n");
        }
        allProblemText.append(problem.headline()).append("\n").append(nullToEmpty(problem.body()));
        problems++;
    }

    /** Characters of text this outcome holds, for memory accounting. */
    long textLength() {
        long length = stdout.length() + stderr.length() + Math.min(allProblemText.length(), TextLimits.STACK_TRACE);
        for (Rerun rerun : reruns) {
            length += rerun.stdout().length() + rerun.stderr().length() + rerun.failure().message().length()
                    + rerun.failure().stackTrace().map(String::length).orElse(0);
        }
        return length;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
