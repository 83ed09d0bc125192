package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The count a failed text check was about: the expected and received texts alike but for small standalone numbers
 * ("You are number 7 on the list" received as "number 9"). Such a number is a position, a quantity or a total the
 * app computed, unlike the times, dates and identifiers that change from run to run ({@code 10:42},
 * {@code 2026-03-14}, {@code LF-T1-0043}), which a pattern may rightly let vary.
 */
final class ReceivedCount {

    /** A number of one to three digits standing alone: not joined to letters, separators of a time or a date. */
    private static final Pattern SMALL = Pattern.compile("(?<![\\w:/.,-])\\d{1,3}(?![\\w:/.,-]*\\d)(?!\\w)");
    private static final Pattern ANY_NUMBER = Pattern.compile("\\d+");

    private ReceivedCount() {
    }

    /** The expected count, quoted, when {@code expected} and {@code received} differ only in small counts. */
    static Optional<String> differing(String expected, String received) {
        if (expected.equals(received) || !skeleton(expected).equals(skeleton(received))) {
            return Optional.empty();
        }
        List<String> a = numbers(expected);
        List<String> b = numbers(received);
        List<String> differing = new ArrayList<>();
        Matcher all = ANY_NUMBER.matcher(expected);
        Matcher other = ANY_NUMBER.matcher(received);
        while (all.find() && other.find()) {
            if (!all.group().equals(other.group())) {
                if (!a.contains(all.group()) || !b.contains(other.group())) {
                    return Optional.empty(); // a differing number that is part of a time, date or identifier
                }
                differing.add(all.group());
            }
        }
        return differing.isEmpty() ? Optional.empty() : Optional.of("'" + String.join("', '", differing) + "'");
    }

    /** The text with its numbers as # and a plural after one made singular: "1 visit" and "2 visits" alike. */
    private static String skeleton(String text) {
        return ANY_NUMBER.matcher(text).replaceAll("#").replaceAll("(# \\p{L}+?)(?:es|s)\\b", "$1");
    }

    private static List<String> numbers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SMALL.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Whether every number that differs between the two texts carries a unit of measure ("First 30 min free" and
     * "First 45 min free"): a setting or a measurement the product may change, not a count of things.
     */
    static boolean measuredDifference(String expected, String received) {
        Matcher all = ANY_NUMBER.matcher(expected);
        Matcher other = ANY_NUMBER.matcher(received);
        boolean any = false;
        while (all.find() && other.find()) {
            if (!all.group().equals(other.group())) {
                if (!UNIT.matcher(expected.substring(all.end())).lookingAt()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Units of measure: a number before one is a setting or a measurement (30 min, 60 dB), not a count. */
    static final String UNITS = "ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?"
            + "|dBA?|k?Hz|kg|g|lbs?|km|m|cm|mm|mi|miles?|kWh?|W|V|px|GB|MB|KB|TB|mph|km/h|L|ml|°[CF]?|%";
    private static final Pattern UNIT = Pattern.compile("\\s?(" + UNITS + ")(?![\\w])");
    private static final Pattern UNIT_IN_LABEL = Pattern.compile("\\((" + UNITS + ")\\)");

    /** Whether a subject's label gives a unit ({@code getByLabel('Gain at 4 kHz (dB)')}): its value is a measure. */
    static boolean measured(String subject) {
        return UNIT_IN_LABEL.matcher(subject).find();
    }
}
