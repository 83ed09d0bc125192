package dev.feedbackloop.guard;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A received amount of money written over the expected one, where the two amounts themselves show that the received
 * one answers another question than the test's title asks: it is the expected amount without (or with) the tax the
 * title names ("quote includes VAT": £1,234.80 expected, the ex-VAT £1,029.00 received), or the price of another
 * quantity than the title's ("books two seats": £498.00 expected, the three-seat £747.00 received). A price the
 * product really changed fits neither, so it stays a matter for the reviewer.
 */
final class AdoptedAmount {

    private static final Pattern AMOUNT = Pattern.compile("(?:[£$€¥₹]\\s?(\\d[\\d,]*(?:\\.\\d+)?))"
            + "|(\\d[\\d,]*(?:\\.\\d+)?)\\s?(?:[£$€¥₹]|USD|EUR|GBP|CHF|NOK|SEK|DKK|kr\\b)");
    /** Standard sales tax and VAT rates. */
    private static final double[] TAX_RATES = {0.05, 0.07, 0.08, 0.1, 0.12, 0.15, 0.19, 0.2, 0.21, 0.23, 0.25};
    private static final Pattern TAX_INCLUDED = Pattern.compile("(?i)\\b(incl\\w*|vat|tax|taxes|gst|gross)\\b");
    private static final Pattern TAX_EXCLUDED = Pattern.compile("(?i)\\b(excl\\w*|net|before tax|ex vat|pre tax)\\b");
    private static final String[] NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve"};
    private static final Pattern QUANTITY = Pattern.compile("(?i)\\b(\\d{1,2}|one|two|three|four|five|six|seven|eight"
            + "|nine|ten|eleven|twelve) (\\w+ )?(seat|ticket|night|item|unit|adult|child|passenger|guest|room|place"
            + "|pass|copy|copie|bag|box|crate|license|licence|session|lesson|day|week|month|hour|pair|bottle"
            + "|product|book|person|people|player|member|slot|spot)s?\\b");

    private AdoptedAmount() {
    }

    /** Why writing {@code received} over {@code expected} is wrong in a test with this title, if the amounts show it. */
    static Optional<String> why(String title, String expected, String received) {
        OptionalDouble was = amount(expected);
        OptionalDouble now = amount(received);
        if (was.isEmpty() || now.isEmpty() || was.getAsDouble() <= 0 || now.getAsDouble() <= 0
                || same(was.getAsDouble(), now.getAsDouble())) {
            return Optional.empty();
        }
        String words = AssertionComparison.titleWords(title);
        return tax(words, was.getAsDouble(), now.getAsDouble()).or(() -> quantity(words, was.getAsDouble(),
                now.getAsDouble()));
    }

    private static Optional<String> tax(String words, double was, double now) {
        for (double rate : TAX_RATES) {
            String percent = Math.round(rate * 100) + "%";
            if (same(now * (1 + rate), was) && TAX_INCLUDED.matcher(words).find()
                    && !TAX_EXCLUDED.matcher(words).find()) {
                return Optional.of("the received amount is the expected one without its " + percent + " tax, which"
                        + " the test's title is about");
            }
            if (same(was * (1 + rate), now) && TAX_EXCLUDED.matcher(words).find()) {
                return Optional.of("the received amount is the expected one with " + percent + " tax added, which"
                        + " the test's title says it leaves out");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> quantity(String words, double was, double now) {
        Matcher m = QUANTITY.matcher(words);
        if (!m.find()) {
            return Optional.empty();
        }
        int n = count(m.group(1));
        if (n < 1) {
            return Optional.empty();
        }
        double each = was / n;
        for (int other = 1; other <= 12; other++) {
            if (other != n && same(each * other, now)) {
                return Optional.of("the received amount is what " + other + " " + m.group(3) + "s cost at the"
                        + " expected price of one, where the title is about " + m.group(1));
            }
        }
        return Optional.empty();
    }

    private static int count(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NUMBER_WORDS.length; i++) {
            if (NUMBER_WORDS[i].equals(w)) {
                return i;
            }
        }
        return Integer.parseInt(w);
    }

    static OptionalDouble amount(String text) {
        Matcher m = AMOUNT.matcher(text);
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        String digits = (m.group(1) != null ? m.group(1) : m.group(2)).replace(",", "");
        try {
            return OptionalDouble.of(Double.parseDouble(digits));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 0.011;
    }
}
