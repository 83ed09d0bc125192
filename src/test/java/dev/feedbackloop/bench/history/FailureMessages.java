package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.TestSpec.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Failure texts in the shapes a Java web project's reports carry: Selenium 4 exceptions with their build and
 * session lines, JUnit 5 and AssertJ assertions, RestAssured expectations, Awaitility timeouts, Spring and
 * Testcontainers errors, with stack frames through page objects into the test method. Written from those libraries'
 * message formats, not copied from any corpus. Variable parts (selectors, values, durations, hosts) come from the
 * given {@link Rng}: the same stream gives the same text, which is how a regression fails the same way every time.
 */
final class FailureMessages {

    private static final String CHROME = "126.0.6478.126";
    private static final String BUILD_INFO = "Build info: version: '4.21.0', revision: '79ed462ef4'\n"
            + "System info: os.name: 'Linux', os.arch: 'amd64', os.version: '6.5.0-1025-azure', java.version: "
            + "'17.0.11'\nDriver info: org.openqa.selenium.remote.RemoteWebDriver";
    private static final String[] ELEMENTS = {"save-button", "row", "total", "toast", "confirm-dialog",
        "status-badge", "empty-state", "pagination-next", "submit", "error-summary"};
    private static final String[] STATUSES = {"Pending", "Processing", "Shipped", "Delivered", "Cancelled"};
    private static final String[] JUNIT_FRAMES = {"java.base/java.lang.reflect.Method.invoke(Method.java:580)",
        "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)",
        "org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)"};

    private FailureMessages() {
    }

    /** A failure of {@code cause} in {@code test}. */
    static SimulatedFailure of(Cause cause, TestSpec test, Rng rng) {
        return switch (cause) {
            case TIMEOUT -> test.layer() == Layer.UI ? waitTimeout(test, rng) : junitTimeout(test, rng);
            case ASYNC_WAIT -> asyncWait(test, rng);
            case SELECTOR -> test.layer() == Layer.UI ? noSuchElement(test, rng) : value(test, rng);
            case STALE_ELEMENT -> test.layer() == Layer.UI ? stale(test, rng) : value(test, rng);
            case VALUE -> value(test, rng);
            case API_STATUS -> status(test, rng);
            case NETWORK -> network(test, rng);
            case ORDER_STATE -> orderState(test, rng);
            case CONCURRENCY -> concurrency(test, rng);
            case INFRA -> glitch(test, rng);
        };
    }

    /** A failure from an infrastructure incident. */
    static SimulatedFailure infra(Incident.Cause incident, TestSpec test, Rng rng) {
        return switch (incident) {
            case DOCKER -> test.layer() == Layer.UI
                    ? make(Cause.INFRA, "org.openqa.selenium.SessionNotCreatedException", "Could not start a new "
                            + "session. Response code 500. Message: session not created: Chrome failed to start: "
                            + "crashed.\n  (chrome not reachable)\n  (The process started from chrome location "
                            + "/usr/bin/google-chrome is no longer running, so ChromeDriver is assuming that Chrome "
                            + "has crashed.)\nHost info: host: 'ci-runner-" + rng.between(1, 9) + "', ip: '10.0.4."
                            + rng.between(2, 250) + "'\n" + BUILD_INFO, test, List.of(
                            "org.openqa.selenium.remote.ProtocolHandshake.createSession(ProtocolHandshake.java:114)",
                            "org.openqa.selenium.remote.RemoteWebDriver.startSession(RemoteWebDriver.java:229)"))
                    : make(Cause.INFRA, "java.lang.IllegalStateException", "Could not find a valid Docker "
                            + "environment. Please see logs and check configuration", test, List.of(
                            "org.testcontainers.dockerclient.DockerClientProviderStrategy.lambda$getFirstValidStrategy$7"
                                    + "(DockerClientProviderStrategy.java:277)",
                            "org.testcontainers.DockerClientFactory.client(DockerClientFactory.java:205)"));
            case DATABASE -> test.layer() == Layer.UI
                    ? make(Cause.INFRA, "org.openqa.selenium.WebDriverException", "unknown error: "
                            + "net::ERR_CONNECTION_REFUSED\n  (Session info: chrome=" + CHROME + ")\n" + BUILD_INFO,
                            test, seleniumFrames("get"))
                    : make(Cause.INFRA, "java.lang.IllegalStateException", "Failed to load ApplicationContext for "
                            + "[WebMergedContextConfiguration@" + hex(rng, 8) + " testClass = " + test.suite()
                            + "]\nCaused by: org.postgresql.util.PSQLException: Connection to postgres:5432 "
                            + "refused. Check that the hostname and port are correct and that the postmaster is "
                            + "accepting TCP/IP connections.", test, List.of(
                            "org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate"
                                    + ".loadContext(DefaultCacheAwareContextLoaderDelegate.java:180)"));
            case NETWORK -> test.layer() == Layer.UI
                    ? make(Cause.INFRA, "org.openqa.selenium.remote.UnreachableBrowserException", "Could not "
                            + "start a new session. Possible causes are invalid address of the remote server or "
                            + "browser start-up failure.\n" + BUILD_INFO, test, List.of(
                            "org.openqa.selenium.remote.RemoteWebDriver.execute(RemoteWebDriver.java:596)"))
                    : make(Cause.INFRA, "java.net.UnknownHostException", (test.layer() == Layer.API
                            ? "shop-api.ci.internal" : "wiremock") + ": Temporary failure in name resolution", test,
                            List.of("java.base/java.net.InetAddress$CachedLookup.get(InetAddress.java:988)"));
        };
    }

    private static SimulatedFailure waitTimeout(TestSpec test, Rng rng) {
        int seconds = rng.pick(new Integer[] {10, 15, 20});
        SimulatedFailure f = make(Cause.TIMEOUT, "org.openqa.selenium.TimeoutException", "Expected condition "
                + "failed: waiting for visibility of element located by By.cssSelector: " + selector(test, rng)
                + " (tried for " + seconds + " second(s) with 500 milliseconds interval)\n" + BUILD_INFO, test,
                List.of("org.openqa.selenium.support.ui.WebDriverWait.timeoutException(WebDriverWait.java:84)",
                        "org.openqa.selenium.support.ui.FluentWait.until(FluentWait.java:230)", pageFrame(test, rng)));
        return timed(f, seconds * 1000L + rng.between(0, 900));
    }

    private static SimulatedFailure junitTimeout(TestSpec test, Rng rng) {
        int seconds = rng.pick(new Integer[] {5, 10, 30});
        SimulatedFailure f = make(Cause.TIMEOUT, "java.util.concurrent.TimeoutException", test.method()
                + "() timed out after " + seconds + " seconds", test, List.of(
                "org.junit.jupiter.engine.extension.TimeoutExceptionFactory.create(TimeoutExceptionFactory.java:29)"));
        return timed(f, seconds * 1000L + rng.between(0, 200));
    }

    private static SimulatedFailure asyncWait(TestSpec test, Rng rng) {
        int seconds = rng.pick(new Integer[] {5, 10});
        SimulatedFailure f = make(Cause.ASYNC_WAIT, "org.awaitility.core.ConditionTimeoutException", "Condition "
                + "with alias '" + test.noun().toLowerCase(Locale.ROOT) + " " + rng.pick(new String[] {"event "
                + "published", "status updated", "indexed", "email sent"}) + "' didn't complete within " + seconds
                + " seconds because condition with lambda expression in " + test.suite() + " was not fulfilled.",
                test, List.of("org.awaitility.core.ConditionAwaiter.await(ConditionAwaiter.java:167)",
                        "org.awaitility.core.ConditionFactory.until(ConditionFactory.java:1006)"));
        return timed(f, seconds * 1000L + rng.between(0, 300));
    }

    private static SimulatedFailure noSuchElement(TestSpec test, Rng rng) {
        return make(Cause.SELECTOR, "org.openqa.selenium.NoSuchElementException", "no such element: Unable to "
                + "locate element: {\"method\":\"css selector\",\"selector\":\"" + selector(test, rng) + "\"}\n"
                + "  (Session info: chrome=" + CHROME + ")\nFor documentation on this error, please visit: "
                + "https://www.selenium.dev/documentation/webdriver/troubleshooting/errors#no-such-element-exception\n"
                + BUILD_INFO, test, seleniumFrames("findElement"));
    }

    private static SimulatedFailure stale(TestSpec test, Rng rng) {
        return make(Cause.STALE_ELEMENT, "org.openqa.selenium.StaleElementReferenceException", "stale element "
                + "reference: stale element not found\n  (Session info: chrome=" + CHROME + ")\nFor documentation "
                + "on this error, please visit: https://www.selenium.dev/documentation/webdriver/troubleshooting/"
                + "errors#stale-element-reference-exception\n" + BUILD_INFO, test, seleniumFrames("click"));
    }

    private static SimulatedFailure value(TestSpec test, Rng rng) {
        return switch (test.layer()) {
            case UI -> {
                int expected = rng.between(12, 240);
                int actual = expected - rng.between(1, 10);
                yield make(Cause.VALUE, "java.lang.AssertionError", "\nexpected: \"Total: $" + expected
                        + ".00\"\n but was: \"Total: $" + actual + ".00\"", test, List.of(pageFrame(test, rng)));
            }
            case API -> {
                int expected = rng.between(2, 25);
                yield make(Cause.VALUE, "java.lang.AssertionError", "1 expectation failed.\nJSON path items.size() "
                        + "doesn't match.\nExpected: <" + expected + ">\n  Actual: <" + (expected - 1) + ">\n", test,
                        restAssuredFrames());
            }
            case SERVICE -> make(Cause.VALUE, "org.opentest4j.AssertionFailedError", "expected: <"
                    + rng.pick(STATUSES).toUpperCase(Locale.ROOT) + "> but was: <"
                    + rng.pick(STATUSES).toUpperCase(Locale.ROOT) + "_REVIEW>", test, junitAssertFrames());
        };
    }

    private static SimulatedFailure status(TestSpec test, Rng rng) {
        int expected = test.name().contains("Returns201") ? 201 : 200;
        int actual = rng.pick(new Integer[] {500, 500, 502, 409, 404, 400});
        return make(Cause.API_STATUS, "java.lang.AssertionError", "1 expectation failed.\nExpected status code <"
                + expected + "> but was <" + actual + ">.\n", test, restAssuredFrames());
    }

    private static SimulatedFailure network(TestSpec test, Rng rng) {
        String host = rng.pick(new String[] {"payments-sandbox.internal:8443", "pricing-stub:8089",
            "search-index:9200", "shop-api.ci.internal:8080"});
        return switch (test.layer()) {
            case UI -> make(Cause.NETWORK, "org.openqa.selenium.WebDriverException", "unknown error: "
                    + "net::ERR_CONNECTION_RESET\n  (Session info: chrome=" + CHROME + ")\n" + BUILD_INFO, test,
                    seleniumFrames("get"));
            case API -> rng.chance(0.5)
                    ? timed(make(Cause.NETWORK, "java.net.SocketTimeoutException", "Read timed out", test,
                            List.of("java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
                                    "io.restassured.internal.RequestSpecificationImpl.get(RequestSpecificationImpl"
                                            + ".groovy:171)")), 30_000L + rng.between(0, 500))
                    : make(Cause.NETWORK, "java.net.ConnectException", "Connection refused", test, List.of(
                            "java.base/sun.nio.ch.Net.pollConnect(Native Method)",
                            "org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect("
                                    + "DefaultHttpClientConnectionOperator.java:156)"));
            case SERVICE -> make(Cause.NETWORK, "org.springframework.web.client.ResourceAccessException",
                    "I/O error on GET request for \"http://" + host + "/v1/" + test.noun().toLowerCase(Locale.ROOT)
                            + "s\": Read timed out", test, List.of(
                            "org.springframework.web.client.RestTemplate.createResourceAccessException("
                                    + "RestTemplate.java:905)"));
        };
    }

    private static SimulatedFailure orderState(TestSpec test, Rng rng) {
        if (test.layer() == Layer.UI) {
            return make(Cause.ORDER_STATE, "java.lang.AssertionError", "\nexpected: \"Your "
                    + test.noun().toLowerCase(Locale.ROOT) + " list is empty\"\n but was: \"" + rng.between(1, 3)
                    + " " + test.noun().toLowerCase(Locale.ROOT) + "s\"", test, List.of(pageFrame(test, rng)));
        }
        return rng.chance(0.6)
                ? make(Cause.ORDER_STATE, "org.opentest4j.AssertionFailedError", test.noun().toLowerCase(Locale.ROOT)
                        + " table should start empty ==> expected: <0> but was: <" + rng.between(1, 3) + ">", test,
                        junitAssertFrames())
                : make(Cause.ORDER_STATE, "org.springframework.dao.DataIntegrityViolationException", "could not "
                        + "execute statement [ERROR: duplicate key value violates unique constraint \"uk_"
                        + test.noun().toLowerCase(Locale.ROOT) + "_code\"\n  Detail: Key (code)=(TEST-"
                        + rng.between(1, 99) + ") already exists.]", test, List.of(
                        "org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException("
                                + "HibernateJpaDialect.java:290)"));
    }

    private static SimulatedFailure concurrency(TestSpec test, Rng rng) {
        int expected = rng.between(5, 50);
        return rng.chance(0.6)
                ? make(Cause.CONCURRENCY, "org.opentest4j.AssertionFailedError", test.noun().toLowerCase(Locale.ROOT)
                        + " count after concurrent updates ==> expected: <" + expected + "> but was: <"
                        + (expected - 1) + ">", test, junitAssertFrames())
                : make(Cause.CONCURRENCY, "org.springframework.orm.ObjectOptimisticLockingFailureException", "Row "
                        + "was updated or deleted by another transaction (or unsaved-value mapping was incorrect): "
                        + "[com.acme.shop." + test.noun().toLowerCase(Locale.ROOT) + "." + test.noun() + "#"
                        + rng.between(100, 9999) + "]", test, List.of(
                        "org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException("
                                + "HibernateJpaDialect.java:325)"));
    }

    private static SimulatedFailure glitch(TestSpec test, Rng rng) {
        if (test.layer() != Layer.UI) {
            return make(Cause.INFRA, "java.net.SocketException", "Connection reset", test,
                    List.of("java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:328)"));
        }
        return rng.chance(0.5)
                ? make(Cause.INFRA, "org.openqa.selenium.WebDriverException", "unknown error: session deleted "
                        + "because of page crash\nfrom unknown error: cannot determine loading status\nfrom tab "
                        + "crashed\n  (Session info: chrome=" + CHROME + ")\n" + BUILD_INFO, test,
                        seleniumFrames("getTitle"))
                : make(Cause.INFRA, "org.openqa.selenium.WebDriverException", "chrome not reachable\n  (Session "
                        + "info: chrome=" + CHROME + ")\n" + BUILD_INFO, test, seleniumFrames("findElement"));
    }

    private static SimulatedFailure make(Cause cause, String type, String message, TestSpec test,
                                         List<String> frames) {
        StringBuilder trace = new StringBuilder(type).append(": ").append(message);
        List<String> all = new ArrayList<>(frames);
        all.add(test.suite() + "." + test.method() + "(" + test.simpleClass() + ".java:" + test.line() + ")");
        all.addAll(List.of(JUNIT_FRAMES));
        for (String frame : all) {
            trace.append("\n\tat ").append(frame);
        }
        return new SimulatedFailure(cause, type, message, trace.toString(), OptionalLong.empty());
    }

    private static SimulatedFailure timed(SimulatedFailure failure, long millis) {
        return new SimulatedFailure(failure.cause(), failure.type(), failure.message(), failure.stackTrace(),
                OptionalLong.of(millis));
    }

    private static String selector(TestSpec test, Rng rng) {
        return "[data-testid='" + kebab(test.noun()) + "-" + rng.pick(ELEMENTS) + "']";
    }

    private static String pageFrame(TestSpec test, Rng rng) {
        String pkg = test.suite().substring(0, test.suite().lastIndexOf('.'));
        String verb = rng.pick(new String[] {"waitForTotal", "openDetails", "submitForm", "readStatus"});
        return pkg + ".pages." + test.noun() + "Page." + verb + "(" + test.noun() + "Page.java:" + rng.between(20, 140)
                + ")";
    }

    private static List<String> seleniumFrames(String command) {
        return List.of("org.openqa.selenium.remote.ErrorCodec.decode(ErrorCodec.java:167)",
                "org.openqa.selenium.remote.codec.w3c.W3CHttpResponseCodec.decode(W3CHttpResponseCodec.java:138)",
                "org.openqa.selenium.remote.RemoteWebDriver.execute(RemoteWebDriver.java:596)",
                "org.openqa.selenium.remote.RemoteWebDriver." + command + "(RemoteWebDriver.java:" + (command.length()
                        * 37 + 180) + ")");
    }

    private static List<String> restAssuredFrames() {
        return List.of("io.restassured.internal.ResponseSpecificationImpl$HamcrestAssertionClosure.validate("
                        + "ResponseSpecificationImpl.groovy:493)",
                "io.restassured.internal.ValidatableResponseOptionsImpl.statusCode("
                        + "ValidatableResponseOptionsImpl.java:89)");
    }

    private static List<String> junitAssertFrames() {
        return List.of("org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)",
                "org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)");
    }

    private static String kebab(String noun) {
        return noun.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String hex(Rng rng, int digits) {
        return String.format(Locale.ROOT, "%016x", rng.nextLong()).substring(0, digits);
    }
}
