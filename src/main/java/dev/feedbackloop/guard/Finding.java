package dev.feedbackloop.guard;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One thing the guard found in a proposed fix.
 *
 * @param rule     the rule that fired
 * @param severity whether it rejects the fix
 * @param message  what was found and why it matters, for a person
 * @param line     the 1-based line in the proposed file it is about; empty for the file as a whole (a proposal
 *                 for another path)
 */
public record Finding(GuardRule rule, Severity severity, String message, OptionalInt line) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(line, "line");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a message (rule " + rule.id() + ")");
        }
        if (line.isPresent() && line.getAsInt() < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line.getAsInt());
        }
    }

    static Finding error(GuardRule rule, int line, String message) {
        return new Finding(rule, Severity.ERROR, message, line > 0 ? OptionalInt.of(line) : OptionalInt.empty());
    }

    static Finding warning(GuardRule rule, int line, String message) {
        return new Finding(rule, Severity.WARNING, message, line > 0 ? OptionalInt.of(line) : OptionalInt.empty());
    }
}
