package dev.feedbackloop.report;

/** The report formats Feedback Loop reads. Detected from content, never from the file name. */
public enum ReportFormat {
    /** JUnit XML in any common dialect (surefire, Gradle, pytest, jest-junit, go-junit-report, ...). */
    JUNIT_XML("junit-xml"),
    /** Common Test Report Format JSON (https://ctrf.io), validated against its schema. */
    CTRF_JSON("ctrf-json"),
    /** Playwright's JSON reporter output. */
    PLAYWRIGHT_JSON("playwright-json"),
    /** Visual Studio / {@code dotnet test} TRX. */
    TRX("trx"),
    /** NUnit 3 result XML ({@code <test-run>}). */
    NUNIT_XML("nunit-xml"),
    /** xUnit.net v2 result XML ({@code <assemblies>}). */
    XUNIT_XML("xunit-xml"),
    /** mocha's {@code json} reporter output ({@code stats}, {@code tests}, {@code pending}, {@code failures}). */
    MOCHA_JSON("mocha-json"),
    /** The event stream of {@code go test -json} (test2json), one JSON object a line. */
    GO_TEST_JSON("go-test-json"),
    /** RSpec's {@code --format json} output ({@code examples}, {@code summary}). */
    RSPEC_JSON("rspec-json"),
    /** The event stream of {@code dart test --reporter json} / {@code flutter test --machine}. */
    DART_JSON("dart-json");

    private final String label;

    ReportFormat(String label) {
        this.label = label;
    }

    /** The short name users see and type: {@code junit-xml}, {@code ctrf-json}, ... */
    public String label() {
        return label;
    }
}
