package dev.feedbackloop.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Writes a realistic JSON Lines file of failure messages for benchmarks: templates of the shapes real frameworks
 * produce (Playwright, Cypress, Selenium in Java/Python/JS, Puppeteer, WebdriverIO, jest, JUnit 5, AssertJ, Hamcrest,
 * TestNG, pytest, xUnit/NUnit, mocha, Go, rest-assured, supertest, nock, msw, WireMock, crashes and code errors),
 * filled with random selectors, URLs, durations, ports, ids, line numbers and stack frames. Written from the
 * frameworks' message formats, not copied from any corpus. Each line also carries the template's intended
 * {@code label}, so the same file doubles as a rough agreement check.
 */
final class FailureMessageGenerator {

    private record Template(String framework, String label, Function<Random, String> message,
                            Function<Random, String> stack) {
    }

    private static final String[] SELECTORS = {"#submit", ".btn-primary", "[data-testid=\"cart-count\"]",
        "getByRole('button', { name: 'Place order' })", "getByLabel('Email')", "text=Sign in",
        "//div[@class='modal']//button[2]", "input[name=\"q\"]", "#checkout > .total", "getByTestId('price')",
        "li.todo-item:nth-child(3)", "[aria-label=\"Close\"]"};
    private static final String[] HOSTS = {"localhost", "127.0.0.1", "staging.example.com", "app.internal.test",
        "shop.acme.dev"};
    private static final String[] PATHS = {"/", "/login", "/dashboard", "/cart", "/checkout", "/orders/42",
        "/settings/profile", "/api/v1/users", "/products?page=2"};
    private static final String[] WORDS = {"Welcome back", "Order placed", "Total: $42.00", "Loading...",
        "Sign in", "Your cart is empty", "Saved", "Dashboard", "Error", "3 items"};
    private static final String[] TESTS = {"checkout flow", "user can log in", "adds item to cart",
        "shows order history", "updates profile", "search returns results", "applies coupon"};

    private static final List<Template> TEMPLATES = List.of(
            new Template("playwright", "SELECTOR_ISSUE", r -> "Error: locator.click: Timeout " + ms(r)
                    + "ms exceeded.\nCall log:\n  - waiting for " + pick(r, SELECTORS) + "\n", FailureMessageGenerator::jsStack),
            new Template("playwright", "SELECTOR_ISSUE", r -> "Error: strict mode violation: " + pick(r, SELECTORS)
                    + " resolved to " + (2 + r.nextInt(4)) + " elements:\n    1) <button class=\"btn\">" + pick(r, WORDS)
                    + "</button> aka getByRole('button')\n    2) <button class=\"btn ghost\">" + pick(r, WORDS)
                    + "</button> aka getByText('x')\n", r -> ""),
            new Template("playwright", "ASSERTION_FAIL", r -> "Error: Timed out " + ms(r) + "ms waiting for expect("
                    + "locator).toHaveText(expected)\n\nLocator: " + pick(r, SELECTORS) + "\nExpected string: \""
                    + pick(r, WORDS) + "\"\nReceived string: \"" + pick(r, WORDS) + "\"\nCall log:\n  - expect.toHaveText"
                    + " with timeout " + ms(r) + "ms\n  - waiting for " + pick(r, SELECTORS) + "\n  -   locator resolved "
                    + "to <span class=\"total\">x</span>\n  -   unexpected value \"" + pick(r, WORDS) + "\"\n",
                    FailureMessageGenerator::jsStack),
            new Template("playwright", "URL_MISMATCH", r -> "Error: expect(page).toHaveURL(expected) failed\n\n"
                    + "Expected pattern: /.*\\" + pick(r, PATHS) + "/\nReceived string:  \"" + url(r) + "\"\nTimeout: "
                    + ms(r) + "ms\n", FailureMessageGenerator::jsStack),
            new Template("playwright", "NAVIGATION_FAIL", r -> "Error: page.goto: net::ERR_CONNECTION_REFUSED at "
                    + url(r) + "\nCall log:\n  - navigating to \"" + url(r) + "\", waiting until \"load\"\n",
                    FailureMessageGenerator::jsStack),
            new Template("playwright", "TIMEOUT", r -> "Test timeout of " + ms(r) + "ms exceeded.", r -> ""),
            new Template("playwright", "INFRA", r -> "Error: locator.fill: Target page, context or browser has been "
                    + "closed\nBrowser logs:\n\n<launching> /ms-playwright/chromium-" + r.nextInt(2000)
                    + "/chrome-linux/chrome --disable-field-trial-config", FailureMessageGenerator::jsStack),
            new Template("playwright", "NETWORK_MOCK_FAIL", r -> "Error: route.fulfill: Route is already handled!",
                    FailureMessageGenerator::jsStack),
            new Template("playwright", "API_ASSERTION_FAIL", r -> "Error: expect(received).toBe(expected) // "
                    + "Object.is equality\n\nExpected: 200\nReceived: " + status(r) + "\n\n  " + r.nextInt(90)
                    + " |   const response = await request.get('" + pick(r, PATHS) + "');\n> " + r.nextInt(90)
                    + " |   expect(response.status()).toBe(200);\n", FailureMessageGenerator::jsStack),
            new Template("cypress", "SELECTOR_ISSUE", r -> "AssertionError: Timed out retrying after " + ms(r)
                    + "ms: Expected to find element: `" + pick(r, SELECTORS) + "`, but never found it.", r -> ""),
            new Template("cypress", "ASSERTION_FAIL", r -> "AssertionError: Timed out retrying after " + ms(r)
                    + "ms: expected '<h1.title>' to have text '" + pick(r, WORDS) + "', but the text was '"
                    + pick(r, WORDS) + "'", r -> ""),
            new Template("cypress", "NETWORK_MOCK_FAIL", r -> "CypressError: Timed out retrying after " + ms(r)
                    + "ms: `cy.wait()` timed out waiting `" + ms(r) + "ms` for the 1st request to the route: `"
                    + pick(r, new String[] {"getUser", "saveOrder", "search", "login"}) + "`. No request ever "
                    + "occurred.\n\nhttps://on.cypress.io/wait", r -> ""),
            new Template("cypress", "INFRA", r -> "We detected that the Chromium Renderer process just crashed.\n\n"
                    + "This can happen for a number of different reasons.\n\nhttps://on.cypress.io/renderer-process-"
                    + "crashed", r -> ""),
            new Template("cypress", "NAVIGATION_FAIL", r -> "CypressError: `cy.visit()` failed trying to load:\n\n"
                    + url(r) + "\n\nWe attempted to make an http request to this URL but the request failed "
                    + "without a response.\n\nWe received this error at the network level:\n\n  > Error: connect "
                    + "ECONNREFUSED 127.0.0.1:" + port(r), r -> ""),
            new Template("selenium-java", "SELECTOR_ISSUE", r -> "org.openqa.selenium.NoSuchElementException: no "
                    + "such element: Unable to locate element: {\"method\":\"css selector\",\"selector\":\""
                    + pick(r, SELECTORS).replace("\"", "\\\"") + "\"}\n  (Session info: chrome=" + version(r)
                    + ")\nFor documentation on this error, please visit: https://www.selenium.dev/documentation/"
                    + "webdriver/troubleshooting/errors#no-such-element-exception\nBuild info: version: '4."
                    + r.nextInt(20) + ".0', revision: '" + hex(r, 10) + "'\nSystem info: os.name: 'Linux', "
                    + "os.arch: 'amd64', java.version: '17.0." + r.nextInt(12) + "'", FailureMessageGenerator::javaStack),
            new Template("selenium-java", "SELECTOR_ISSUE", r -> "org.openqa.selenium.TimeoutException: Expected "
                    + "condition failed: waiting for visibility of element located by By.cssSelector: "
                    + pick(r, SELECTORS) + " (tried for " + r.nextInt(30) + " second(s) with 500 milliseconds "
                    + "interval)", FailureMessageGenerator::javaStack),
            new Template("selenium-java", "INFRA", r -> "org.openqa.selenium.SessionNotCreatedException: Could "
                    + "not start a new session. Response code 500. Message: session not created: This version of "
                    + "ChromeDriver only supports Chrome version " + (100 + r.nextInt(30)),
                    FailureMessageGenerator::javaStack),
            new Template("selenium-python", "SELECTOR_ISSUE", r -> "selenium.common.exceptions."
                    + "ElementClickInterceptedException: Message: element click intercepted: Element <button "
                    + "id=\"pay\"> is not clickable at point (" + r.nextInt(900) + ", " + r.nextInt(700)
                    + "). Other element would receive the click: <div class=\"overlay\">...</div>", r -> ""),
            new Template("puppeteer", "SELECTOR_ISSUE", r -> "TimeoutError: Waiting for selector `"
                    + pick(r, SELECTORS) + "` failed: Waiting failed: " + ms(r) + "ms exceeded",
                    FailureMessageGenerator::jsStack),
            new Template("puppeteer", "NAVIGATION_FAIL", r -> "TimeoutError: Navigation timeout of " + ms(r)
                    + " ms exceeded", FailureMessageGenerator::jsStack),
            new Template("webdriverio", "SELECTOR_ISSUE", r -> "Error: element (\"" + pick(r, SELECTORS)
                    + "\") still not displayed after " + ms(r) + "ms", FailureMessageGenerator::jsStack),
            new Template("jest", "ASSERTION_FAIL", r -> "expect(received).toEqual(expected) // deep equality\n\n"
                    + "- Expected  - 1\n+ Received  + 1\n\n  Object {\n-   \"total\": " + r.nextInt(100)
                    + ",\n+   \"total\": " + r.nextInt(100) + ",\n  }", FailureMessageGenerator::jsStack),
            new Template("jest", "TIMEOUT", r -> "thrown: \"Exceeded timeout of " + ms(r) + " ms for a test.\nAdd a "
                    + "timeout value to this test to increase the timeout, if this is a long-running test. See "
                    + "https://jestjs.io/docs/api#testname-fn-timeout.\"", FailureMessageGenerator::jsStack),
            new Template("jest", "UNKNOWN", r -> "TypeError: Cannot read properties of undefined (reading '"
                    + pick(r, new String[] {"map", "id", "length", "name"}) + "')", FailureMessageGenerator::jsStack),
            new Template("junit5", "ASSERTION_FAIL", r -> "org.opentest4j.AssertionFailedError: expected: <"
                    + r.nextInt(50) + "> but was: <" + r.nextInt(50) + ">", FailureMessageGenerator::javaStack),
            new Template("assertj", "ASSERTION_FAIL", r -> "java.lang.AssertionError: \nExpecting actual:\n  \""
                    + pick(r, WORDS) + "\"\nto be equal to:\n  \"" + pick(r, WORDS) + "\"\nbut was not.",
                    FailureMessageGenerator::javaStack),
            new Template("hamcrest", "ASSERTION_FAIL", r -> "java.lang.AssertionError: \nExpected: is <"
                    + r.nextInt(9) + ">\n     but: was <" + r.nextInt(9) + ">", FailureMessageGenerator::javaStack),
            new Template("testng", "ASSERTION_FAIL", r -> "java.lang.AssertionError: expected [" + pick(r, WORDS)
                    + "] but found [" + pick(r, WORDS) + "]", FailureMessageGenerator::javaStack),
            new Template("pytest", "ASSERTION_FAIL", r -> "E       AssertionError: assert '" + pick(r, WORDS)
                    + "' == '" + pick(r, WORDS) + "'\nE         - " + pick(r, WORDS) + "\nE         + "
                    + pick(r, WORDS), FailureMessageGenerator::pyStack),
            new Template("pytest", "INFRA", r -> "E   sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) "
                    + "could not connect to server: Connection refused\nE   \tIs the server running on host "
                    + "\"localhost\" (127.0.0.1) and accepting TCP/IP connections on port 5432?",
                    FailureMessageGenerator::pyStack),
            new Template("rest-assured", "API_ASSERTION_FAIL", r -> "java.lang.AssertionError: 1 expectation "
                    + "failed.\nExpected status code <200> but was <" + status(r) + ">.\n",
                    FailureMessageGenerator::javaStack),
            new Template("supertest", "API_ASSERTION_FAIL", r -> "Error: expected 200 \"OK\", got " + status(r)
                    + " \"Internal Server Error\"", FailureMessageGenerator::jsStack),
            new Template("nock", "NETWORK_MOCK_FAIL", r -> "Error: Nock: No match for request {\n  \"method\": "
                    + "\"GET\",\n  \"url\": \"" + url(r) + "\",\n  \"headers\": {\n    \"authorization\": \"Bearer "
                    + hex(r, 32) + "\"\n  }\n}", FailureMessageGenerator::jsStack),
            new Template("wiremock", "NETWORK_MOCK_FAIL", r -> "com.github.tomakehurst.wiremock.client."
                    + "VerificationException: Expected at least one request matching: {\n  \"url\" : \""
                    + pick(r, PATHS) + "\",\n  \"method\" : \"POST\"\n}\nRequests received: [ ]",
                    FailureMessageGenerator::javaStack),
            new Template("xunit", "ASSERTION_FAIL", r -> "Assert.Equal() Failure\nExpected: " + r.nextInt(20)
                    + "\nActual:   " + r.nextInt(20), r -> "   at Shop.Tests.CartTests.Total() in /src/Shop.Tests/"
                    + "CartTests.cs:line " + r.nextInt(300)),
            new Template("mocha", "TIMEOUT", r -> "Error: Timeout of " + ms(r) + "ms exceeded. For async tests and "
                    + "hooks, ensure \"done()\" is called; if returning a Promise, ensure it resolves. (/home/ci/"
                    + "work/app/test/" + pick(r, TESTS).replace(' ', '-') + ".spec.js)", r -> ""),
            new Template("node", "INFRA", r -> "Error: connect ECONNREFUSED 127.0.0.1:" + pick(r,
                    new String[] {"5432", "6379", "27017", "3306"}), FailureMessageGenerator::jsStack),
            new Template("node", "INFRA", r -> "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap "
                    + "out of memory\n 1: 0x" + hex(r, 6) + " node::Abort() [node]\n 2: 0x" + hex(r, 6)
                    + " node::OnFatalError(char const*, char const*) [node]", r -> ""),
            new Template("junit5", "UNKNOWN", r -> "java.lang.NullPointerException: Cannot invoke \"String.length()"
                    + "\" because \"name\" is null", FailureMessageGenerator::javaStack),
            new Template("go", "ASSERTION_FAIL", r -> "    Error Trace:\t/home/runner/work/app/cart_test.go:"
                    + r.nextInt(200) + "\n    Error:      \tNot equal: \n                \texpected: "
                    + r.nextInt(9) + "\n                \tactual  : " + r.nextInt(9) + "\n    Test:       \tTestCart",
                    r -> ""),
            new Template("playwright", "FRAME_FAIL", r -> "Error: frame.click: Frame was detached\nCall log:\n  - "
                    + "waiting for " + pick(r, SELECTORS), FailureMessageGenerator::jsStack));

    private FailureMessageGenerator() {
    }

    /** Writes {@code count} lines to {@code out}; the same seed gives the same file. */
    static void write(OutputStream out, int count, long seed) throws IOException {
        Random random = new Random(seed);
        JsonFactory json = JsonFactory.builder().build();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < count; i++) {
                Template t = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
                g.writeStartObject();
                g.writeStringField("id", "m" + i);
                g.writeStringField("framework", t.framework());
                g.writeStringField("label", t.label());
                g.writeStringField("message", t.message().apply(random));
                String stack = t.stack().apply(random);
                if (!stack.isEmpty()) {
                    g.writeStringField("stack", stack);
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static String jsStack(Random r) {
        String test = pick(r, TESTS).replace(' ', '-');
        return "    at " + pick(r, new String[] {"Object.<anonymous>", "Context.<anonymous>", "async Promise.all"})
                + " (/home/runner/work/shop/shop/tests/e2e/" + test + ".spec.ts:" + r.nextInt(300) + ":"
                + r.nextInt(40) + ")\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)";
    }

    private static String javaStack(Random r) {
        String test = pick(r, new String[] {"CheckoutTest", "LoginTest", "CartTest", "OrderApiTest"});
        return "\tat com.acme.shop." + test + "." + pick(r, new String[] {"placesOrder", "logsIn", "addsItem",
            "returnsOrders"}) + "(" + test + ".java:" + r.nextInt(400) + ")\n\tat java.base/jdk.internal.reflect."
                + "NativeMethodAccessorImpl.invoke0(Native Method)\n\tat java.base/java.lang.reflect.Method.invoke("
                + "Method.java:568)\n\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils"
                + ".java:" + r.nextInt(800) + ")";
    }

    private static String pyStack(Random r) {
        return "tests/test_" + pick(r, TESTS).replace(' ', '_') + ".py:" + r.nextInt(200) + ": in test_it\n"
                + "    assert page.title() == expected";
    }

    private static String url(Random r) {
        return (r.nextBoolean() ? "http://" : "https://") + pick(r, HOSTS) + ":" + port(r) + pick(r, PATHS);
    }

    private static int ms(Random r) {
        return (1 + r.nextInt(60)) * 1000;
    }

    private static int port(Random r) {
        return 3000 + r.nextInt(6000);
    }

    private static int status(Random r) {
        return new int[] {400, 401, 403, 404, 409, 422, 500, 502, 503}[r.nextInt(9)];
    }

    private static String version(Random r) {
        return (100 + r.nextInt(30)) + ".0." + r.nextInt(7000) + "." + r.nextInt(200);
    }

    private static String hex(Random r, int digits) {
        StringBuilder s = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
