package dev.feedbackloop.cli;

import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.text.TerminalText;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the commands show values to people, in one place: names and text from reports escaped
 * ({@link TerminalText}), long ids shortened, times to the minute in UTC.
 */
final class Shown {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Shown() {
    }

    /** {@code suite > name}, or the name alone, escaped. */
    static String test(TestCase test) {
        return test(test.suite(), test.name());
    }

    /** {@code suite > name}, or the name alone when the suite is empty, escaped. */
    static String test(String suite, String name) {
        return TerminalText.escape(suite.isEmpty() ? name : suite + " > " + name);
    }

    /** The first line of {@code text}, stripped, cut to {@code max} characters with "…", escaped. */
    static String firstLine(String text, int max) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return TerminalText.escape(first.length() > max ? first.substring(0, max - 1) + "…" : first);
    }

    /** Text from a report or the store, escaped. */
    static String text(String text) {
        return TerminalText.escape(text);
    }

    /** A run id or commit that is a content hash or a full SHA (40 or 64 hex digits) shortened as git does. */
    static String id(String id) {
        boolean hash = (id.length() == 40 || id.length() == 64)
                && id.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        return TerminalText.escape(hash ? id.substring(0, 12) : id);
    }

    /** A time to the minute, UTC: {@code 2026-11-22 09:00}. */
    static String minute(Instant time) {
        return MINUTE.format(time);
    }

    /** The path relative to the working directory when it is below it, escaped. */
    static String path(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return TerminalText.escape((absolute.startsWith(here) ? here.relativize(absolute) : path).toString());
    }
}
