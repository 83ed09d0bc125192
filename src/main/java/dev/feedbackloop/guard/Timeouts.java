package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** Reads the timeouts a statement sets, with their kind and value in milliseconds. */
final class Timeouts {

    /** What a timeout limits. */
    enum Kind {
        /** A web-first assertion's retrying. */
        EXPECT("expect timeout"),
        /** A whole test. */
        TEST("test timeout"),
        /** A Playwright action (click, fill, waitFor...). */
        ACTION("action timeout"),
        /** A navigation (goto, reload, waitForURL). */
        NAVIGATION("navigation timeout"),
        /** A Cypress command's retrying. */
        COMMAND("command timeout"),
        /** Cypress waiting for a request to go out. */
        REQUEST("request timeout"),
        /** Cypress waiting for a response. */
        RESPONSE("response timeout"),
        /** A page load. */
        PAGE_LOAD("page-load timeout"),
        /** An explicit wait (WebdriverIO waitFor*, Selenium WebDriverWait). */
        WAIT("wait timeout"),
        /** WebDriver's implicit wait. */
        IMPLICIT("implicit wait"),
        /** WebDriver's script timeout. */
        SCRIPT("script timeout");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One timeout setting.
     *
     * @param kind      what it limits
     * @param millis    its value; {@link TimeoutDefaults#UNLIMITED} for "no limit"; for {@code test.slow()}, -3
     * @param statement where it is set
     * @param what      how it is written, for messages
     */
    record Setting(Kind kind, long millis, Statement statement, String what) {
        /** A multiple of the test timeout ({@code test.slow()}, {@code testInfo.timeout * 2}) rather than a value. */
        boolean slow() {
            return millis < 0;
        }

        long factor() {
            return -millis;
        }
    }

    /** The value of {@code test.slow()}: three times the test timeout. */
    static final long SLOW = -TimeoutDefaults.PLAYWRIGHT_SLOW_FACTOR;

    private static final Map<String, Kind> KEYS = Map.of("actionTimeout", Kind.ACTION, "navigationTimeout",
            Kind.NAVIGATION, "defaultCommandTimeout", Kind.COMMAND, "requestTimeout", Kind.REQUEST,
            "responseTimeout", Kind.RESPONSE, "pageLoadTimeout", Kind.PAGE_LOAD, "waitforTimeout", Kind.WAIT,
            "implicit", Kind.IMPLICIT, "pageLoad", Kind.PAGE_LOAD, "testTimeout", Kind.TEST);
    private static final Set<String> NAVIGATIONS = Set.of("goto", "reload", "goBack", "goForward", "waitForURL",
            "waitForNavigation", "waitForLoadState", "setContent", "go_back", "go_forward", "wait_for_url",
            "wait_for_load_state", "set_content", "expect_navigation", "waitForURLChange");
    private static final Set<String> WAITS = Set.of("waitForDisplayed", "waitForExist", "waitForClickable",
            "waitForEnabled", "waitForStable", "waitUntil");

    private final Framework framework;
    private final Statement s;
    private final Durations durations;
    private final List<Setting> out = new ArrayList<>();

    private Timeouts(Framework framework, Statement s, Durations durations) {
        this.framework = framework;
        this.s = s;
        this.durations = durations;
    }

    /** The settings with literal values only. */
    static List<Setting> in(Statement s, Framework framework) {
        return in(s, framework, new Durations(Map.of()));
    }

    /** The settings, with values held by names resolved through {@code durations}. */
    static List<Setting> in(Statement s, Framework framework, Durations durations) {
        Timeouts t = new Timeouts(framework, s, durations);
        if (framework.language() == Language.JAVA) {
            t.java();
        } else {
            t.options();
            t.calls();
        }
        return t.out;
    }

    /** {@code { timeout: 30000 }} and {@code timeout=30000} options, and named keys such as actionTimeout. */
    private void options() {
        for (int i = 0; i + 2 < s.size(); i++) {
            Token key = s.get(i);
            boolean separator = s.is(i + 1, ":") || s.is(i + 1, "=") && framework.language() == Language.PYTHON;
            String name = key.isWord() ? key.text() : key.isText() ? key.value() : "";
            if (!separator || name.isEmpty() || s.is(i - 1, ".")) {
                continue;
            }
            Kind kind = name.equals("timeout") || name.equals("wait") && framework == Framework.WEBDRIVERIO
                    ? kindOfEnclosingCall(i) : KEYS.get(name);
            if (kind != null) {
                int at = i;
                value(i + 2).ifPresent(v -> add(kind, v, Snippet.of(s.tokens().subList(at, valueEnd(at + 2)))));
            }
        }
    }

    /** {@code test.setTimeout(n)}, {@code test.slow()}, {@code Cypress.config('defaultCommandTimeout', n)}, ... */
    private void calls() {
        for (Call c : Call.all(s)) {
            for (Call.Arg arg : c.args()) {
                // an options object passed by name: toHaveText('x', FX_WAIT), waitForDisplayed(WAIT_OPTS)
                OptionalDouble held = durations.optionsTimeout(arg);
                Kind kind = held.isPresent() ? kindOfEnclosingCall(arg.from()) : null;
                if (kind != null) {
                    add(kind, held.getAsDouble(), "timeout from " + arg.normalized());
                }
            }
            String name = c.name();
            String receiver = c.receiver();
            OptionalDouble first = c.arg(0).map(durations::value).orElse(OptionalDouble.empty());
            if ((name.equals("setTimeout") || name.equals("set_timeout")) && !receiver.isEmpty() && first.isEmpty()
                    && c.arg(0).isPresent() && factorOfCurrent(c.arg(0).get()) > 1) {
                out.add(new Setting(Kind.TEST, -factorOfCurrent(c.arg(0).get()), s, Snippet.of(c.tokens())));
            } else if ((name.equals("setTimeout") || name.equals("set_timeout")) && !receiver.isEmpty()
                    && first.isPresent()) {
                Kind kind = receiver.startsWith("page") || receiver.startsWith("context") ? Kind.ACTION : Kind.TEST;
                add(kind, first.getAsDouble(), Snippet.of(c.tokens()));
            } else if (name.equals("timeout") && receiver.equals("this") && first.isPresent()) {
                add(Kind.TEST, first.getAsDouble(), Snippet.of(c.tokens()));
            } else if (name.equals("slow") && (receiver.equals("test") || receiver.endsWith("Info")
                    || receiver.equals("test . info ( )"))) {
                out.add(new Setting(Kind.TEST, SLOW, s, Snippet.of(c.tokens())));
            } else if ((name.equals("setDefaultTimeout") || name.equals("set_default_timeout")) && first.isPresent()) {
                add(Kind.ACTION, first.getAsDouble(), Snippet.of(c.tokens()));
            } else if ((name.equals("setDefaultNavigationTimeout") || name.equals("set_default_navigation_timeout"))
                    && first.isPresent()) {
                add(Kind.NAVIGATION, first.getAsDouble(), Snippet.of(c.tokens()));
            } else if (name.equals("config") && receiver.equals("Cypress") && c.args().size() == 2) {
                Kind kind = c.arg(0).flatMap(Call.Arg::text).map(KEYS::get).orElse(null);
                OptionalDouble v = durations.value(c.args().get(1));
                if (kind != null && v.isPresent()) {
                    add(kind, v.getAsDouble(), Snippet.of(c.tokens()));
                }
            } else if (name.equals("timeout") && receiver.endsWith("mark") && first.isPresent()) {
                add(Kind.TEST, first.getAsDouble() * 1000, Snippet.of(c.tokens())); // pytest-timeout counts seconds
            } else if (testTimeoutArgument(c)) {
                add(Kind.TEST, durations.value(c.args().get(c.args().size() - 1)).getAsDouble(), "the test's "
                        + "timeout argument");
            }
        }
    }

    /** {@code testInfo.timeout * 3}, {@code test.info().timeout * 2}: a multiple of the current timeout, or 0. */
    private static long factorOfCurrent(Call.Arg arg) {
        String text = arg.normalized();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("timeout \\* (\\d+)|(\\d+) \\* [\\w .()]*timeout")
                .matcher(text);
        if (!m.find()) {
            return 0;
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Jest and Mocha take a test's timeout as a number after its function: {@code it('x', fn, 10000)}. */
    private boolean testTimeoutArgument(Call c) {
        List<String> head = c.head();
        if (head.isEmpty() || !Set.of("test", "it").contains(head.get(0)) || c.args().size() < 3) {
            return false;
        }
        return durations.value(c.args().get(c.args().size() - 1)).isPresent();
    }

    private void java() {
        for (Call c : Call.all(s)) {
            String name = c.name();
            List<Call.Arg> args = c.args();
            if (name.equals("WebDriverWait") && args.size() >= 2) {
                seconds(args.get(1)).ifPresent(v -> add(Kind.WAIT, v, "new WebDriverWait(..., " + shortText(args.get(1))
                        + ")"));
            } else if (name.equals("withTimeout") && !args.isEmpty()) {
                seconds(args.get(0)).ifPresent(v -> add(Kind.WAIT, v, Snippet.of(c.tokens())));
            } else if (name.equals("implicitlyWait") && !args.isEmpty()) {
                seconds(args.get(0)).ifPresent(v -> add(Kind.IMPLICIT, v, Snippet.of(c.tokens())));
            } else if ((name.equals("pageLoadTimeout") || name.equals("setPageLoadTimeout")) && !args.isEmpty()) {
                seconds(args.get(0)).ifPresent(v -> add(Kind.PAGE_LOAD, v, Snippet.of(c.tokens())));
            } else if ((name.equals("scriptTimeout") || name.equals("setScriptTimeout")) && !args.isEmpty()) {
                seconds(args.get(0)).ifPresent(v -> add(Kind.SCRIPT, v, Snippet.of(c.tokens())));
            } else if (name.equals("setDefaultTimeout") && framework == Framework.PLAYWRIGHT_JAVA && args.size() == 1) {
                durations.value(args.get(0)).ifPresent(v -> add(Kind.ACTION, v, Snippet.of(c.tokens())));
            } else if (name.equals("setDefaultNavigationTimeout") && framework == Framework.PLAYWRIGHT_JAVA
                    && args.size() == 1) {
                durations.value(args.get(0)).ifPresent(v -> add(Kind.NAVIGATION, v, Snippet.of(c.tokens())));
            } else if (name.equals("setTimeout") && framework == Framework.PLAYWRIGHT_JAVA && args.size() == 1) {
                // Playwright for Java's options: new LocatorAssertions.HasTextOptions().setTimeout(10_000)
                Kind kind = c.text().contains("Assertions") ? Kind.EXPECT
                        : c.text().contains("Navigate") || c.text().contains("WaitForURL") ? Kind.NAVIGATION : Kind.ACTION;
                durations.value(args.get(0)).ifPresent(v -> add(kind, v, Snippet.of(c.tokens())));
            } else if (name.equals("Timeout") && s.is(c.nameIndex() - 1, "@") && !args.isEmpty()) {
                seconds(args.get(0)).ifPresent(v -> add(Kind.TEST, v, "@Timeout" + Snippet.of(c.tokens()).substring(7)));
            }
        }
    }

    /** A Java duration: {@code Duration.ofSeconds(10)}, or a bare number of seconds (the old API). */
    private OptionalDouble seconds(Call.Arg arg) {
        boolean javaDuration = durations.isJavaDuration(arg);
        OptionalDouble n = durations.value(arg);
        return n.isPresent() && !javaDuration ? OptionalDouble.of(n.getAsDouble() * 1000) : n;
    }

    private Kind kindOfEnclosingCall(int at) {
        Call enclosing = null;
        for (Call c : Call.all(s)) {
            if (c.open() < at && at < c.close() && (enclosing == null || c.open() > enclosing.open())) {
                enclosing = c;
            }
        }
        if (enclosing == null) {
            return optionsObject(at) ? defaultKind() : null;
        }
        String name = enclosing.name();
        String chain = enclosing.text();
        if (name.equals("configure") && enclosing.receiver().contains("describe")) {
            return Kind.TEST;
        }
        if (chain.startsWith("expect") || name.equals("configure") || name.equals("set_options")
                || name.equals("toPass") || name.equals("poll") || name.startsWith("to") && !name.equals("toggle")) {
            return Kind.EXPECT;
        }
        if (framework == Framework.CYPRESS) {
            return switch (name) {
                // an alias wait: its timeout replaces the request's 5 s first, so a request never sent waits longer
                case "wait" -> Kind.REQUEST;
                case "request" -> Kind.RESPONSE;
                case "visit" -> Kind.PAGE_LOAD;
                default -> Kind.COMMAND;
            };
        }
        if (WAITS.contains(name)) {
            return Kind.WAIT;
        }
        return NAVIGATIONS.contains(name) ? Kind.NAVIGATION : Kind.ACTION;
    }

    /**
     * A key of an object literal a name holds ({@code const WAIT_OPTS = { timeout: 5000 }}), handed later to the
     * calls that wait: what it limits shows where it is used, so it counts as the framework's usual wait.
     */
    private boolean optionsObject(int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (s.is(i, "{")) {
                return s.is(i - 1, "=") || s.is(i - 1, ":") && i >= 3 && s.get(i - 2).isWord();
            }
        }
        return false;
    }

    private Kind defaultKind() {
        return switch (framework) {
            case CYPRESS -> Kind.COMMAND;
            case WEBDRIVERIO, SELENIUM_JAVA -> Kind.WAIT;
            default -> Kind.ACTION;
        };
    }

    /** The value after an option key: a literal product or a name, up to the next comma or closing bracket. */
    private OptionalDouble value(int from) {
        return durations.value(new Call.Arg(s, from, valueEnd(from)));
    }

    private int valueEnd(int from) {
        int to = from;
        while (to < s.size() && !s.get(to).is(",") && !s.get(to).is("}") && !s.get(to).is(")")) {
            to++;
        }
        return to;
    }

    private void add(Kind kind, double millis, String what) {
        // Playwright reads 0 as "no limit" for every timeout it takes (test, expect, action, navigation)
        boolean unlimited = millis == 0 && framework.isPlaywright();
        out.add(new Setting(kind, unlimited ? TimeoutDefaults.UNLIMITED : Math.round(millis), s, what));
    }

    private static String shortText(Call.Arg arg) {
        String t = arg.normalized().replace(" ", "");
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }
}
