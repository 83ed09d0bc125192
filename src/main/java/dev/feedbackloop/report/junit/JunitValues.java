package dev.feedbackloop.report.junit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads the loosely written attribute values of JUnit XML: durations, timestamps, line numbers. */
final class JunitValues {

    // "2021-03-07T10:36:56 UTC" (TestNG), "2020-10-12 18:46:11" (space instead of T)
    private static final Pattern UTC_SUFFIX = Pattern.compile("\\s*UTC$");
    private static final Pattern SPACE_SEPARATOR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");

    private JunitValues() {
    }

    /**
     * A {@code time} attribute in seconds ({@code 1.5}, {@code 1.7e-05}, {@code 1,234.5}, {@code 0,5}) as whole
     * milliseconds. Missing, unreadable ({@code <<computed>>}), negative or infinite values give 0: a bad duration
     * is no reason to lose a test result.
     */
    static long millis(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        String number = seconds.strip();
        if (number.indexOf(',') >= 0) {
            // "1,234.5" groups thousands; "0,5" is a decimal comma from a non-English locale
            number = number.indexOf('.') >= 0 ? number.replace(",", "") : number.replace(',', '.');
        }
        try {
            double value = Double.parseDouble(number);
            if (!Double.isFinite(value) || value < 0) {
                return 0;
            }
            return Math.round(value * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A suite {@code timestamp}. Writers differ: with an offset ({@code 2024-12-02T20:06:10.512+00:00}), with
     * {@code Z}, with {@code UTC}, or with no zone at all (pytest, surefire); a time with no zone is read as UTC,
     * which is what CI runners mostly use.
     */
    static Optional<Instant> instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        String text = UTC_SUFFIX.matcher(timestamp.strip()).replaceFirst("Z");
        text = SPACE_SEPARATOR.matcher(text).replaceFirst("$1T$2");
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** A positive line number, if the attribute holds one. */
    static OptionalInt line(String line) {
        if (line == null || line.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(line.strip());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Null for a missing or blank attribute, else the value stripped of surrounding whitespace. */
    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
