package dev.feedbackloop.adapter.dynamodb;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants this adapter stores ({@link Items#time}: {@link Instant#toString()}, e.g.
 * {@code 2026-10-03T09:12:00Z} or {@code 2026-10-03T09:12:00.250Z}) without the JDK's formatter, which builds a new
 * parser for each instant it reads: a history load reads a test's whole window of executions back at each write of its
 * held health ({@code HealthStore#asStored}), and {@link Instant#parse} was a third of that. Any other text is left to
 * {@link Instant#parse}, so what is read, and what is refused, is exactly what {@link Instant#parse} reads and refuses.
 */
final class StoredInstants {

    private static final int SHORTEST = "2026-10-03T09:12:00Z".length();
    private static final long SECONDS_PER_DAY = 86_400;

    private StoredInstants() {
    }

    /**
     * The instant {@code text} names, as {@link Instant#parse} reads it.
     *
     * @throws java.time.format.DateTimeParseException when {@link Instant#parse} would
     */
    static Instant parse(String text) {
        Instant fast = canonical(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant of text in the form {@link Instant#toString()} writes for years 0000-9999; else null. */
    private static Instant canonical(String text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 10 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fraction(text, 19, length - 1);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || nanos < 0) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // no such date: Instant.parse says so in its words
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code [from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Nanoseconds of an optional fraction {@code .d} to {@code .ddddddddd} in {@code [from, to)}; -1 if malformed. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (text.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(text, from + 1, to);
        if (value < 0) {
            return -1;
        }
        for (int i = count; i < 9; i++) {
            value *= 10;
        }
        return value;
    }
}
