package dev.feedbackloop.bench;

import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Parses large generated CTRF, Playwright, TRX, NUnit, xUnit.net, mocha, go test, RSpec and Dart reports through
 * {@link Reports#standard()} and
 * prints size, time, throughput and peak heap. The reports are generated while they are read, never held whole, so
 * the heap figure is the parser's. Run with a small heap to show memory stays bounded:
 * {@code JAVA_OPTS=-Xmx64m ./bench.sh FormatParseBenchmark [tests-per-report]} (default 200000).
 */
public final class FormatParseBenchmark {

    private FormatParseBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int tests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.printf(Locale.ROOT, "max heap %d MB, %d tests per report%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), tests);
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %8s %9s %11s %10s%n", "format", "tests", "MB", "seconds",
                "MB/s", "tests/s", "heap peak*");
        run("ctrf-json", ctrf(tests));
        run("playwright-json", playwright(tests));
        run("trx", trx(tests));
        run("nunit-xml", nunit(tests));
        run("xunit-xml", xunit(tests));
        run("mocha-json", mocha(tests));
        run("go-test-json", goTest(tests));
        run("rspec-json", rspec(tests));
        run("dart-json", dart(tests));
        System.out.println("* sum of the heap pools' peaks during the parse: an upper bound, it can exceed the"
                + " max heap; the parse finishing under -Xmx is the proof of bounded memory");
    }

    private static void run(String label, Generated report) throws IOException {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        ReportSummary summary = Reports.standard().parse(label, report, result -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        double megabytes = report.bytes / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "%-16s %9d %9.1f %8.2f %9.1f %11.0f %7d MB%n", label, summary.tests(),
                megabytes, seconds, megabytes / seconds, summary.tests() / seconds, peakHeapMegabytes());
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static final String FAILURE = "Error: expect(received).toBe(expected)\\n\\nExpected: 3\\nReceived: 2";
    private static final String STACK = "    at Context.<anonymous> (tests/cart.spec.ts:42:17)\\n"
            + "    at processTicksAndRejections (node:internal/process/task_queues:95:5)";

    private static Generated ctrf(int tests) {
        return new Generated("""
                {"reportFormat": "CTRF", "specVersion": "1.0.0", "results": {
                  "tool": {"name": "bench"}, "summary": {"tests": %d, "passed": 0, "failed": 0, "skipped": 0,
                  "pending": 0, "other": 0, "start": 1700000000000, "stop": 1700000100000}, "tests": [
                """.formatted(tests), tests, i -> (i == 0 ? "" : ",") + (i % 10 == 0 ? """
                {"name": "adds item %d", "status": "failed", "duration": 120, "suite": ["cart.spec.ts", "Cart"],
                 "filePath": "tests/cart.spec.ts", "message": "%s", "trace": "%s", "retries": 1,
                 "retryAttempts": [{"attempt": 1, "status": "failed", "duration": 100, "message": "%s"}]}
                """.formatted(i, FAILURE, STACK, FAILURE) : """
                {"name": "adds item %d", "status": "passed", "duration": 12, "suite": ["cart.spec.ts", "Cart"],
                 "filePath": "tests/cart.spec.ts", "tags": ["@smoke"]}
                """.formatted(i)), "]}}");
    }

    private static Generated playwright(int tests) {
        int specs = tests / 2; // two projects each
        return new Generated("{\"config\": {\"version\": \"1.48.0\"}, \"suites\": [", specs / 100, file -> """
                %s{"title": "f%d.spec.ts", "file": "f%d.spec.ts", "line": 0, "column": 0, "specs": [%s]}"""
                .formatted(file == 0 ? "" : ",", file, file, String.join(",", IntStream.range(0, 100)
                        .mapToObj(s -> playwrightSpec(file, s)).toList())), "], \"errors\": []}");
    }

    private static String playwrightSpec(int file, int spec) {
        String failed = """
                {"status": "failed", "duration": 900, "retry": 0, "errors": [],
                 "error": {"message": "%s", "stack": "%s"}, "stdout": [{"text": "step 1\\n"}], "stderr": []}"""
                .formatted(FAILURE, STACK);
        String passed = """
                {"status": "passed", "duration": 800, "retry": %d, "errors": [], "stdout": [], "stderr": []}""";
        String results = spec % 10 == 0 ? failed + "," + passed.formatted(1) : passed.formatted(0);
        return """
                {"title": "spec %d", "file": "f%d.spec.ts", "line": %d, "column": 3, "tags": [], "tests": [
                 {"projectName": "chromium", "expectedStatus": "passed", "annotations": [], "results": [%s]},
                 {"projectName": "firefox", "expectedStatus": "passed", "annotations": [], "results": [%s]}]}"""
                .formatted(spec, file, spec + 1, results, passed.formatted(0));
    }

    private static Generated trx(int tests) {
        String ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        Iterator<String> results = IntStream.range(0, tests).mapToObj(i -> """
                <UnitTestResult executionId="e%d" testId="%s" testName="Shop.Tests.CartTests.Adds_%d"
                  duration="00:00:00.0123000" outcome="%s">%s</UnitTestResult>
                """.formatted(i, new java.util.UUID(i, 7L * i), i, i % 10 == 0 ? "Failed" : "Passed", i % 10 == 0 ? """
                <Output><ErrorInfo><Message>Assert.Equal() Failure&#xD;
                Expected: 3&#xD;
                Actual:   2</Message><StackTrace>   at Shop.Tests.CartTests.Adds() in CartTests.cs:line 27</StackTrace>
                </ErrorInfo></Output>""" : "")).iterator();
        Iterator<String> definitions = IntStream.range(0, tests).mapToObj(i -> """
                <UnitTest name="Adds_%d" storage="shop.tests.dll" id="%s"><Execution id="e%d" />
                <TestMethod codeBase="shop.tests.dll" className="Shop.Tests.CartTests" name="Adds_%d" /></UnitTest>
                """.formatted(i, new java.util.UUID(i, 7L * i), i, i)).iterator();
        Iterator<String> chunks = concat(List.of(
                List.of("<TestRun xmlns=\"" + ns + "\"><Results>").iterator(), results,
                List.of("</Results><TestDefinitions>").iterator(), definitions,
                List.of("</TestDefinitions></TestRun>").iterator()));
        return new Generated(chunks);
    }

    private static Generated nunit(int tests) {
        return new Generated("<test-run engine-version=\"3.16.0\"><test-suite type=\"Assembly\" name=\"a.dll\">",
                tests / 100, fixture -> "<test-suite type=\"TestFixture\" name=\"F" + fixture
                        + "\" classname=\"Shop.F" + fixture + "\">" + String.join("", IntStream.range(0, 100)
                        .mapToObj(i -> i % 10 == 0 ? """
                                <test-case name="T%d" classname="Shop.F%d" result="Failed" duration="0.1">
                                <failure><message><![CDATA[  Expected: 3
                                  But was:  2]]></message><stack-trace><![CDATA[at Shop.F.T() in F.cs:line 9]]>
                                </stack-trace></failure></test-case>""".formatted(i, fixture) : """
                                <test-case name="T%d" classname="Shop.F%d" result="Passed" duration="0.01"/>"""
                                .formatted(i, fixture)).toList()) + "</test-suite>",
                "</test-suite></test-run>");
    }

    private static Generated xunit(int tests) {
        return new Generated("<assemblies><assembly name=\"a.dll\" test-framework=\"xUnit.net 2.4.2\">",
                tests / 100, collection -> "<collection name=\"C" + collection + "\">" + String.join("",
                        IntStream.range(0, 100).mapToObj(i -> i % 10 == 0 ? """
                                <test name="Shop.C%d.T%d" type="Shop.C%d" method="T%d" result="Fail" time="0.1">
                                <failure exception-type="Xunit.Sdk.EqualException"><message><![CDATA[Assert.Equal()
                                Failure]]></message><stack-trace><![CDATA[at Shop.C.T()]]></stack-trace></failure>
                                </test>""".formatted(collection, i, collection, i) : """
                                <test name="Shop.C%d.T%d" type="Shop.C%d" method="T%d" result="Pass" time="0.01"/>"""
                                .formatted(collection, i, collection, i)).toList()) + "</collection>",
                "</assembly></assemblies>");
    }

    private static Generated mocha(int tests) {
        return new Generated("{\"stats\": {\"suites\": 1, \"tests\": " + tests + "}, \"tests\": [", tests, i -> (i == 0
                ? "" : ",") + (i % 10 == 0 ? """
                {"title": "adds item %d", "fullTitle": "Cart adds item %d", "file": "/ci/test/cart.spec.js",
                 "duration": 12, "currentRetry": 0, "err": {"message": "%s", "stack": "%s", "name": "AssertionError"}}"""
                .formatted(i, i, FAILURE, STACK) : """
                {"title": "adds item %d", "fullTitle": "Cart adds item %d", "file": "/ci/test/cart.spec.js",
                 "duration": 3, "currentRetry": 0, "speed": "fast", "err": {}}""".formatted(i, i)),
                "], \"pending\": [], \"failures\": [], \"passes\": []}");
    }

    /** One package per 1,000 tests; every test logs a line, every tenth fails. */
    private static Generated goTest(int tests) {
        String event = "{\"Time\":\"2024-05-01T10:00:00.123456789Z\",\"Action\":\"%s\",\"Package\":\"example.com/shop/p%d\""
                + ",\"Test\":\"TestCart/adds_item_%d\"%s}\n";
        return new Generated("", tests, i -> {
            int pkg = i / 1000;
            String failing = "    cart_test.go:42: expected 3, got 2\\n";
            String text = event.formatted("run", pkg, i, "")
                    + event.formatted("output", pkg, i, ",\"Output\":\"=== RUN   TestCart/adds_item_" + i + "\\n\"")
                    + event.formatted("output", pkg, i, ",\"Output\":\"" + (i % 10 == 0 ? failing
                            : "    cart_test.go:12: added\\n") + "\"")
                    + event.formatted(i % 10 == 0 ? "fail" : "pass", pkg, i, ",\"Elapsed\":0.01");
            return i % 1000 == 999 ? text + "{\"Action\":\"fail\",\"Package\":\"example.com/shop/p" + pkg
                    + "\",\"Elapsed\":1.5}\n" : text;
        }, "");
    }

    private static Generated rspec(int tests) {
        return new Generated("{\"version\": \"3.13.0\", \"examples\": [", tests, i -> (i == 0 ? "" : ",")
                + (i % 10 == 0 ? """
                {"id": "./spec/cart_spec.rb[1:%d]", "description": "adds item %d", "full_description":
                 "Cart adds item %d", "status": "failed", "file_path": "./spec/cart_spec.rb", "line_number": 12,
                 "run_time": 0.01, "exception": {"class": "RSpec::Expectations::ExpectationNotMetError",
                 "message": "expected: 3\\n     got: 2", "backtrace": ["./spec/cart_spec.rb:14:in `block'"]}}"""
                .formatted(i, i, i) : """
                {"id": "./spec/cart_spec.rb[1:%d]", "description": "adds item %d", "full_description":
                 "Cart adds item %d", "status": "passed", "file_path": "./spec/cart_spec.rb", "line_number": 12,
                 "run_time": 0.001, "pending_message": null}""".formatted(i, i, i)),
                "], \"summary\": {\"example_count\": " + tests + ", \"errors_outside_of_examples_count\": 0}}");
    }

    private static Generated dart(int tests) {
        String start = "{\"test\":{\"id\":%d,\"name\":\"Cart adds item %d\",\"suiteID\":0,\"groupIDs\":[1],"
                + "\"line\":12,\"column\":5,\"url\":\"file:///ci/test/cart_test.dart\"},\"type\":\"testStart\","
                + "\"time\":%d}\n";
        String error = "{\"testID\":%d,\"error\":\"Expected: <3>\\n  Actual: <2>\\n\",\"stackTrace\":"
                + "\"test/cart_test.dart 14:5  main.<fn>\",\"isFailure\":true,\"type\":\"error\",\"time\":%d}\n";
        String done = "{\"testID\":%d,\"result\":\"%s\",\"skipped\":false,\"hidden\":false,\"type\":"
                + "\"testDone\",\"time\":%d}\n";
        return new Generated("{\"protocolVersion\":\"0.1.1\",\"runnerVersion\":\"1.25.3\",\"type\":\"start\","
                + "\"time\":0}\n{\"suite\":{\"id\":0,\"platform\":\"vm\",\"path\":\"test/cart_test.dart\"},"
                + "\"type\":\"suite\",\"time\":0}\n", tests, i -> start.formatted(i + 2, i, i)
                + (i % 10 == 0 ? error.formatted(i + 2, i + 1) + done.formatted(i + 2, "failure", i + 1)
                : done.formatted(i + 2, "success", i + 1)), "{\"success\":false,\"type\":\"done\",\"time\":1}\n");
    }

    /** The parts one after the other, lazily (a flat-mapped stream's iterator would buffer a whole part). */
    private static Iterator<String> concat(List<Iterator<String>> parts) {
        Iterator<Iterator<String>> remaining = parts.iterator();
        return new Iterator<>() {
            private Iterator<String> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && remaining.hasNext()) {
                    current = remaining.next();
                }
                return current.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** A report produced chunk by chunk as it is read. */
    private static final class Generated extends InputStream {
        private final Iterator<String> chunks;
        private byte[] current = new byte[0];
        private int position;
        long bytes;

        Generated(String head, int count, IntFunction<String> element, String tail) {
            this(concat(List.of(List.of(head).iterator(), IntStream.range(0, count).mapToObj(element).iterator(),
                    List.of(tail).iterator())));
        }

        Generated(Iterator<String> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (position == current.length) {
                if (!chunks.hasNext()) {
                    return -1;
                }
                current = chunks.next().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            bytes += n;
            return n;
        }
    }
}
