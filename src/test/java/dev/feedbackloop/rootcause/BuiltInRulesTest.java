package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in rules are data with examples: each example must fire its rule and, if strong, decide the category. */
class BuiltInRulesTest {

    static Stream<Arguments> examples() {
        return RuleSet.builtIn().rules().stream()
                .flatMap(rule -> rule.examples().stream().map(example -> Arguments.of(rule.id(), rule, example)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("examples")
    void eachExampleFiresItsRule(String id, Rule rule, String example) {
        RuleInput text = new RuleInput(Failure.of(example), Optional.empty());

        assertThat(rule.fire(text, id)).as("rule %s on its example", id).isPresent();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("examples")
    void eachExampleOfAStrongRuleIsClassifiedAsItsCategory(String id, Rule rule, String example) {
        if (rule.weight() >= 0.8) {
            assertThat(classify(example).category())
                    .as("category of an example of %s", id).isEqualTo(rule.category());
        }
    }

    /**
     * Kinds of message, in each framework's own words, with the root cause they show: one or more cases per kind,
     * none copied from a rule's examples, and the near misses that must stay where they are.
     */
    static Stream<Arguments> kindsOfMessage() {
        return Stream.of(
                // selectors
                kind("TestCafe selector that matches nothing", Category.SELECTOR_ISSUE,
                        "The specified selector does not match any element in the DOM tree.\n\n  > | Selector('#pay')\n\n"
                                + "Browser: Chrome 120.0.0.0 / Ubuntu 22.04"),
                kind("TestCafe node lookup", Category.SELECTOR_ISSUE, "Cannot obtain information about the node because "
                        + "the specified selector does not match any node in the DOM tree."),
                kind("TestCafe element not visible", Category.SELECTOR_ISSUE,
                        "The element that matches the specified selector is not visible.\n\n  > | Selector('.menu a')"),
                kind("Capybara ambiguous match", Category.SELECTOR_ISSUE,
                        "Capybara::Ambiguous: Ambiguous match, found 3 elements matching visible link \"Edit\""),
                kind("Cypress action on several elements", Category.SELECTOR_ISSUE, "CypressError: `cy.type()` can "
                        + "only be called on a single element. Your subject contained 2 elements."),
                kind("Testing Library multiple matches", Category.SELECTOR_ISSUE,
                        "TestingLibraryElementError: Found multiple elements with the text: Remove"),
                kind("chai visibility of an element", Category.SELECTOR_ISSUE,
                        "AssertionError: expected element to be visible"),
                kind("Puppeteer click on a node that cannot be clicked", Category.SELECTOR_ISSUE,
                        "Error: Node is either not clickable or not an Element\n    at CdpElementHandle.clickablePoint"),
                kind("TestCafe selector on a text node", Category.SELECTOR_ISSUE, "The specified selector is expected to "
                        + "match a DOM element, but it matches a text node."),
                kind("a locator failing in a before-each hook is still the locator", Category.SELECTOR_ISSUE,
                        "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#email`, but never "
                                + "found it.\n\nBecause this error occurred during a `before each` hook we are skipping "
                                + "the remaining tests in the current suite: `Checkout`"),
                // URLs and expired sessions
                kind("AssertJ URL comparison", Category.URL_MISMATCH, "java.lang.AssertionError: \nExpecting actual:\n"
                        + "  \"https://shop.test/cart\"\nto end with:\n  \"/checkout\"\n"),
                kind("Go URL got/want", Category.URL_MISMATCH,
                        "    redirect_test.go:31: got \"https://a.test/home\", want \"https://a.test/orders\""),
                kind("JUnit 4 compacted URL comparison", Category.URL_MISMATCH,
                        "org.junit.ComparisonFailure: expected:<...tps://app.test/[inbox]> but was:<...tps://app.test/[welcome]>"),
                kind("Playwright for Python URL assertion", Category.URL_MISMATCH, "AssertionError: Page URL expected to "
                        + "match regex '.*/done$', but was 'https://app.test/step-2'"),
                // a URL assertion that saw a login page is a URL mismatch (not auto-fixable: FailureClassifierTest)
                kind("Keycloak login page instead of the app is a URL mismatch", Category.URL_MISMATCH,
                        "Error: expect(page).toHaveURL(expected) failed\n\nExpected: \"https://app.test/reports\"\n"
                                + "Received: \"https://id.test/realms/main/protocol/openid-connect/auth?client_id=app"
                                + "&redirect_uri=https%3A%2F%2Fapp.test%2Freports&response_type=code\""),
                kind("Azure AD authorize page instead of the app is a URL mismatch", Category.URL_MISMATCH,
                        "AssertionError: expected 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id"
                                + "=00000000-0000-0000-0000-000000000000&response_type=code&redirect_uri=https%3A%2F%2F"
                                + "app.test%2F' to equal 'https://app.test/inbox'"),
                kind("Selenium URL wait that landed on a login page with a return path is a URL mismatch", Category.URL_MISMATCH,
                        "org.openqa.selenium.TimeoutException: Expected condition failed: waiting for url to be "
                                + "\"https://crm.test/deals\". Current url: \"https://crm.test/signin?return_to=%2Fdeals\""),
                kind("Selenium URL wait on another page stays a URL mismatch", Category.URL_MISMATCH,
                        "org.openqa.selenium.TimeoutException: Expected condition failed: waiting for url to contain "
                                + "\"/thanks\". Current url: \"https://shop.test/checkout/payment\""),
                kind("Devise sign-in notice", Category.AUTH_EXPIRED, "expected to find text \"Invoices\" in \"You need to "
                        + "sign in or sign up before continuing. Log in Email Password\""),
                kind("a re-login prompt", Category.AUTH_EXPIRED, "Error: expect(locator).toHaveText(expected) failed\n\n"
                        + "Expected string: \"Saved\"\nReceived string: \"You have been logged out. Please log in again.\""),
                // navigation
                kind("TestCafe page request failed", Category.NAVIGATION_FAIL,
                        "Failed to load the page at \"https://staging.test/\".\nIncrease the value of the "
                                + "\"pageRequestTimeout\" variable, enable the \"retryTestPages\" option."),
                kind("Cuprite could not reach the app", Category.NAVIGATION_FAIL, "Ferrum::StatusError: Request to "
                        + "http://127.0.0.1:49152/ failed to reach server, check DNS and server status"),
                kind("a DNS miss is navigation", Category.NAVIGATION_FAIL,
                        "FetchError: request to https://preview-42.test/ failed, reason: getaddrinfo ENOTFOUND preview-42.test"),
                kind("FileNotFoundException is no DNS error", Category.UNKNOWN,
                        "java.io.FileNotFoundException: No content provider: content://com.acme/photo.jpg"),
                // network mocks
                // frames
                kind("a frame locator's own call timed out", Category.FRAME_FAIL,
                        "Error: frameLocator.getByRole('button', { name: 'Pay' }): Timeout 15000ms exceeded."),
                kind("Cypress iframe body on a null subject", Category.FRAME_FAIL, "CypressError: Timed out retrying after "
                        + "4000ms: `cy.its()` errored because your subject is: `undefined`. You cannot access any properties "
                        + "such as `contentWindow` on a `undefined` value."),
                kind("MockServer verification", Category.NETWORK_MOCK_FAIL, "java.lang.AssertionError: Request not found "
                        + "exactly 2 times, expected:<{ \"path\" : \"/orders\" }> but was:<{ \"path\" : \"/cart\" }>"),
                kind("VCR unhandled request", Category.NETWORK_MOCK_FAIL, "VCR::Errors::UnhandledHTTPRequestError:\n\n"
                        + "An HTTP request has been made that VCR does not know how to handle:\n  POST https://api.test/v1/charge"),
                kind("gock without a match", Category.NETWORK_MOCK_FAIL,
                        "    pay_test.go:20: Post \"https://psp.test/charge\": gock: cannot match any request"),
                kind("respx route not mocked", Category.NETWORK_MOCK_FAIL,
                        "respx.models.AllMockedAssertionError: RESPX: <Request('GET', 'https://api.test/v1/me')> not mocked!"),
                // API checks
                kind("supertest body", Category.API_ASSERTION_FAIL,
                        "Error: expected { ok: true } response body, got { ok: false, error: 'quota' }"),
                kind("supertest header", Category.API_ASSERTION_FAIL,
                        "Error: expected \"Content-Type\" of \"application/json\", got \"text/html; charset=utf-8\""),
                kind("MockMvc JSON path", Category.API_ASSERTION_FAIL,
                        "java.lang.AssertionError: JSON path \"$.items.length()\" expected:<3> but was:<0>"),
                kind("MockMvc status range", Category.API_ASSERTION_FAIL,
                        "java.lang.AssertionError: Range for response status value 500 expected:<SUCCESSFUL> but was:<SERVER_ERROR>"),
                kind("Karate match", Category.API_ASSERTION_FAIL,
                        "match failed: CONTAINS\n  $ | actual does not contain expected | all key-values did not match"),
                kind("xUnit status enum", Category.API_ASSERTION_FAIL,
                        "Assert.Equal() Failure: Values differ\nExpected: Created\nActual:   BadRequest"),
                kind("NUnit status enum", Category.API_ASSERTION_FAIL, "  Expected: OK\n  But was:  Unauthorized\n"),
                kind("FluentAssertions status", Category.API_ASSERTION_FAIL, "Expected response.StatusCode to be "
                        + "HttpStatusCode.Created {value: 201}, but found HttpStatusCode.Conflict {value: 409}."),
                kind("Spring ResponseEntity status", Category.API_ASSERTION_FAIL,
                        "org.opentest4j.AssertionFailedError: expected: <201 CREATED> but was: <400 BAD_REQUEST>"),
                kind("rspec-rails have_http_status", Category.API_ASSERTION_FAIL,
                        "expected the response to have a success status code (2xx) but it was 422"),
                kind("testify status values with a status message", Category.API_ASSERTION_FAIL,
                        "    Error:      \tNot equal: \n    \t            \texpected: 201\n    \t            \tactual  : 500\n"
                                + "    Messages:   \tunexpected status code"),
                kind("domain states that share names with statuses stay assertions", Category.ASSERTION_FAIL,
                        "Assert.Equal() Failure\nExpected: CREATED\nActual:   CANCELLED"),
                // value assertions
                kind("Go got/want", Category.ASSERTION_FAIL, "    price_test.go:18: got 1999, want 2499"),
                kind("Go cmp diff", Category.ASSERTION_FAIL, "    order_test.go:40: Order mismatch (-want +got):\n"
                        + "      Status: \"paid\" -> \"pending\""),
                kind("RSpec eq", Category.ASSERTION_FAIL, "expected: 3\n     got: 2\n\n(compared using ==)"),
                kind("Cypress element count", Category.ASSERTION_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: Not enough elements found. Found '1', expected '3'."),
                kind("Playwright missing screenshot baseline", Category.SNAPSHOT_BASELINE, "Error: A snapshot doesn't exist "
                        + "at /app/tests/cart.spec.ts-snapshots/cart-firefox-linux.png, writing actual."),
                kind("Playwright screenshot diff", Category.ASSERTION_FAIL, "Error: Screenshot comparison failed:\n\n"
                        + "  812 pixels (ratio 0.01 of all image pixels) are different."),
                kind("doctest check", Category.ASSERTION_FAIL, "math.cpp:12: ERROR: CHECK_EQ( add(2, 2), 5 ) is NOT correct!\n"
                        + "  values: CHECK_EQ( 4, 5 )"),
                kind("Catch2 require", Category.ASSERTION_FAIL, "REQUIRE( parse(\"1\") == 2 ) with expansion:\n  1 == 2"),
                kind("GoogleTest equality", Category.ASSERTION_FAIL,
                        "Expected equality of these values:\n  total\n    Which is: 4\n  5"),
                // infrastructure
                kind("SQL Server down", Category.INFRA, "Microsoft.Data.SqlClient.SqlException : A network-related or "
                        + "instance-specific error occurred while establishing a connection to SQL Server."),
                kind("MySQL down", Category.INFRA,
                        "MySql.Data.MySqlClient.MySqlException : Unable to connect to any of the specified MySQL hosts."),
                kind("Redis down for StackExchange.Redis", Category.INFRA, "StackExchange.Redis.RedisConnectionException : "
                        + "It was not possible to connect to the redis server(s). UnableToConnect on localhost:6379"),
                kind("Npgsql refused", Category.INFRA, "Npgsql.NpgsqlException : Failed to connect to [::1]:5432"),
                kind("Selenium grid down", Category.INFRA, "urllib3.exceptions.MaxRetryError: HTTPConnectionPool("
                        + "host='localhost', port=4444): Max retries exceeded with url: /session (Caused by "
                        + "NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))"),
                kind("docker compose dependency unhealthy", Category.INFRA,
                        "dependency failed to start: container api-postgres-1 is unhealthy"),
                kind("Testcontainers pull failed", Category.INFRA, "org.testcontainers.containers.ContainerFetchException: "
                        + "Can't get Docker image: RemoteDockerImage(imageName=postgres:16)"),
                kind("Gradle test executor killed", Category.INFRA,
                        "Process 'Gradle Test Executor 7' finished with non-zero exit value 137"),
                kind("Surefire fork crashed", Category.INFRA, "org.apache.maven.surefire.booter.SurefireBooterForkException: "
                        + "There was an error in the forked process"),
                kind("pod evicted for memory", Category.INFRA, "The node was low on resource: memory."),
                kind("Cypress could not drive the browser", Category.INFRA,
                        "Cypress failed to make a connection to Firefox."),
                kind("Selenium lost the driver's websocket", Category.INFRA, "org.openqa.selenium.remote.http."
                        + "ConnectionFailedException: Unable to establish websocket connection to http://grid:4444/session/1/se/cdp"),
                kind("dotnet test host crashed", Category.INFRA,
                        "The active test run was aborted. Reason: Test host process crashed : Stack overflow."),
                kind("NUnit one-time setup", Category.INFRA,
                        "OneTimeSetUp: System.Net.Http.HttpRequestException : Connection refused (localhost:8081)"),
                kind("mocha before-all hook", Category.INFRA,
                        "\"before all\" hook for \"creates an order\":\n     Error: seed failed: relation \"users\" does not exist"),
                kind("xUnit class fixture", Category.INFRA, "Class fixture type 'Shop.Tests.DatabaseFixture' threw in its "
                        + "constructor\n---- System.InvalidOperationException : migrations failed"),
                kind("a Go nil dereference is a code error, not a crash", Category.CODE_ERROR,
                        "panic: runtime error: invalid memory address or nil pointer dereference\n"
                                + "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x4f1c2a]"),
                kind("a JVM crash is a crash", Category.INFRA,
                        "# A fatal error has been detected by the Java Runtime Environment:\n#  SIGSEGV (0xb) at pc=0x00007f"),
                // code errors: a runtime exception, not a failed check
                kind("a .NET division by zero", Category.CODE_ERROR, "System.DivideByZeroException : Attempted to "
                        + "divide by zero.\n   at Shop.Pricing.Discount.PerUnit(Decimal total, Int32 units) in "
                        + "/src/Pricing/Discount.cs:line 42"),
                kind("a Python division by zero", Category.CODE_ERROR,
                        "ZeroDivisionError: division by zero\n\nsrc/metrics/ratio.py:14: ZeroDivisionError"),
                kind("Firefox's wording of a read on undefined", Category.CODE_ERROR,
                        "TypeError: user.profile is undefined\n    at renderHeader@http://localhost:9876/header.js:31:5"),
                kind("a Rust unwrap on None", Category.CODE_ERROR, "thread 'parser::tests::empty' panicked at "
                        + "src/parser.rs:41:27:\ncalled `Option::unwrap()` on a `None` value"),
                kind("PHP member call on null", Category.CODE_ERROR,
                        "Error: Call to a member function getId() on null\n\n/var/www/src/OrderService.php:54"),
                kind("Swift force-unwrap of nil", Category.CODE_ERROR, "Fatal error: Unexpectedly found nil while "
                        + "unwrapping an Optional value: file App/CartViewModel.swift, line 48"),
                kind("an assertion on an undefined value stays an assertion", Category.ASSERTION_FAIL,
                        "expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: undefined"),
                kind("an assertion on None stays an assertion", Category.ASSERTION_FAIL,
                        "E       AssertionError: assert None == 'paid'\nE        +  where None = <Order id=4>.status"),
                kind("a timeout stays a timeout", Category.TIMEOUT,
                        "Error: Test timeout of 30000ms exceeded while running \"beforeEach\" hook."),
                // snapshot baselines: nothing to compare with, record it
                kind("Playwright screenshot without a baseline", Category.SNAPSHOT_BASELINE,
                        "Error: expect(page).toHaveScreenshot(expected) failed\n\n  A snapshot doesn't exist at "
                                + "/builds/app/e2e/__screenshots__/checkout.spec.ts/summary-1.png, writing actual."),
                kind("Jest in CI without a stored snapshot", Category.SNAPSHOT_BASELINE, "expect(received)."
                        + "toMatchInlineSnapshot()\n\nNew snapshot was not written. The update flag must be explicitly "
                        + "passed to write a new snapshot."),
                kind("syrupy without a stored snapshot", Category.SNAPSHOT_BASELINE, "AssertionError: assert [+ "
                        + "received] == [- snapshot]\n  Snapshot 'test_invoice_render' does not exist!"),
                kind("swift-snapshot-testing recording a first reference", Category.SNAPSHOT_BASELINE,
                        "failed - No reference was found on disk. Automatically recorded snapshot: …"),
                kind("a snapshot that differs is a value assertion", Category.ASSERTION_FAIL,
                        "expect(received).toMatchSnapshot()\n\nSnapshot name: `Header renders 1`\n\n- Snapshot  - 1\n"
                                + "+ Received  + 1\n\n-   <li>Home</li>\n+   <li>Start</li>"),
                kind("a visual diff is a value assertion", Category.ASSERTION_FAIL, "Error: Screenshot comparison "
                        + "failed:\n\n  1250 pixels (ratio 0.01 of all image pixels) are different."),
                // bot walls
                kind("PerimeterX block page", Category.BOT_BLOCK, "Error: expect(page).toHaveTitle(expected) failed\n\n"
                        + "Expected string: \"Shop\"\nReceived string: \"Access to this page has been denied\""),
                kind("DataDome without a visible captcha", Category.BOT_BLOCK,
                        "AssertionError: expected '<body>' to contain 'Cart', but the text was 'Please enable JS and "
                                + "disable any ad blocker'"),
                kind("Cloudflare block page", Category.BOT_BLOCK,
                        "Received string: \"Why have I been blocked? This website is using a security service\""),
                kind("Akamai reference", Category.BOT_BLOCK, "Error: expect(locator).toBeVisible() failed\n\nPage text: "
                        + "Access Denied You don't have permission to access this server. Reference #18.9d1c1702.1712345678.3a4b5c6"),
                kind("F5 rejection page", Category.BOT_BLOCK,
                        "The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 1234"),
                kind("an Akamai block page outweighs the element it hides", Category.BOT_BLOCK,
                        "NoSuchElementException: no such element: Unable to locate element: {\"method\":\"css selector\","
                                + "\"selector\":\"#basket\"}\nCaptured page: Access Denied. You don't have permission to "
                                + "access \"https://shop.example/\" on this server. Reference #18.7c2d1402.1715550000.9e8f7a"),
                // causes that outweigh the status assertion reporting them
                kind("WireMock found no stub for the request", Category.NETWORK_MOCK_FAIL,
                        "java.lang.AssertionError: 1 expectation failed.\nExpected status code <200> but was <404>.\n\n"
                                + "Request was not matched\n=======================\nClosest stub | Request\n"
                                + "GET /api/orders | GET /api/order   <<<<< URL does not match"),
                kind("a bearer token the server rejects as invalid_token", Category.AUTH_EXPIRED,
                        "java.lang.AssertionError: 1 expectation failed.\nExpected status code <204> but was <401>.\n"
                                + "WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"Jwt expired at "
                                + "2026-11-20T10:00:00Z\""),
                kind("Robot Framework RequestsLibrary status check", Category.API_ASSERTION_FAIL,
                        "Url: http://api.local:9000/v2/carts/5 Expected status: 500 != 200"),
                kind("TestCafe iframe gone", Category.FRAME_FAIL,
                        "The iframe in which the test is currently operating is not visible anymore.\n\n"
                                + "  > 31 |    await t.typeText('#card-number', '4242');"),
                // mobile, CI and less common runners
                kind("Espresso view matcher found nothing", Category.SELECTOR_ISSUE,
                        "androidx.test.espresso.NoMatchingViewException: No views in hierarchy found matching: "
                                + "with id is <com.shop:id/checkout>\n\nView Hierarchy:\n+>DecorView{id=-1}"),
                kind("Detox matcher found nothing", Category.SELECTOR_ISSUE,
                        "Test Failed: No views in hierarchy found matching: (view.getTag() is \"cart-badge\")"),
                kind("a session-expired dialog in the view hierarchy outweighs the missing view", Category.AUTH_EXPIRED,
                        "androidx.test.espresso.NoMatchingViewException: No views in hierarchy found matching: with id "
                                + "is <com.shop:id/orders>\n+-->TextView{id=1, text=Your session has expired. Please log "
                                + "in again.}"),
                kind("cy.visit answered with a 404", Category.NAVIGATION_FAIL,
                        "CypressError: `cy.visit()` failed on:\n\nhttp://localhost:8080/orders/7\n\nThe response we "
                                + "received from your web server was:\n\n  > 404: Not Found"),
                kind("an HTML-escaped Akamai block page behind cy.visit", Category.BOT_BLOCK,
                        "CypressError: `cy.visit()` failed on:\n\nhttps://shop.example/\n\n  > 403: Forbidden\n"
                                + "<H1>Access Denied</H1> Reference&#32;&#35;18&#46;55aa1302&#46;1716000000&#46;77bb88"),
                kind("CloudFront refused an API call", Category.BOT_BLOCK,
                        "AssertionError: expected response to have status code 200 but got 403\n'<H1>403 ERROR</H1>\n"
                                + "<H2>The request could not be satisfied.</H2>\nRequest blocked.\nWe can\\'t connect to "
                                + "the server for this app or website at this time.'"),
                kind("statuses compared with their reason phrases", Category.API_ASSERTION_FAIL,
                        "org.opentest4j.AssertionFailedError: expected: <200 OK> but was: <500 Internal Server Error>"),
                kind("Dredd status check", Category.API_ASSERTION_FAIL,
                        "fail: GET (200) /api/v1/plans duration: 40ms\nstatusCode: Status code is '500' instead of '200'"),
                kind("npm could not install a package", Category.INFRA,
                        "npm ERR! code EAI_AGAIN\nnpm ERR! syscall getaddrinfo\nnpm ERR! errno EAI_AGAIN\n"
                                + "npm ERR! request to https://registry.npmjs.org/playwright failed"),
                kind("a failing test script's npm ERR! lines are not an install failure", Category.ASSERTION_FAIL,
                        "AssertionError: expected 3 to equal 4\nnpm ERR! Test failed.  See above for more details."),
                kind("Gradle daemon died", Category.INFRA,
                        "* What went wrong:\nGradle build daemon disappeared unexpectedly (it may have been killed or "
                                + "may have crashed)"),
                kind("CI runner lost", Category.INFRA,
                        "The hosted runner: GitHub Actions 12 lost communication with the server. Anything in your "
                                + "workflow that terminates the runner process, starves it for CPU/Memory, or blocks its "
                                + "network access can cause this error."),
                kind("an app's own offline banner is no lost runner", Category.ASSERTION_FAIL,
                        "Error: expect(locator).toHaveText(expected) failed\n\nExpected string: \"Saved\"\nReceived "
                                + "string: \"The app lost communication with the server. Retrying...\""),
                kind("Appium's device instrumentation crashed", Category.INFRA,
                        "WebDriverException: An unknown server-side error occurred while processing the command. Original "
                                + "error: 'GET /source' cannot be proxied to UiAutomator2 server because the "
                                + "instrumentation process is not running (probably crashed)"),
                kind("Cypress iframe recipe", Category.FRAME_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: `cy.its()` errored because the property: "
                                + "`document` does not exist on your subject.\n> 12 |   cy.get('iframe').its('0.contentWindow')"),
                kind("Laravel Dusk URL assertion", Category.URL_MISMATCH,
                        "Actual URL [http://app.test/login] does not equal expected URL [http://app.test/dashboard]."),
                kind("Nightwatch URL assertion", Category.URL_MISMATCH,
                        "Testing if the URL matches '/orders/\\d+' in 5000ms - expected \"matches '/orders/\\d+'\" but "
                                + "got: \"http://localhost:3000/cart\""),
                kind("the call log shows the page bounced to the login page", Category.AUTH_EXPIRED,
                        "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\nCall log:\n  - "
                                + "waiting for getByTestId('total')\n  -   navigated to \"https://id.example.com/signin?"
                                + "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcart\""),
                kind("Spring MockRestServiceServer got an unexpected request", Category.NETWORK_MOCK_FAIL,
                        "java.lang.AssertionError: No further requests expected: HTTP POST http://billing/api/invoices\n"
                                + "1 request(s) executed:\nGET http://billing/api/customers/7"),
                kind("gomock HTTP client double got an unexpected call", Category.NETWORK_MOCK_FAIL,
                        "Unexpected call to *mocks.MockHTTPClient.Do([0xc00012a000]) at client_test.go:88 because: "
                                + "there are no expected calls of the method \"Do\" for that receiver"),
                kind("a screenshot comparison's file paths are not URL paths", Category.ASSERTION_FAIL,
                        "Error: expect(page).toHaveScreenshot(expected)\n\n  120 pixels (ratio 0.01 of all image "
                                + "pixels) are different.\n\nExpected: /ci/tests/home.spec.ts-snapshots/home.png\n"
                                + "Received: /ci/test-results/home/home-actual.png"),
                kind("CodeceptJS element lookup", Category.SELECTOR_ISSUE,
                        "Element \"Add to basket\" was not found by text|CSS|XPath\n\n  Scenario Steps:\n"
                                + "  - I.click(\"Add to basket\") at Test.<anonymous> (./product_test.js:12:7)"),
                kind("WebdriverIO could not reach the driver", Category.INFRA,
                        "ERROR @wdio/runner: Error: Failed to create session.\nUnable to connect to "
                                + "\"http://localhost:9515/\", make sure browser driver is running on that address."),
                kind("Playwright could not reach its remote browser server", Category.INFRA,
                        "Error: browserType.connect: WebSocket error: connect ECONNREFUSED 10.1.2.3:3000\nCall log:\n"
                                + "  - <ws connecting> ws://browsers:3000/"),
                kind("schemathesis found an undocumented status", Category.API_ASSERTION_FAIL,
                        "1. Undocumented HTTP status code\n\n    Received: 500\n    Documented: 200, 404"),
                kind(".NET EnsureSuccessStatusCode", Category.API_ASSERTION_FAIL,
                        "System.Net.Http.HttpRequestException : Response status code does not indicate success: 400 "
                                + "(Bad Request)."),
                kind("a model's status field is not an HTTP status", Category.ASSERTION_FAIL,
                        ">       assert order.status == \"shipped\"\nE       AssertionError: assert 'pending' == "
                                + "'shipped'"),
                kind("an HTTP status field compared in pytest", Category.API_ASSERTION_FAIL,
                        "E       assert response.status_code == 201\nE        +  where 422 = <Response [422]>."
                                + "status_code"),
                kind("Puppeteer interception handled twice", Category.NETWORK_MOCK_FAIL,
                        "Error: Request is already handled!\n    at CdpHTTPRequest.respond (node_modules/"
                                + "puppeteer-core/lib/cjs/puppeteer/cdp/HTTPRequest.js:201:11)"),
                kind("expect-webdriverio text assertion", Category.ASSERTION_FAIL,
                        "Expect $(`h1.title`) to have text\n\n- Expected  - 1\n+ Received  + 1\n\n- Welcome\n+ Hello"),
                kind("expect-webdriverio URL assertion", Category.URL_MISMATCH,
                        "Expect window to have url\n\nExpected: \"http://localhost:8080/done\"\n"
                                + "Received: \"http://localhost:8080/cart\""),
                kind("a bundler could not resolve an import", Category.INFRA,
                        "Error: [vite]: Rollup failed to resolve import \"~/utils/money\" from \"/src/Cart.vue\"."),
                kind("Firefox's network error page", Category.NAVIGATION_FAIL,
                        "WebDriverException: Message: Reached error page: about:neterror?e=dnsNotFound&u=http%3A//app.local/"),
                kind("the body of a null iframe document in Cypress", Category.FRAME_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: `cy.its()` errored because your subject is: "
                                + "`null`. You cannot access any properties such as `body` on a `null` value."),
                kind("a test timeout on waitForFunction, with an assertion on the next line", Category.TIMEOUT,
                        "Test timeout of 30000ms exceeded.\n\nError: page.waitForFunction: Test timeout of 30000ms "
                                + "exceeded.\n\n    > 9 |     await page.waitForFunction(() => window.done);\n"
                                + "      10 |     await expect(page.getByText('Done')).toBeVisible();"),
                kind("numbers with units compared are no HTTP statuses", Category.ASSERTION_FAIL,
                        "org.opentest4j.AssertionFailedError: expected: <150 items> but was: <120 items>"),
                kind("pnpm reporting a failed test script is no install failure", Category.ASSERTION_FAIL,
                        "AssertionError: expected 2 to equal 3\n ELIFECYCLE  Test failed.\n"
                                + " ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  web@1.0.0 test: `vitest run`"),
                kind("a double of a repository is no network mock", Category.UNKNOWN,
                        "Unexpected call to *mocks.MockUserRepository.Restore([42]) at repo_test.go:31 because: "
                                + "there are no expected calls of the method \"Restore\" for that receiver"),
                kind("the iframe recipe on a context line, an assertion failing later", Category.ASSERTION_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: expected '<h2>' to have text 'Chapters', but "
                                + "the text was 'Contents'\n  9 |       .its('0.contentDocument')\n> 12 |       "
                                + ".find('h2').should('have.text', 'Chapters')"),
                kind("a login-flow test waiting for its URL is a URL check", Category.URL_MISMATCH,
                        "Error: page.waitForURL: Timeout 5000ms exceeded.\n=========================== logs "
                                + "===========================\nwaiting for navigation to \"**/dashboard\" until \"load\"\n"
                                + "  navigated to \"https://app.example.com/login?error=1&next=%2Fdashboard\""),
                kind("a GraphQL response with errors", Category.API_ASSERTION_FAIL,
                        "expect(received).toHaveLength(expected)\n\nExpected length: 0\nReceived length: 1\nReceived "
                                + "array: [{\"message\": \"Cannot query field \\\"total\\\" on type \\\"Cart\\\".\", "
                                + "\"extensions\": {\"code\": \"GRAPHQL_VALIDATION_FAILED\"}}]"),
                kind("an element still visible when it should be gone was found: a wrong state", Category.ASSERTION_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: expected '<div.modal-backdrop>' not to be "
                                + "'visible'"),
                kind("a spinner toBeHidden that stayed visible was found: a wrong state", Category.ASSERTION_FAIL,
                        "Error: Timed out 5000ms waiting for expect(locator).toBeHidden()\n\nLocator: locator('.spinner')\n"
                                + "Expected: hidden\nReceived: visible\nCall log:\n  - waiting for locator('.spinner')\n"
                                + "    9 × locator resolved to <div class=\"spinner\">…</div>"),
                kind("Robot Framework element that never appeared", Category.SELECTOR_ISSUE,
                        "Element 'id:submit-order' did not appear in 10 seconds."),
                kind("Cypress intercept handler replied too late", Category.NETWORK_MOCK_FAIL,
                        "CypressError: `req.reply()` was called after the request handler finished executing, but "
                                + "`req.reply()` can not be called after the request has been passed on."),
                kind("Playwright toBeOK on an upstream error", Category.API_ASSERTION_FAIL,
                        "Error: expect(response).toBeOK()\n\nResponse status expected to be within [200..299] range, "
                                + "was '503'"),
                kind("a later toHaveURL in the code frame never ran", Category.SELECTOR_ISSUE,
                        "Error: Timed out 5000ms waiting for expect(locator).toBeVisible()\n\nLocator: getByTestId('save')\n"
                                + "Expected: visible\nReceived: <element(s) not found>\n\n    > 12 |     await expect("
                                + "page.getByTestId('save')).toBeVisible();\n         |                              ^\n"
                                + "      13 |     await expect(page).toHaveURL(/\\/saved/);"),
                kind("a test-code error on a line before a URL check", Category.CODE_ERROR,
                        "ReferenceError: orderId is not defined\n\n    > 7 |     await page.goto(`/orders/${orderId}`);\n"
                                + "      8 |     await expect(page).toHaveURL(/orders/);"),
                kind("pytest-httpx mock never requested", Category.NETWORK_MOCK_FAIL,
                        "ERROR at teardown of test_sync\nE       AssertionError: The following responses are mocked but not "
                                + "requested:\nE         - Match POST request on https://crm.test/api/contacts"),
                kind("a session-timeout banner in a test title is no expired session", Category.SELECTOR_ISSUE,
                        "1) shows the session timeout warning:\n     AssertionError: Timed out retrying after 4000ms: "
                                + "Expected to find element: `[data-cy=timeout-warning]`, but never found it."),
                kind("Hurl status assert", Category.API_ASSERTION_FAIL,
                        "error: Assert status code\n  --> tests/cart.hurl:6:6\n   |\n 6 | HTTP 201\n   |      ^^^ actual "
                                + "value is <400>"),
                kind("Robot Framework element text check", Category.ASSERTION_FAIL,
                        "Order Total Is Shown                                | FAIL |\nThe text of element "
                                + "'css:.total' should have been '$10' but it was '$12'."),
                kind("the iframe document without a body in Cypress", Category.FRAME_FAIL,
                        "AssertionError: Timed out retrying after 4000ms: `cy.its()` errored because the property: "
                                + "`body` does not exist on your subject.\n\nYour subject is: <document>"),
                kind("Cypress subject detached by a re-render", Category.SELECTOR_ISSUE,
                        "CypressError: Timed out retrying after 4050ms: `cy.type()` failed because the page updated as a "
                                + "result of this command. The subject is no longer attached to the DOM"),
                kind("cy.visit to another origin", Category.NAVIGATION_FAIL,
                        "CypressError: `cy.visit()` failed because you are attempting to visit a URL that is of a "
                                + "different origin.\n\nYou likely forgot to use `cy.origin()`"),
                kind("Firefox refusing a cross-origin frame's document", Category.FRAME_FAIL,
                        "SecurityError: Permission denied to access property \"contentDocument\" on cross-origin object"),
                kind("cy.wait on an alias no intercept registered", Category.NETWORK_MOCK_FAIL,
                        "CypressError: `cy.wait()` could not find a registered alias for: `@saveDraft`."),
                kind("TestCafe could not load the tested page", Category.NAVIGATION_FAIL,
                        "Failed to complete a request to \"https://staging.shop.test/cart\" within the timeout period."),
                kind("a storage state file an earlier project should have written", Category.INFRA,
                        "Error: Error reading storage state from .auth/user.json:\nENOENT: no such file or directory, "
                                + "open '.auth/user.json'"),
                kind("a database whose migrations never ran", Category.INFRA,
                        "E   psycopg2.errors.UndefinedTable: relation \"invoices\" does not exist\nE   LINE 1: SELECT * "
                                + "FROM invoices"),
                kind("jest's wrong test environment", Category.INFRA,
                        "The error below may be caused by using the wrong test environment, see https://jestjs.io/docs/"
                                + "configuration#testenvironment-string.\nConsider using the \"jsdom\" test environment.\n\n"
                                + "ReferenceError: window is not defined"),
                kind("Cypress Cloud parallel run with differing machines", Category.INFRA,
                        "You passed the `--parallel` flag, but we do not parallelize tests across different "
                                + "environments."),
                kind("an upload fixture missing from the checkout", Category.INFRA,
                        "Error: ENOENT: no such file or directory, stat '/ci/app/tests/fixtures/big.csv'"),
                kind("a Cypress task that ran out of time", Category.TIMEOUT,
                        "CypressError: `cy.task('db:reset')` timed out after waiting `60000ms`.\n\nBecause this error "
                                + "occurred during a `before each` hook we are skipping the remaining tests"),
                kind("setInputFiles on a wrapper element", Category.SELECTOR_ISSUE,
                        "Error: locator.setInputFiles: Error: Node is not an HTMLInputElement\nCall log:\n  - waiting for "
                                + "getByTestId('drop-zone')"),
                kind("a gRPC target that cannot be reached", Category.NAVIGATION_FAIL,
                        "Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:50051"),
                kind("supertest header expectation", Category.API_ASSERTION_FAIL,
                        "Error: expected 'Cache-Control' of 'no-store', got 'public, max-age=60'"),
                kind("chai's words for a value that is no header check", Category.ASSERTION_FAIL,
                        "AssertionError: expected 'Sale' to equal 'Sold out'"),
                kind("Cypress fixture missing", Category.NETWORK_MOCK_FAIL,
                        "CypressError: A fixture file could not be found at any of the following paths:\n\n"
                                + "  > cypress/fixtures/cart/empty.json\n  > cypress/fixtures/cart/empty.json.[ext]"));
    }

    /** {@code message} classified as the loop does: redacted first. */
    private static Classification classify(String message) {
        return FailureClassifier.standard().classify(Redactor.standard().redact(Failure.of(message))).classification();
    }

    private static Arguments kind(String name, Category category, String message) {
        return Arguments.of(name, category, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsOfMessage")
    void classifiesEachKindOfMessageByItsRootCause(String name, Category category, String message) {
        assertThat(classify(message).category()).as(name).isEqualTo(category);
    }

    @Test
    void everyRuleHasAnExampleAndAnId() {
        assertThat(RuleSet.builtIn().rules()).hasSizeGreaterThan(60)
                .allSatisfy(rule -> assertThat(rule.examples()).as(rule.id()).isNotEmpty());
    }

    @Test
    void antiBotSessionAndInfrastructureRulesAreNeverAutoFixable() {
        assertThat(RuleSet.builtIn().rules()).filteredOn(r -> r.category() == Category.BOT_BLOCK
                        || r.category() == Category.AUTH_EXPIRED || r.category() == Category.INFRA)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.category().autoFixable()).as(r.id()).isFalse());
    }
}
