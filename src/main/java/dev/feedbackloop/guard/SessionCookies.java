package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Session cookies written into a test as literals: {@code context.addCookies([{ name: 'sid', value: '...' }])},
 * {@code add_cookies}, WebdriverIO's {@code setCookies}, Cypress's {@code cy.setCookie('session', '...')}, Selenium's
 * {@code new Cookie("JSESSIONID", "...")} and {@code add_cookie({...})}, a {@code Cookie} header
 * ({@code .set('Cookie', 'sid=...')}, {@code headers: { cookie: '...' }}) and {@code document.cookie = '...'}. A
 * committed session value logs the test in as someone without the login, whatever the value looks like, so words such
 * as "fake" do not excuse it; a value that names a negative test ("invalid", "expired", ...) does, and so does one
 * that is computed (the environment, an earlier login's response), which is not a literal.
 */
final class SessionCookies {

    /** One cookie the statement sets from literals. */
    record Cookie(String name, String value) {
    }

    /** Cookie names that carry a login: session ids, auth and remember-me tokens. */
    private static final Pattern SESSION_NAME = Pattern.compile(
            "(?i)(^|[^a-z])sid([^a-z]|$)|sess|auth|token|jwt|login|remember|credential|bearer");
    /** Values a test uses on purpose to check that a bad session is refused. */
    static final Pattern NEGATIVE = Pattern.compile(
            "(?i)invalid|expired|wrong|bogus|tampered|revoked|malformed|forged|garbage|not[-_ ]?a[-_ ]?real|bad[-_]");
    private static final Set<String> OBJECT_CALLS = Set.of("addCookies", "add_cookies", "setCookies", "add_cookie",
            "addCookie", "set_cookie", "setCookie");
    private static final Set<String> POSITIONAL_CALLS = Set.of("setCookie", "Cookie", "set_cookie", "add_cookie");

    private SessionCookies() {
    }

    /** The session cookies the statement sets from literals not in the original. */
    static List<Cookie> in(Statement s, Set<String> originalLiterals) {
        return all(s).stream().filter(c -> SESSION_NAME.matcher(c.name()).find())
                .filter(c -> literal(c.value()) && !originalLiterals.contains(c.value())).toList();
    }

    /**
     * Whether every cookie the statement sets is a preference, not a login ({@code orchard_consent=essential}, a
     * theme, a language): the value a banner stores is no credential.
     */
    static boolean onlyPreferences(Statement s) {
        List<Cookie> cookies = all(s);
        return !cookies.isEmpty() && cookies.stream().noneMatch(c -> SESSION_NAME.matcher(c.name()).find());
    }

    /** Every cookie the statement sets, whatever its name or value. */
    private static List<Cookie> all(Statement s) {
        List<Cookie> out = new ArrayList<>();
        for (Call call : Call.all(s)) {
            if (OBJECT_CALLS.contains(call.name())) {
                objects(s, call.open(), call.close(), out);
            }
            boolean builder = call.name().equals("Builder") && call.receiver().endsWith("Cookie");
            if ((POSITIONAL_CALLS.contains(call.name()) || builder) && call.args().size() >= 2) {
                call.arg(0).flatMap(Call.Arg::text).ifPresent(name -> call.arg(1).flatMap(Call.Arg::text)
                        .ifPresent(value -> out.add(new Cookie(name, value))));
            }
        }
        storageState(s, out);
        headers(s, out);
        return out;
    }

    private static boolean literal(String value) {
        return value.strip().length() >= 4 && !value.contains("${") && !value.matches(".*\\{[^}]*}.*")
                && !NEGATIVE.matcher(value).find();
    }

    /**
     * A storage state written inline ({@code test.use({ storageState: { cookies: [{ name, value }] } })},
     * {@code browser.new_context(storage_state={"cookies": [...]})}): its cookies, as if added one by one.
     */
    private static void storageState(Statement s, List<Cookie> out) {
        for (int i = 0; i + 2 < s.size(); i++) {
            if (key(s.get(i)).equals("cookies") && s.is(i + 1, ":") && s.is(i + 2, "[") && s.partner(i + 2) > i) {
                objects(s, i + 2, s.partner(i + 2), out);
            }
        }
    }

    /**
     * {@code { name: 'x', value: 'y' }} (or Python's {@code "name": "x"} and {@code name="x"}) between the tokens
     * {@code open} and {@code close}.
     */
    private static void objects(Statement s, int open, int close, List<Cookie> out) {
        String name = null;
        for (int i = open + 1; i + 2 <= close; i++) {
            String key = key(s.get(i));
            boolean separator = s.is(i + 1, ":") || s.is(i + 1, "=");
            if (!separator || i + 2 >= close || !s.get(i + 2).isText()) {
                continue;
            }
            if (key.equals("name")) {
                name = s.get(i + 2).value();
            } else if (key.equals("value") && name != null) {
                out.add(new Cookie(name, s.get(i + 2).value()));
                name = null;
            } else if (key.equals("value")) {
                String value = s.get(i + 2).value();
                for (int j = i + 3; j + 2 < close; j++) {
                    if (key(s.get(j)).equals("name") && (s.is(j + 1, ":") || s.is(j + 1, "="))
                            && s.get(j + 2).isText()) {
                        out.add(new Cookie(s.get(j + 2).value(), value));
                        break;
                    }
                }
            }
        }
    }

    /** A {@code Cookie} header or {@code document.cookie} given a literal {@code name=value; ...}. */
    private static void headers(Statement s, List<Cookie> out) {
        for (int i = 0; i + 2 < s.size(); i++) {
            boolean cookie = key(s.get(i)).toLowerCase(Locale.ROOT).equals("cookie");
            boolean separator = s.is(i + 1, ":") || s.is(i + 1, ",") || s.is(i + 1, "=");
            if (!cookie || !separator) {
                continue;
            }
            int v = s.is(i + 2, "[") ? i + 3 : i + 2;
            while (v < s.size() && s.get(v).isText()) {
                for (String pair : s.get(v).value().split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        out.add(new Cookie(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip()));
                    }
                }
                v = s.is(v + 1, ",") ? v + 2 : s.size();
            }
        }
    }

    private static String key(Token t) {
        return t.isWord() ? t.text() : t.isText() ? t.value() : "";
    }
}
