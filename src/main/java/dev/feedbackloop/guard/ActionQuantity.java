package dev.feedbackloop.guard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The quantity a test's action moves, found in its title ("issuing two units decrements stock", "moving 10 bikes")
 * or typed by the test ({@code fill('2')}). When the received value the failure showed differs from the expected one
 * by exactly that quantity, the received value is the state before the action: the action did not happen, which is
 * the bug the test caught. A rewrite that expects the received value then tests that nothing happens.
 */
final class ActionQuantity {

    /** Calls that put a value into the page: typing ({@link SecretRule#INPUT_CALLS}) or choosing an option. */
    static final Set<String> INPUT_CALLS = Stream.concat(SecretRule.INPUT_CALLS.stream(),
            Stream.of("selectOption", "select_option", "select")).collect(Collectors.toUnmodifiableSet());

    /** A number on its own, thousands grouped by commas ({@code 1,240}) or not; not a piece of a longer one. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\d.,])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?![\\d.,]*\\d)");
    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("dozen", 12), Map.entry("hundred", 100));

    private ActionQuantity() {
    }

    /**
     * The quantity, as the test names it, by which {@code was} and {@code now} differ, when they are the same text
     * but for one number.
     */
    static Optional<String> undone(String was, String now, String title, List<String> typed) {
        Optional<BigDecimal> difference = difference(was, now);
        if (difference.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal moved = difference.get();
        for (Quantity q : quantities(title, typed)) {
            if (q.value().compareTo(moved) == 0) {
                return Optional.of(q.value().stripTrailingZeros().toPlainString() + " (" + q.source() + ")");
            }
        }
        return Optional.empty();
    }

    private record Quantity(BigDecimal value, String source) {
    }

    private static List<Quantity> quantities(String title, List<String> typed) {
        List<Quantity> out = new ArrayList<>();
        String words = AssertionComparison.titleWords(title);
        for (String word : words.split("[^a-z0-9.]+")) {
            Integer n = WORDS.get(word);
            if (n != null) {
                out.add(new Quantity(BigDecimal.valueOf(n), "'" + word + "' in the test's title"));
            } else if (word.matches("\\d{1,4}")) {
                out.add(new Quantity(new BigDecimal(word), "'" + word + "' in the test's title"));
            }
        }
        for (String value : typed) {
            if (value.strip().matches("\\d{1,6}(\\.\\d+)?")) {
                out.add(new Quantity(new BigDecimal(value.strip()), "the '" + value.strip() + "' the test types"));
            }
        }
        return out;
    }

    /** How far apart the one differing number of two texts alike but for it is; empty otherwise. */
    private static Optional<BigDecimal> difference(String was, String now) {
        List<String> a = numbers(was);
        List<String> b = numbers(now);
        if (a.isEmpty() || a.size() != b.size()
                || !NUMBER.matcher(was).replaceAll("#").equals(NUMBER.matcher(now).replaceAll("#"))) {
            return Optional.empty();
        }
        BigDecimal difference = null;
        for (int i = 0; i < a.size(); i++) {
            BigDecimal x = new BigDecimal(a.get(i));
            BigDecimal y = new BigDecimal(b.get(i));
            if (x.compareTo(y) != 0) {
                if (difference != null) {
                    return Optional.empty(); // two numbers changed: not one quantity undone
                }
                difference = x.subtract(y).abs();
            }
        }
        return Optional.ofNullable(difference).filter(d -> d.signum() > 0);
    }

    private static List<String> numbers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group().replace(",", ""));
        }
        return out;
    }
}
