package dev.feedbackloop.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a test.
 *
 * @param index          zero-based position among the test's attempts in this run (0 = first try)
 * @param status         the outcome of this execution
 * @param durationMillis wall time in milliseconds, 0 when the report gave none; never negative
 * @param failure        present for {@link AttemptStatus#FAILED} and {@link AttemptStatus#ERROR} attempts, and for
 *                       skipped attempts that carry a reason
 * @param stdout         captured standard output, capped by the parser; empty when none
 * @param stderr         captured standard error, capped by the parser; empty when none
 * @param attachments    files the framework attached to this execution (screenshots, traces, the page snapshot), at
 *                       most {@link Attachment#MAX_PER_ATTEMPT}, in report order; not kept in the run store (the
 *                       page snapshot is shipped beside the report, see docs/llm.md)
 */
public record Attempt(int index, AttemptStatus status, long durationMillis, Optional<Failure> failure,
                      String stdout, String stderr, List<Attachment> attachments) {

    public Attempt {
        if (index < 0) {
            throw new IllegalArgumentException("attempt index must be >= 0, was " + index);
        }
        Objects.requireNonNull(status, "status");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("attempt duration must be >= 0 ms, was " + durationMillis);
        }
        Objects.requireNonNull(failure, "failure");
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
        if (attachments.size() > Attachment.MAX_PER_ATTEMPT) {
            throw new IllegalArgumentException("attempt " + index + " has " + attachments.size()
                    + " attachments, more than " + Attachment.MAX_PER_ATTEMPT);
        }
    }

    /** An attempt without attachments. */
    public Attempt(int index, AttemptStatus status, long durationMillis, Optional<Failure> failure, String stdout,
                   String stderr) {
        this(index, status, durationMillis, failure, stdout, stderr, List.of());
    }

    /** A passing attempt with no output. */
    public static Attempt passed(int index, long durationMillis) {
        return new Attempt(index, AttemptStatus.PASSED, durationMillis, Optional.empty(), "", "");
    }

    /** A failing ({@code FAILED} or {@code ERROR}) attempt with no output. */
    public static Attempt failing(int index, AttemptStatus status, long durationMillis, Failure failure) {
        return new Attempt(index, status, durationMillis, Optional.of(failure), "", "");
    }

    /** This attempt at another position, as when retries written separately are merged. */
    public Attempt withIndex(int newIndex) {
        return newIndex == index ? this
                : new Attempt(newIndex, status, durationMillis, failure, stdout, stderr, attachments);
    }
}

