package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FailureNormalizerTest {

    private static final FailureNormalizer NORMALIZER = FailureNormalizer.standard();

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("durations", "Timeout 30000ms exceeded after 2.5s", "Timeout <n>ms exceeded after <n>s"),
                Arguments.of("ports and hosts keep their names", "connect ECONNREFUSED 127.0.0.1:5432",
                        "connect ECONNREFUSED <n>:<n>"),
                Arguments.of("line and column numbers", "at Object.<anonymous> (checkout.spec.ts:42:7)",
                        "at Object.<anonymous> (checkout.spec.ts:<n>:<n>)"),
                Arguments.of("versions and counts", "resolved to 3 elements (chrome=129.0.6668.90)",
                        "resolved to <n> elements (chrome=<n>)"),
                Arguments.of("HTTP status after status", "Expected status code <201> but was <500>.",
                        "Expected status code <201> but was <500>."),
                Arguments.of("HTTP status before its reason", "HttpClientErrorException$NotFound: 404 Not Found",
                        "HttpClientErrorException$NotFound: 404 Not Found"),
                Arguments.of("three digits without HTTP context", "took 404 retries", "took <n> retries"),
                Arguments.of("UUID", "order 123e4567-e89b-12d3-a456-426614174000 missing", "order <uuid> missing"),
                Arguments.of("ISO timestamp", "at 2024-05-01T10:00:00.123Z and 2024-05-02 11:30",
                        "at <ts> and <ts>"),
                Arguments.of("pointer", "SIGSEGV at 0x7ffd5e8a1b20", "SIGSEGV at <addr>"),
                Arguments.of("Java identity hash", "com.acme.Cart@1b6d3586 was not equal",
                        "com.acme.Cart@<addr> was not equal"),
                Arguments.of("hex hash", "commit e3e53437346286c0bc2d2dc9aa4915ba81d9023f", "commit <hex>"),
                Arguments.of("build-generated class names", "<h1 class=\"css-nei9rn euiTitle\">",
                        "<h<n> class=\"css-<id> euiTitle\">"),
                Arguments.of("URL query and fragment", "page.goto: net::ERR_ABORTED at https://shop.test/cart?sid=42#top",
                        "page.goto: net::ERR_ABORTED at https://shop.test/cart?<query>"),
                Arguments.of("absolute path", "at run (/home/ci/work/shop/node_modules/x/lib/index.js:12:3)",
                        "at run (.../lib/index.js:<n>:<n>)"),
                Arguments.of("Windows path", "at C:\\Users\\me\\shop\\node_modules\\x\\helper\\Playwright.js:27:4",
                        "at .../helper/Playwright.js:<n>:<n>"),
                Arguments.of("temporary path", "ENOENT: /tmp/jest_rs/a1b2/cache.json",
                        "ENOENT: <tmp>/cache.json"),
                Arguments.of("selectors keep their text", "waiting for locator('#submit-order')",
                        "waiting for locator('#submit-order')"),
                Arguments.of("XPath is not a path", "By.xpath: //div[@class='modal']//button",
                        "By.xpath: //div[@class='modal']//button"),
                Arguments.of("whitespace collapses", "Expected:   3\t\tReceived:  2  ", "Expected: <n> Received: <n>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void normalisesVolatileTokens(String name, String line, String normalised) {
        assertThat(FailureNormalizer.normalizeLine(line)).isEqualTo(normalised);
    }

    @Test
    void keepsTypeMessageAndFirstMeaningfulFrames() {
        Failure failure = new Failure("expected: <5> but was: <4>", Optional.of("org.opentest4j.AssertionFailedError"),
                Optional.of("org.opentest4j.AssertionFailedError: expected: <5> but was: <4>\n"
                        + "\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n"
                        + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
                        + "\tat com.acme.CartTest.total(CartTest.java:31)\n"
                        + "\tat com.acme.CartTest$$Lambda$123/0x0000000800c0b000.run(Unknown Source)\n"
                        + "\tat org.junit.platform.engine.Run.go(Run.java:1)\n"
                        + "\tat org.junit.platform.engine.Run.more(Run.java:2)\n"
                        + "\t... 42 more"));

        assertThat(NORMALIZER.normalize(failure).text()).isEqualTo("""
                org.opentest<n>j.AssertionFailedError
                expected: <<n>> but was: <<n>>
                at org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:<n>)
                at com.acme.CartTest.total(CartTest.java:<n>)
                at org.junit.platform.engine.Run.go(Run.java:<n>)""");
    }

    @Test
    void dropsWhatNamesTheTestOrTheMachine() {
        Failure failure = Failure.of("""
                  1) [chromium] › tests/cart.spec.ts:12:5 › adds an item ==========================
                    Error: locator.click: Timeout 30000ms exceeded.
                    Call log:
                      - waiting for getByRole('button', { name: 'Add' })
                    > 14 |   await page.getByRole('button', { name: 'Add' }).click();
                         |                                                    ^
                Build info: version: '4.1.0', revision: 'abc'
                System info: host: 'ci-42', ip: '10.0.0.7', os.name: 'Linux'
                """);

        assertThat(NORMALIZER.normalize(failure).text()).isEqualTo("""
                Error: locator.click: Timeout <n>ms exceeded.
                - waiting for getByRole('button', { name: 'Add' })""");
    }

    @Test
    void keepsCausedByLinesAndDropsRepeatedLines() {
        Failure failure = Failure.of("""
                java.lang.IllegalStateException: Failed to load ApplicationContext
                retrying
                retrying
                Caused by: org.postgresql.util.PSQLException: Connection to localhost:5432 refused.""");

        assertThat(NORMALIZER.normalize(failure).text()).isEqualTo("""
                java.lang.IllegalStateException: Failed to load ApplicationContext
                retrying
                Caused by: org.postgresql.util.PSQLException: Connection to localhost:<n> refused.""");
    }

    @Test
    void keepsOnlyTheFirstMessageLinesAndCutsLongTextInTheMiddle() {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            message.append("line ").append((char) ('a' + i)).append(' ').append("x".repeat(200)).append('\n');
        }

        NormalizedFailure normalized = NORMALIZER.normalize(Failure.of(message.toString()));

        assertThat(normalized.text()).startsWith("line a ").contains(" ... ").doesNotContain("line g ");
        assertThat(normalized.text().length()).isLessThanOrEqualTo(FailureNormalizer.MAX_LENGTH);
    }

    @Test
    void theSameFailureOnAnotherRunAndMachineHasTheSameFingerprint() {
        Failure onCi = Failure.of("Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:3000/login?r=1\n"
                + "    at /home/runner/work/shop/shop/tests/login.spec.ts:12:14");
        Failure onLaptop = Failure.of("Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:5173/login?r=9\n"
                + "    at /Users/ana/code/shop/tests/login.spec.ts:13:3");

        assertThat(NORMALIZER.normalize(onCi).fingerprint()).isEqualTo(NORMALIZER.normalize(onLaptop).fingerprint());
    }

    @Test
    void differentSelectorsExpectedValuesOrStatusesHaveDifferentFingerprints() {
        assertThat(fingerprint("strict mode violation: getByRole('button') resolved to 2 elements"))
                .isNotEqualTo(fingerprint("strict mode violation: getByRole('link') resolved to 2 elements"));
        assertThat(fingerprint("Expected: \"Paid\"\nReceived: \"Pending\""))
                .isNotEqualTo(fingerprint("Expected: \"Shipped\"\nReceived: \"Pending\""));
        assertThat(fingerprint("Expected status code <200> but was <404>."))
                .isNotEqualTo(fingerprint("Expected status code <200> but was <500>."));
        assertThat(fingerprint("Expected: 3\nReceived: 2"))
                .as("numbers are volatile: only the shape of the value counts")
                .isEqualTo(fingerprint("Expected: 30\nReceived: 29"))
                .isNotEqualTo(fingerprint("Expected: \"3\"\nReceived: \"2\""));
    }

    /** Golden values: a change here changes every stored scenario id, so it must be a deliberate decision. */
    @Test
    void fingerprintsArePinned() {
        assertThat(fingerprint("Test timeout of 30000ms exceeded.")).isEqualTo("ca23b29d7b1a38e0");
        assertThat(fingerprint("Error: locator.click: Timeout 30000ms exceeded.\nCall log:\n"
                + "  - waiting for getByRole('button', { name: 'Place order' })")).isEqualTo("8eea65928d85083e");
        assertThat(NORMALIZER.normalize(new Failure("expected:<1> but was:<2>", Optional.of("java.lang.AssertionError"),
                Optional.of("\tat com.acme.CartTest.total(CartTest.java:31)"))).fingerprint().value())
                .isEqualTo("3d7e3815b807a324");
        assertThat(NORMALIZER.normalize(new Failure("TimeoutError: page.goto: Timeout 30000ms exceeded.",
                Optional.of("TimeoutError"), Optional.empty())).fingerprint().value())
                .as("a type the message already states is read once")
                .isEqualTo(fingerprint("TimeoutError: page.goto: Timeout 30000ms exceeded."))
                .isEqualTo("0841c7d8efcada5a");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "TimeoutError                             | TimeoutError: locator.click: Timeout      | true",
        "org.opentest4j.AssertionFailedError      | org.opentest4j.AssertionFailedError: x   | true",
        "org.opentest4j.AssertionFailedError      | AssertionFailedError: expected <1>       | true",
        "java.lang.AssertionError                 | '  AssertionError'                       | true",
        "TimeoutError                             | TimeoutErrors happen: x                  | false",
        "TimeoutError                             | Error: TimeoutError: x                   | false",
        "AssertionError                           | expected:<1> but was:<2>                 | false"})
    void theTypeIsStatedInTheMessageOnlyWhenTheMessageOpensWithIt(String type, String message, boolean stated) {
        assertThat(FailureNormalizer.statedInMessage(type, message)).isEqualTo(stated);
    }

    private static String fingerprint(String message) {
        return NORMALIZER.normalize(Failure.of(message)).fingerprint().value();
    }
}
