package dev.feedbackloop.guard;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One assertion of a test, read statically, with a strength: how much of the behaviour it pins down.
 *
 * @param statement where it is
 * @param subject   what it checks (a locator, a value), normalised
 * @param matcher   the canonical matcher name: {@code toHaveText}, {@code to_have_text} and {@code 'have.text'} are
 *                  all {@code havetext}
 * @param expected  the value it compares with
 * @param negated   {@code .not}, {@code not_to_}, {@code 'not.exist'}
 * @param soft      a soft assertion ({@code expect.soft}, AssertJ soft assertions), which does not stop the test
 * @param strength  see {@link #NEVER_FAILS} to {@link #EXACT}
 * @param written   the assertion as written, for messages
 */
record Assertion(Statement statement, String subject, String matcher, Expected expected, boolean negated,
                 boolean soft, int strength, String written) {

    /** Cannot fail: {@code toBeDefined()} on a text, {@code should('contain', '')}, {@code x || true}. */
    static final int NEVER_FAILS = 0;
    /** Something exists or is truthy: {@code toBeVisible()}, {@code not.toHaveCount(0)}, {@code > 0}. */
    static final int PRESENCE = 10;
    /** A range or one of several values: {@code toBeGreaterThan(3)}, {@code [200, 201].includes(s)}. */
    static final int RANGE = 15;
    /** Part of a value: {@code toContainText('x')}, an unanchored regex, {@code startsWith}. */
    static final int PARTIAL = 20;
    /** A state: {@code toBeDisabled()}, {@code toBeChecked()}, an absence ({@code not.toBeVisible()}). */
    static final int STATE = 25;
    /** A value pinned by an anchored pattern without wildcards: {@code /^Order #\d{6}$/}. */
    static final int FORMAT = 28;
    /** An exact value: {@code toHaveText('2')}, {@code toBe(201)}, {@code assertEquals}. */
    static final int EXACT = 30;
    /** The matcher of a check the runner makes itself: a Cypress lookup that must find something. */
    static final String FOUND = "found";

    private static final Set<String> PARTIAL_MATCHERS = Set.of("containtext", "contain", "include", "includes",
            "match", "stringcontaining", "containsstring", "startswith", "endswith", "contains", "matches",
            "containsignoringcase", "containsubset", "tomatch", "includetext", "containsentry", "havetextcontaining",
            "haveurlcontaining", "havetitlecontaining", "havevaluecontaining", "haveattributecontaining",
            "haveattrcontaining");
    private static final Map<String, Integer> MATCHERS = matchers();
    /** States whose negation only says a value is there. */
    private static final Set<String> EMPTY_STATES = Set.of("beempty", "benull", "beundefined", "befalsy", "benan",
            "isnull", "assertnull", "isempty", "befalse", "isfalse");
    private static final Pattern TAUTOLOGY = Pattern.compile("(\\|\\||\\?\\?|\\bor\\b) (true|1|True|\"[^\"]+\")\\b");

    int line() {
        return statement.line();
    }

    Assertion withStrength(int value) {
        return new Assertion(statement, subject, matcher, expected, negated, soft, value, written);
    }

    /** How the assertion reads, for messages: as written when known. */
    String describe() {
        if (!written.isBlank()) {
            return "`" + written + "`";
        }
        String value = switch (expected.kind()) {
            case NONE -> "";
            case TEXT, SUBSTRING -> "'" + shorten(expected.text()) + "'";
            case REGEX -> "/" + shorten(expected.text()) + "/";
            default -> shorten(expected.text());
        };
        return (negated ? "not " : "") + matcher + (value.isEmpty() ? "" : " " + value);
    }

    /** Playwright for Java's assertion names, as the other Playwright bindings spell them. */
    private static final Map<String, String> PLAYWRIGHT_JAVA = Map.ofEntries(Map.entry("hasText", "haveText"),
            Map.entry("containsText", "containText"), Map.entry("hasCount", "haveCount"),
            Map.entry("hasURL", "haveURL"), Map.entry("hasTitle", "haveTitle"), Map.entry("hasAttribute", "haveAttribute"),
            Map.entry("hasClass", "haveClass"), Map.entry("hasId", "haveId"), Map.entry("hasJSProperty", "haveJSProperty"),
            Map.entry("hasValues", "haveValues"), Map.entry("hasAccessibleName", "haveAccessibleName"),
            Map.entry("isVisible", "beVisible"), Map.entry("isHidden", "beHidden"), Map.entry("isEnabled", "beEnabled"),
            Map.entry("isDisabled", "beDisabled"), Map.entry("isChecked", "beChecked"), Map.entry("isEditable", "beEditable"),
            Map.entry("isAttached", "beAttached"), Map.entry("isFocused", "beFocused"), Map.entry("isInViewport", "beInViewport"));

    /** The canonical name of a matcher as written in any of the frameworks. */
    static String canonical(String raw) {
        String m = PLAYWRIGHT_JAVA.getOrDefault(raw.trim(), raw.trim());
        if (m.startsWith("not_to_")) {
            m = m.substring(7);
        } else if (m.startsWith("to_")) {
            m = m.substring(3);
        } else if (m.length() > 2 && m.startsWith("to") && Character.isUpperCase(m.charAt(2))) {
            m = m.substring(2);
        }
        if (m.startsWith("not.")) {
            m = m.substring(4);
        }
        return m.replace(".", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    static boolean isNegatedName(String raw) {
        return raw.trim().startsWith("not_to_") || raw.trim().startsWith("not.");
    }

    /** The strength of an assertion from its matcher, value, negation and subject. */
    static int strength(String matcher, Expected expected, boolean negated, String subject) {
        if (TAUTOLOGY.matcher(subject).find() || isLiteral(subject)) {
            return NEVER_FAILS;
        }
        int base = base(matcher, expected);
        if (negated) {
            return negatedStrength(matcher, expected, base);
        }
        return base;
    }

    private static int base(String matcher, Expected expected) {
        int base = MATCHERS.getOrDefault(matcher, PARTIAL);
        boolean partial = PARTIAL_MATCHERS.contains(matcher);
        return switch (expected.kind()) {
            case ANY -> NEVER_FAILS;
            case TEXT -> partial && expected.text().isBlank() ? NEVER_FAILS : base;
            case REGEX -> regexStrength(expected.regex().get(), base);
            case SUBSTRING -> Math.min(base, PARTIAL);
            case SET -> expected.values().size() > 1 && (partial || matcher.contains("oneof") || matcher.equals("isin"))
                    ? RANGE : base;
            case OTHER -> otherStrength(matcher, expected.text(), base);
            case NUMBER -> numberStrength(matcher, expected.number().orElse(1), base);
            default -> base;
        };
    }

    /** Object arguments: {@code toMatchObject({})} matches anything, {@code { gte: 1 }} is a bound. */
    private static int otherStrength(String matcher, String value, int base) {
        if ((matcher.equals("matchobject") || matcher.contains("containing")) && value.replace(" ", "").equals("{}")) {
            return NEVER_FAILS;
        }
        java.util.regex.Matcher bound = java.util.regex.Pattern.compile("\\{ (gte|gt|lte|lt) : (\\d+)").matcher(value);
        if (bound.find()) {
            long n = Long.parseLong(bound.group(2));
            boolean lower = bound.group(1).startsWith("g");
            return lower && (n <= 1 && bound.group(1).equals("gte") || n == 0) ? PRESENCE : RANGE;
        }
        return base;
    }

    private static int regexStrength(RegexShape regex, int base) {
        if (regex.catchAll()) {
            return NEVER_FAILS;
        }
        if (base < PARTIAL) {
            return base;
        }
        return regex.anchored() && !regex.wildcard() ? FORMAT : PARTIAL;
    }

    private static int numberStrength(String matcher, double n, int base) {
        if (base != RANGE) {
            return base;
        }
        boolean atLeast = matcher.contains("greaterthanorequal") || matcher.endsWith("gte")
                || matcher.endsWith("least") || matcher.contains("greaterthanorequalto");
        boolean greater = matcher.contains("greaterthan") || matcher.endsWith("gt") || matcher.endsWith("above");
        if (atLeast && n <= 0) {
            return NEVER_FAILS; // a count is always >= 0
        }
        if (greater && n <= 0 || atLeast && n <= 1) {
            return PRESENCE;
        }
        return RANGE;
    }

    private static int negatedStrength(String matcher, Expected expected, int base) {
        if ((matcher.equals("havecount") || matcher.equals("havelength") || matcher.contains("arrayofsize"))
                && expected.number().orElse(-1) == 0) {
            return PRESENCE; // not.toHaveCount(0): "there is at least one"
        }
        if (EMPTY_STATES.contains(matcher)) {
            return PRESENCE; // not.toBeEmpty(), not.toBeNull(): "there is something"
        }
        if (base == PRESENCE || base < PRESENCE || base == STATE) {
            return STATE; // an absence, or the opposite state
        }
        if (base == RANGE) {
            return RANGE;
        }
        return base >= FORMAT ? 8 : 12; // "anything but X" pins down little
    }

    private static boolean isLiteral(String subject) {
        return subject.matches("\"[^\"]*\"|-?\\d+(\\.\\d+)?|true|false|True|False|null|None");
    }

    private static String shorten(String s) {
        return Snippet.clip(s, 60);
    }

    private static Map<String, Integer> matchers() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String s : ("havetext be equal strictequal eq eql deepequal equals havecount haveurl havetitle havevalue "
                + "havevalues haveattribute haveattr haveproperty havelength matchobject haveclass havecss haveid "
                + "beelementsarrayofsize assertequals isequalto hassize containsexactly haveelementproperty havehref "
                + "havelink status header statuscode body havejsproperty haveaccessiblename haveaccessibledescription "
                + "haverole matchsnapshot matchinlinesnapshot havescreenshot assertlinesmatch assertarrayequals "
                + "assertiterableequals hasvalue hastext assertsame betrue befalse isequaltoignoringcase "
                + "isequaltocomparingfieldbyfield usingrecursivecomparison hasfieldorpropertywithvalue is equalto "
                + "havetextcontent havebeencalledwith havebeencalledtimes throw tothrow havekey havekeys")
                .split(" ")) {
            m.put(s, EXACT);
        }
        for (String s : ("bechecked bedisabled beenabled behidden beeditable befocused beempty beselected benull "
                + "beundefined befalsy benan beclickable beinviewport assertnull isnull isempty notexist assertfalse "
                + "isfalse beinstanceof beinstanceOf instanceof isinstanceof bea bean").split(" ")) {
            m.put(s, STATE);
        }
        for (String s : ("begreaterthan begreaterthanorequal belessthan belessthanorequal above below least most gt "
                + "gte lt lte greaterthan lessthan within becloseto isgreaterthan isgreaterthanorequalto islessthan "
                + "islessthanorequalto isbetween havelengthgreaterthan havelengthgt havelengthabove havelengthatleast "
                + "havelengthgte havelengthlessthan beoneof oneof isin isoneof anyof isinrange ispositive")
                .split(" ")) {
            m.put(s, RANGE);
        }
        for (String s : ("bevisible beattached bedisplayed bedisplayedinviewport exist beexisting bepresent betruthy "
                + "beok ok isnotnull assertnotnull isnotempty notempty isdisplayed istrue asserttrue notnullvalue "
                + "isnotblank havebeencalled").split(" ")) {
            m.put(s, PRESENCE);
        }
        m.put("bedefined", 5);
        for (String s : PARTIAL_MATCHERS) {
            m.put(s, PARTIAL);
        }
        return Map.copyOf(m);
    }
}
