package dev.feedbackloop.redact;

import java.util.List;

/**
 * Finds payment card numbers (PANs): 13 to 19 digits written together ({@code 4111111111111111}) or in the groups
 * cards and forms print ({@code 4111 1111 1111 1111}, {@code 5555-5555-5555-4444}, Amex {@code 3782 822463 10005},
 * Diners {@code 3056 930902 5904}), that start with an issuer's range (IIN) at a length that issuer uses, and pass
 * the Luhn check. All three must hold, so the other long numbers of test output stay: epoch milliseconds
 * ({@code 1733580000000}, 13 digits) and micro- or nanoseconds start with 1, which no card network issues; ids and
 * order numbers pass Luhn one time in ten and must also start in an issuer range; a number inside a version
 * ({@code 4.1111111111111111}), a decimal, a hex hash, a UUID, a word or a phone number ({@code +4111...}) is not
 * read at all, since the digits must stand alone.
 *
 * <p>Linear: a candidate is read from the start of a run of digits, and stops after at most
 * {@value #MAX_DIGITS} digits in {@value #MAX_GROUPS} groups.
 */
final class CardNumbers {

    static final String KIND = "card-number";
    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MAX_GROUPS = 5;

    /** Group lengths as cards print them: 4-4-4-4 (and 4-4-4-4-3 at 19), Amex 4-6-5, Diners 4-6-4. */
    private static final List<int[]> GROUPINGS = List.of(new int[] {4, 4, 4, 4}, new int[] {4, 4, 4, 4, 3},
            new int[] {4, 6, 5}, new int[] {4, 6, 4});

    /**
     * An issuer's range: numbers whose first {@code digits} digits lie in {@code [low, high]}, of {@code minLength}
     * to {@code maxLength} digits. From the networks' published IIN ranges.
     */
    private record Range(int low, int high, int minLength, int maxLength) {
        int digits() {
            return Integer.toString(low).length();
        }
    }

    private static final List<Range> ISSUERS = List.of(
            new Range(4, 4, 13, 19),            // Visa (13, 16, 19 in use; Visa Electron within)
            new Range(51, 55, 16, 16),          // Mastercard
            new Range(2221, 2720, 16, 16),      // Mastercard 2-series
            new Range(34, 34, 15, 15),          // American Express
            new Range(37, 37, 15, 15),
            new Range(6011, 6011, 16, 19),      // Discover
            new Range(644, 649, 16, 19),
            new Range(65, 65, 16, 19),
            new Range(300, 305, 14, 19),        // Diners Club
            new Range(36, 36, 14, 19),
            new Range(38, 39, 14, 19),
            new Range(3528, 3589, 16, 19),      // JCB
            new Range(62, 62, 16, 19),          // UnionPay
            new Range(2200, 2204, 16, 19),      // Mir
            new Range(5018, 5018, 13, 19),      // Maestro
            new Range(5020, 5020, 13, 19),
            new Range(5038, 5038, 13, 19),
            new Range(5893, 5893, 13, 19),
            new Range(6304, 6304, 13, 19),
            new Range(6759, 6759, 13, 19),
            new Range(6761, 6763, 13, 19),
            new Range(506099, 506198, 16, 19),  // Verve
            new Range(650002, 650027, 16, 19),
            new Range(9792, 9792, 16, 16));     // Troy

    private CardNumbers() {
    }

    /** Adds a span for every card number in {@code text}. */
    static void find(String text, List<Redactor.Span> spans) {
        int n = text.length();
        char[] digits = new char[MAX_DIGITS];
        int[] groups = new int[MAX_GROUPS];
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i)) || i > 0 && isDigit(text.charAt(i - 1))) {
                i++;
                continue;
            }
            int end = cardAt(text, i, digits, groups);
            if (end > 0) {
                spans.add(new Redactor.Span(i, end, KIND));
                i = end;
            } else {
                i++;
            }
        }
    }

    /** Where the card number starting at {@code start} (the first digit of a run) ends, or -1 for none. */
    private static int cardAt(String text, int start, char[] digits, int[] groups) {
        if (!standsAloneBefore(text, start)) {
            return -1;
        }
        int count = 0;
        int groupCount = 0;
        int i = start;
        char separator = 0;
        int[] groupEnds = new int[MAX_GROUPS];
        while (true) {
            int length = 0;
            while (i < text.length() && isDigit(text.charAt(i)) && length <= MAX_DIGITS) {
                if (count < MAX_DIGITS) {
                    digits[count++] = text.charAt(i);
                }
                i++;
                length++;
            }
            if (length > MAX_DIGITS) {
                if (groupCount == 0) {
                    return -1; // more than 19 digits in a row: not a card
                }
                break; // a long number after the groups read: they may still be a card
            }
            groups[groupCount] = length;
            groupEnds[groupCount++] = i;
            if (groupCount == MAX_GROUPS || i + 1 >= text.length() || !isDigit(text.charAt(i + 1))) {
                break;
            }
            char next = text.charAt(i);
            if (next != ' ' && next != '-' || separator != 0 && next != separator) {
                break;
            }
            separator = next;
            i++;
        }
        if (groups[0] >= MIN_DIGITS && standsAloneAfter(text, groupEnds[0]) && isCard(digits, groups[0])) {
            return groupEnds[0]; // written together, whatever numbers follow it
        }
        // a dash binds: a card's dashed groups followed by more of them are an id, whereas blanks may go on to an
        // expiry date or a code
        int fewest = separator == '-' ? groupCount : 3;
        if (separator == '-' && joinsOn(text, groupEnds[groupCount - 1], separator)) {
            return -1;
        }
        for (int g = groupCount; g >= fewest; g--) {
            if (isGrouping(groups, g) && standsAloneAfter(text, groupEnds[g - 1])
                    && isCard(digits, total(groups, g))) {
                return groupEnds[g - 1];
            }
        }
        return -1;
    }

    /**
     * Whether nothing joins the number to what is before it: a letter, digit, underscore (a word or hash), a dot
     * (a version or decimal), a plus (a phone number), a minus sign (a negative long), a dash or colon right after a
     * digit (a date, a UUID, a range, a time). A dash after a word ({@code card-4111...}) joins nothing.
     */
    private static boolean standsAloneBefore(String text, int start) {
        if (start == 0) {
            return true;
        }
        char before = text.charAt(start - 1);
        if (Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '+') {
            return false;
        }
        if (before == '-') {
            return start >= 2 && Character.isLetter(text.charAt(start - 2)); // card-4111..., not -4111... or 12-4111...
        }
        return !(before == ':' && start >= 2 && isDigit(text.charAt(start - 2)));
    }

    /** Whether {@code separator} and a digit follow at {@code end}. */
    private static boolean joinsOn(String text, int end, char separator) {
        return end + 1 < text.length() && text.charAt(end) == separator && isDigit(text.charAt(end + 1));
    }

    /** Whether nothing joins the number to what follows: a letter, digit, underscore, or a dot or colon and a digit. */
    private static boolean standsAloneAfter(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char after = text.charAt(end);
        if (Character.isLetterOrDigit(after) || after == '_') {
            return false;
        }
        return !((after == '.' || after == ':') && end + 1 < text.length()
                && isDigit(text.charAt(end + 1)));
    }

    private static boolean isGrouping(int[] groups, int count) {
        for (int[] grouping : GROUPINGS) {
            if (grouping.length == count && matches(grouping, groups)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(int[] grouping, int[] groups) {
        for (int g = 0; g < grouping.length; g++) {
            if (grouping[g] != groups[g]) {
                return false;
            }
        }
        return true;
    }

    private static int total(int[] groups, int count) {
        int sum = 0;
        for (int g = 0; g < count; g++) {
            sum += groups[g];
        }
        return sum;
    }

    /** Whether the first {@code length} digits start in an issuer's range at a length it uses, and pass Luhn. */
    static boolean isCard(char[] digits, int length) {
        return length >= MIN_DIGITS && length <= MAX_DIGITS && issued(digits, length) && luhn(digits, length);
    }

    private static boolean issued(char[] digits, int length) {
        for (Range range : ISSUERS) {
            int prefix = 0;
            for (int k = 0; k < range.digits(); k++) {
                prefix = prefix * 10 + digits[k] - '0';
            }
            if (prefix >= range.low() && prefix <= range.high() && length >= range.minLength()
                    && length <= range.maxLength()) {
                return true;
            }
        }
        return false;
    }

    /** The Luhn (mod 10) check every card number carries in its last digit. */
    static boolean luhn(char[] digits, int length) {
        int sum = 0;
        for (int k = 0; k < length; k++) {
            int d = digits[length - 1 - k] - '0';
            if (k % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
