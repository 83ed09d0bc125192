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
    XUNIT_XML("xunit-xml");

    private final String label;

    ReportFormat(String label) {
        this.label = label;
    }

    /** The short name users see and type: {@code junit-xml}, {@code ctrf-json}, ... */
    public String label() {
        return label;
    }
}
