package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.testing.ParsedReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One small report per dialect, read through {@code Reports.standard()}; each expected line is
 * {@code suite|name|FINAL_STATUS|attempt statuses in order}.
 */
class JunitXmlParserTest {

    static Stream<Arguments> dialects() {
        return Stream.of(
                Arguments.of("surefire: flakyFailure twice, then the pass", """
                        <testsuite name="com.acme.SearchTest" tests="1" failures="0">
                          <testcase name="finds" classname="com.acme.SearchTest" time="0.5">
                            <flakyFailure message="timeout" type="java.util.concurrent.TimeoutException">
                              <stackTrace>java.util.concurrent.TimeoutException: timeout</stackTrace>
                            </flakyFailure>
                            <flakyFailure message="timeout" type="java.util.concurrent.TimeoutException"/>
                          </testcase>
                        </testsuite>""",
                        List.of("com.acme.SearchTest|finds|FLAKY|FAILED,FAILED,PASSED")),
                Arguments.of("surefire: flakyError, then the pass", """
                        <testsuite name="S"><testcase name="t" classname="C">
                          <flakyError message="boom" type="java.lang.IllegalStateException"/>
                        </testcase></testsuite>""",
                        List.of("C|t|FLAKY|ERROR,PASSED")),
                Arguments.of("failsafe: failure, then rerunFailures", """
                        <testsuite name="IT"><testcase name="t" classname="C">
                          <failure message="m1" type="AssertionError">trace 1</failure>
                          <rerunFailure message="m2" type="AssertionError"><stackTrace>trace 2</stackTrace></rerunFailure>
                          <rerunFailure message="m3" type="AssertionError"><stackTrace>trace 3</stackTrace></rerunFailure>
                        </testcase></testsuite>""",
                        List.of("C|t|FAILED|FAILED,FAILED,FAILED")),
                Arguments.of("surefire: error, then rerunError", """
                        <testsuite name="S"><testcase name="t" classname="C">
                          <error message="npe" type="java.lang.NullPointerException">trace</error>
                          <rerunError message="npe" type="java.lang.NullPointerException"><stackTrace>t</stackTrace></rerunError>
                        </testcase></testsuite>""",
                        List.of("C|t|ERROR|ERROR,ERROR")),
                Arguments.of("Gradle: reruns split over repeated test cases", """
                        <testsuite name="com.Flaky" tests="4" skipped="1" failures="2">
                          <testcase name="m1" classname="com.Flaky"><flakyFailure message="a" type="T"/></testcase>
                          <testcase name="m1" classname="com.Flaky"><flakyFailure message="b" type="T"/><skipped/></testcase>
                        </testsuite>""",
                        List.of("com.Flaky|m1|FLAKY|FAILED,PASSED,FAILED,SKIPPED")),
                Arguments.of("pytest: failure, skip with type, teardown error", """
                        <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1"
                          failures="1" skipped="1" tests="4" time="0.05" timestamp="2020-10-12T18:46:11.226119"
                          hostname="runner"><testcase classname="tests.test_login" name="test_ok" time="0.001"/>
                        <testcase classname="tests.test_login" name="test_fails" time="0.002"><failure
                          message="AssertionError: assert 1 == 2">def test_fails():
                        &gt;       assert 1 == 2
                        E       AssertionError</failure></testcase>
                        <testcase classname="tests.test_login" name="test_skipped" time="0.000"><skipped
                          type="pytest.skip" message="not on CI">tests/test_login.py:9: not on CI</skipped></testcase>
                        <testcase classname="tests.test_login" name="test_teardown" time="0.01"><error
                          message="failed on teardown with &quot;OSError&quot;">OSError</error></testcase>
                        </testsuite></testsuites>""",
                        List.of("tests.test_login|test_ok|PASSED|PASSED",
                                "tests.test_login|test_fails|FAILED|FAILED",
                                "tests.test_login|test_skipped|SKIPPED|SKIPPED",
                                "tests.test_login|test_teardown|ERROR|ERROR")),
                Arguments.of("jest-junit: suites per file, describe in classname", """
                        <testsuites name="jest tests" tests="3" failures="1" errors="0" time="1.2">
                          <testsuite name="src/cart.test.js" errors="0" failures="1" skipped="1" tests="3">
                            <testcase classname="Cart adds items" name="Cart adds items" time="0.003"/>
                            <testcase classname="Cart totals" name="Cart totals" time="0.02">
                              <failure>Error: expect(received).toBe(expected)
                        Expected: 3
                        Received: 2</failure>
                            </testcase>
                            <testcase classname="Cart later" name="Cart later" time="0"><skipped/></testcase>
                          </testsuite>
                        </testsuites>""",
                        List.of("Cart adds items|Cart adds items|PASSED|PASSED",
                                "Cart totals|Cart totals|FAILED|FAILED",
                                "Cart later|Cart later|SKIPPED|SKIPPED")),
                Arguments.of("mocha-junit-reporter: empty root suite, file on the suite", """
                        <testsuites name="Mocha Tests" time="0.01" tests="2" failures="1">
                          <testsuite name="Root Suite" tests="0" failures="0"/>
                          <testsuite name="login" file="/ci/test/login.js" tests="2" failures="1">
                            <testcase name="login works" time="0.001" classname="works"/>
                            <testcase name="login rejects" time="0.002" classname="rejects">
                              <failure message="expected 401" type="AssertionError"><![CDATA[AssertionError: expected 401
                            at Context.<anonymous> (test/login.js:12:5)]]></failure>
                            </testcase>
                          </testsuite>
                        </testsuites>""",
                        List.of("works|login works|PASSED|PASSED", "rejects|login rejects|FAILED|FAILED")),
                Arguments.of("go-junit-report: package suites, skip message", """
                        <testsuites tests="2" failures="1">
                          <testsuite name="example.com/api" tests="2" failures="1" skipped="1">
                            <properties><property name="go.version" value="go1.22.6"/></properties>
                            <testcase classname="example.com/api" name="TestGet" time="0.01">
                              <failure message="Failed" type="">api_test.go:12: got 500</failure>
                            </testcase>
                            <testcase classname="example.com/api" name="TestSlow" time="0.00">
                              <skipped message="api_test.go:20: slow"/>
                            </testcase>
                          </testsuite>
                        </testsuites>""",
                        List.of("example.com/api|TestGet|FAILED|FAILED", "example.com/api|TestSlow|SKIPPED|SKIPPED")),
                Arguments.of("gotestsum --rerun-fails: retry after other tests", """
                        <testsuites><testsuite name="example.com/api">
                          <testcase classname="example.com/api" name="TestRace" time="3.3"><failure message="Failed"/></testcase>
                          <testcase classname="example.com/api" name="TestOther" time="0.1"/>
                          <testcase classname="example.com/api" name="TestRace" time="7.7"/>
                        </testsuite></testsuites>""",
                        List.of("example.com/api|TestRace|FLAKY|FAILED,PASSED",
                                "example.com/api|TestOther|PASSED|PASSED")),
                Arguments.of("PHPUnit: nested suites down to data sets", """
                        <testsuites>
                          <testsuite name="Unit" tests="3" failures="1">
                            <testsuite name="Tests\\MathTest" file="/app/tests/MathTest.php" tests="3">
                              <testsuite name="Tests\\MathTest::testAdd" tests="2">
                                <testcase name="testAdd with data set #0" class="Tests\\MathTest"
                                  classname="Tests.MathTest" file="/app/tests/MathTest.php" line="12" assertions="1"/>
                                <testcase name="testAdd with data set #1" class="Tests\\MathTest"
                                  classname="Tests.MathTest" file="/app/tests/MathTest.php" line="12" assertions="1">
                                  <failure type="PHPUnit\\Framework\\ExpectationFailedException">Failed asserting that 3 is identical to 4.</failure>
                                </testcase>
                              </testsuite>
                              <testcase name="testSub" class="Tests\\MathTest" classname="Tests.MathTest"
                                file="/app/tests/MathTest.php" line="20" assertions="1"/>
                            </testsuite>
                          </testsuite>
                        </testsuites>""",
                        List.of("Tests.MathTest|testAdd with data set #0|PASSED|PASSED",
                                "Tests.MathTest|testAdd with data set #1|FAILED|FAILED",
                                "Tests.MathTest|testSub|PASSED|PASSED")),
                Arguments.of("ctest: status run, fail and notrun", """
                        <testsuite name="Linux-c++" tests="3" failures="1" disabled="1" skipped="0">
                          <testcase name="unit" classname="unit" time="0.01" status="run"/>
                          <testcase name="integration" classname="integration" time="2.3" status="fail">
                            <failure message="Failed"/>
                          </testcase>
                          <testcase name="gpu" classname="gpu" time="0" status="notrun">
                            <skipped message="Disabled"/>
                          </testcase>
                        </testsuite>""",
                        List.of("unit|unit|PASSED|PASSED", "integration|integration|FAILED|FAILED",
                                "gpu|gpu|SKIPPED|SKIPPED")),
                Arguments.of("Catch2: failure carries the file and line", """
                        <testsuites><testsuite name="tests" errors="0" failures="1" tests="1" hostname="tbd">
                          <testcase classname="tests.global" name="adds" status="run" time="0.000">
                            <failure file="test/add.cpp" line="19" message="REQUIRE(a == 1)" type="REQUIRE">
                        FAILED:
                          REQUIRE( a == 1 )
                        at test/add.cpp:19
                            </failure>
                          </testcase>
                        </testsuite></testsuites>""",
                        List.of("tests.global|adds|FAILED|FAILED")),
                Arguments.of("cargo-nextest: per-test output", """
                        <testsuites name="nextest-run" tests="2" failures="1">
                          <testsuite name="nav::parry" tests="2" failures="1">
                            <testcase name="fails" classname="nav::parry" time="0.7">
                              <failure type="test failure">thread 'fails' panicked at tests/p.rs:154:5</failure>
                              <system-out>running 1 test</system-out>
                              <system-err>thread 'fails' panicked</system-err>
                            </testcase>
                            <testcase name="works" classname="nav::parry" time="0.9"><system-out/></testcase>
                          </testsuite>
                        </testsuites>""",
                        List.of("nav::parry|fails|FAILED|FAILED", "nav::parry|works|PASSED|PASSED")),
                Arguments.of("Marathon: one file per test, flakyFailure without message", """
                        <testsuite name="omni" tests="1" failures="0" timestamp="2024-01-21T08:17:32">
                          <testcase name="testFlaky" time="1.86" classname="com.example.Flaky">
                            <flakyFailure type="rerun exception"><stackTrace><![CDATA[junit.framework.AssertionFailedError]]></stackTrace></flakyFailure>
                          </testcase>
                        </testsuite>""",
                        List.of("com.example.Flaky|testFlaky|FLAKY|FAILED,PASSED")),
                Arguments.of("tst: status disabled, failed, errored", """
                        <testsuites><testsuite name="factorial" tests="3" disabled="1" failures="1" errors="1">
                          <testcase name="off" status="disabled"/>
                          <testcase name="wrong" status="failed"><failure message="main.cpp:58: check_eq(1, 2)"/></testcase>
                          <testcase name="throws" status="errored"><error message="uncaught exception"/></testcase>
                        </testsuite></testsuites>""",
                        List.of("factorial|off|SKIPPED|SKIPPED", "factorial|wrong|FAILED|FAILED",
                                "factorial|throws|ERROR|ERROR")),
                Arguments.of("a disabled test keeps its failure text as the reason and is skipped", """
                        <testsuites><testsuite name="s"><testcase classname="Misc" name="t" status="disabled">
                          <failure type="Test Failure">Assert: Boolean true check failed.</failure>
                        </testcase></testsuite></testsuites>""",
                        List.of("Misc|t|SKIPPED|SKIPPED")),
                Arguments.of("several failures and an error in one test case are one errored attempt", """
                        <testsuite name="S"><testcase name="t" classname="C">
                          <skipped/><failure message="first">a</failure><error message="teardown">b</error>
                        </testcase></testsuite>""",
                        List.of("C|t|ERROR|ERROR")),
                Arguments.of("every retry failing is failed, not flaky", """
                        <testsuite name="S">
                          <testcase name="t" classname="C"><failure message="1"/></testcase>
                          <testcase name="t" classname="C"><failure message="2"/></testcase>
                          <testcase name="t" classname="C"><error message="3"/></testcase>
                        </testsuite>""",
                        List.of("C|t|FAILED|FAILED,FAILED,ERROR")),
                Arguments.of("a failure then a pass is one flaky test", """
                        <testsuite name="S">
                          <testcase name="t" classname="C"><failure message="first"/></testcase>
                          <testcase name="t" classname="C"/>
                        </testsuite>""",
                        List.of("C|t|FLAKY|FAILED,PASSED")),
                Arguments.of("a repeat after a pass is another invocation, not a retry (data-provider rows)", """
                        <testsuite name="S">
                          <testcase name="t" classname="C"/>
                          <testcase name="t" classname="C"><failure message="row 2"/></testcase>
                          <testcase name="t" classname="C"/>
                        </testsuite>""",
                        List.of("C|t|PASSED|PASSED", "C|t [2]|FAILED|FAILED", "C|t [3]|PASSED|PASSED")),
                Arguments.of("TestNG writes a retried try as skipped: skipped then passed merges", """
                        <testsuite name="S">
                          <testcase name="t" classname="C"><skipped/></testcase>
                          <testcase name="t" classname="C"/>
                        </testsuite>""",
                        List.of("C|t|PASSED|SKIPPED,PASSED")),
                Arguments.of("the same name in another class or another suite is another test", """
                        <testsuites>
                          <testsuite name="A"><testcase name="t" classname="C1"/><testcase name="t" classname="C2"/>
                            <testcase name="u"/></testsuite>
                          <testsuite name="B"><testcase name="u"><failure/></testcase></testsuite>
                        </testsuites>""",
                        List.of("C1|t|PASSED|PASSED", "C2|t|PASSED|PASSED", "A|u|PASSED|PASSED",
                                "B|u|FAILED|FAILED")),
                Arguments.of("test cases directly under testsuites, and inside unknown wrappers", """
                        <testsuites><testcase name="loose" classname="C"/>
                          <group><testsuite name="S"><testcase name="wrapped" classname="C"/></testsuite></group>
                        </testsuites>""",
                        List.of("C|loose|PASSED|PASSED", "C|wrapped|PASSED|PASSED")),
                Arguments.of("a test case without a name is left out", """
                        <testsuite name="S"><testcase/><testcase name=" "><failure/></testcase>
                          <testcase name="named"/></testsuite>""",
                        List.of("S|named|PASSED|PASSED")),
                Arguments.of("a namespaced root with a schema location", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <!-- generated -->
                        <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd"
                          version="3.0" name="S"><testcase name="t" classname="C"/></testsuite>""",
                        List.of("C|t|PASSED|PASSED")),
                Arguments.of("Playwright's reporter: the message is location and title, the error is the text", """
                        <testsuites><testsuite name="login.spec.ts"><testcase name="Login › works"
                          classname="login.spec.ts"><failure message="login.spec.ts:12:5 Login › works"
                          type="FAILURE">TimeoutError: locator.click: Timeout 30000ms exceeded.
                        Call log:
                          - waiting for getByRole('button')

                            at tests/login.spec.ts:12:5</failure></testcase></testsuite></testsuites>""",
                        List.of("login.spec.ts|Login › works|FAILED|FAILED")),
                Arguments.of("an empty report", "<testsuites/>", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void readsEachDialect(String dialect, String xml, List<String> expected) {
        assertThat(ParsedReport.of(xml).outline()).containsExactlyElementsOf(expected);
    }

    @Test
    void playwrightsLocationAndTitleMessageGivesWayToTheErrorText() {
        TestResult result = ParsedReport.of("""
                <testsuite name="login.spec.ts"><testcase name="Login › works" classname="login.spec.ts">
                <failure message="login.spec.ts:12:5 Login › works" type="FAILURE">TimeoutError: locator.click: \
                Timeout 30000ms exceeded.
                Call log:
                  - waiting for getByRole('button')

                    at tests/login.spec.ts:12:5</failure></testcase></testsuite>""").results().get(0);

        Failure failure = result.lastFailure().orElseThrow();
        assertThat(failure.message()).startsWith("TimeoutError: locator.click: Timeout 30000ms exceeded.")
                .contains("waiting for getByRole('button')").doesNotContain("at tests/login.spec.ts");
        assertThat(failure.stackTrace()).hasValueSatisfying(s -> assertThat(s).contains("at tests/login.spec.ts:12:5"));
    }

    @Test
    void anOrdinaryMessageThatLooksLikeALocationIsKeptWhenTheTypeIsNotPlaywrights() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="t" classname="C">
                <failure message="app.js:1:2 boom" type="AssertionError">body</failure></testcase></testsuite>""")
                .results().get(0);

        assertThat(result.lastFailure().orElseThrow().message()).isEqualTo("app.js:1:2 boom");
    }
}
