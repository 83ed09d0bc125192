package dev.feedbackloop.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Parses a large generated JUnit XML report through {@code Reports.standard()} and prints throughput and heap use.
 *
 * <pre>
 *   ./bench.sh JunitParseBenchmark                       # 200,000 test cases, 10% failing
 *   JAVA_OPTS=-Xmx256m ./bench.sh JunitParseBenchmark --size-mb 500
 *   ./bench.sh JunitParseBenchmark --file path/to/report.xml --runs 3
 * </pre>
 *
 * Options: {@code --tests N} (default 200000), {@code --size-mb M} (generate test cases until the file reaches M
 * MB), {@code --file PATH} (parse an existing file instead), {@code --runs N} (default 3, or 1 for files over
 * 100 MB). The generated file is written to {@code target/bench/} and kept for reruns with {@code --file}.
 *
 * <p>Heap is measured two ways: the peak of each heap pool since the run started (summed: an upper bound, the pools
 * peak at different moments), and the largest heap still in use right after a garbage collection (from GC
 * notifications): the memory the parser really retains. {@code Runtime.totalMemory()} says neither.
 */
public final class JunitParseBenchmark {

    private static final double MB = 1024.0 * 1024.0;

    private JunitParseBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = ReportGenerator.options(args);
        Path file = options.containsKey("file") ? Path.of(options.get("file")) : ReportGenerator.generate(options);
        long bytes = Files.size(file);
        int runs = Integer.parseInt(options.getOrDefault("runs", bytes > 100 * MB ? "1" : "3"));
        System.out.printf(Locale.ROOT, "file %s: %.1f MB; max heap %.0f MB; %s%n", file, bytes / MB,
                Runtime.getRuntime().maxMemory() / MB, System.getProperty("java.vm.version"));
        HeapWatch heap = new HeapWatch();
        for (int run = 1; run <= runs; run++) {
            measure(run, file, bytes, heap);
        }
    }

    private static void measure(int run, Path file, long bytes, HeapWatch heap) throws IOException {
        System.gc();
        heap.reset();
        long start = System.nanoTime();
        ReportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = Reports.standard().parse(file.getFileName().toString(), in, result -> { });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "run %d: %d tests (%d passed, %d failed, %d errored, %d skipped, %d flaky)"
                        + " in %.2f s: %.1f MB/s, %.0f tests/s; heap: pool peaks %.0f MB, max after GC %.0f MB,"
                        + " %d GCs%n",
                run, summary.tests(), summary.passed(), summary.failed(), summary.errored(), summary.skipped(),
                summary.flaky(), seconds, bytes / MB / seconds, summary.tests() / seconds,
                heap.poolPeaks() / MB, heap.maxAfterGc() / MB, heap.collections());
    }

    /** Heap pool peaks and the heap in use after each garbage collection, since the last {@link #reset()}. */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        HeapWatch() {
            NotificationListener listener = (notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> isHeapPool(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    maxAfterGc.accumulateAndGet(used, Math::max);
                    collections.incrementAndGet();
                }
            };
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
            }
        }

        void reset() {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            maxAfterGc.set(0);
            collections.set(0);
        }

        long poolPeaks() {
            return heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }

        long collections() {
            return collections.get();
        }

        private boolean isHeapPool(String name) {
            return heapPools.stream().anyMatch(p -> p.getName().equals(name));
        }
    }

    /** Writes a surefire-style report: suites of 100 test cases, 10% failing with a real-looking stack trace. */
    static final class ReportGenerator {
        private static final int TESTS_PER_SUITE = 100;

        private ReportGenerator() {
        }

        static Map<String, String> options(String[] args) {
            java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: [--tests N | --size-mb M | --file PATH] [--runs N];"
                            + " got '" + args[i] + "'");
                }
                options.put(args[i].substring(2), args[++i]);
            }
            return options;
        }

        static Path generate(Map<String, String> options) throws IOException {
            long targetBytes = options.containsKey("size-mb")
                    ? (long) (Double.parseDouble(options.get("size-mb")) * MB) : Long.MAX_VALUE;
            long tests = options.containsKey("size-mb") ? Long.MAX_VALUE
                    : Long.parseLong(options.getOrDefault("tests", "200000"));
            Path dir = Files.createDirectories(Path.of("target", "bench"));
            Path file = dir.resolve(options.containsKey("size-mb")
                    ? "junit-" + options.get("size-mb") + "mb.xml" : "junit-" + tests + "-tests.xml");
            long start = System.nanoTime();
            long written;
            try (CountingWriter out = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                written = write(out, tests, targetBytes);
            }
            System.out.printf(Locale.ROOT, "generated %d test cases (%.1f MB) in %.1f s%n", written,
                    Files.size(file) / MB, (System.nanoTime() - start) / 1e9);
            return file;
        }

        private static long write(CountingWriter out, long tests, long targetBytes) throws IOException {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"benchmark\">\n");
            long n = 0;
            while (n < tests && out.count < targetBytes) {
                long suite = n / TESTS_PER_SUITE;
                out.write("  <testsuite name=\"com.example.module" + suite % 50 + ".Service" + suite
                        + "Test\" tests=\"" + TESTS_PER_SUITE + "\" timestamp=\"2024-05-01T10:00:00\""
                        + " hostname=\"ci-runner-7\" time=\"12.5\">\n");
                for (int i = 0; i < TESTS_PER_SUITE && n < tests && out.count < targetBytes; i++, n++) {
                    testcase(out, suite, n);
                }
                out.write("  </testsuite>\n");
            }
            out.write("</testsuites>\n");
            return n;
        }

        private static void testcase(Writer out, long suite, long n) throws IOException {
            String classname = "com.example.module" + suite % 50 + ".Service" + suite + "Test";
            out.write("    <testcase name=\"test" + n + "_shouldHandleRequest[" + n % 7 + "]\" classname=\""
                    + classname + "\" time=\"0." + (n % 997) + "\"");
            if (n % 10 == 3) {
                out.write(">\n      <failure message=\"expected: &lt;200&gt; but was: &lt;" + (500 + n % 4)
                        + "&gt; for &quot;/api/v1/orders/" + n + "&quot;\" type=\"org.opentest4j.AssertionFailedError\">");
                out.write(stackTrace(classname, n));
                out.write("</failure>\n      <system-out><![CDATA[2024-05-01 10:00:00 INFO  Starting request "
                        + n + "\n2024-05-01 10:00:01 WARN  Retrying connection to db-" + n % 3
                        + "]]></system-out>\n    </testcase>\n");
            } else if (n % 100 == 7) {
                out.write(">\n      <flakyFailure message=\"Timeout after 5000 ms\" type=\"java.util.concurrent"
                        + ".TimeoutException\"><stackTrace>" + stackTrace(classname, n)
                        + "</stackTrace></flakyFailure>\n    </testcase>\n");
            } else if (n % 50 == 11) {
                out.write(">\n      <skipped message=\"disabled on CI\"/>\n    </testcase>\n");
            } else {
                out.write("/>\n");
            }
        }

        private static String stackTrace(String classname, long n) {
            StringBuilder trace = new StringBuilder("org.opentest4j.AssertionFailedError: expected: &lt;200&gt; but"
                    + " was: &lt;500&gt;\n");
            trace.append("\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n")
                    .append("\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)\n")
                    .append("\tat ").append(classname).append(".test").append(n)
                    .append("_shouldHandleRequest(").append(classname.substring(classname.lastIndexOf('.') + 1))
                    .append(".java:").append(40 + n % 200).append(")\n");
            for (String frame : FRAMES) {
                trace.append("\tat ").append(frame).append('\n');
            }
            return trace.toString();
        }

        private static final String[] FRAMES = {
                "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
                "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)",
                "java.base/java.lang.reflect.Method.invoke(Method.java:568)",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)",
                "org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)",
                "org.junit.jupiter.engine.execution.InvocationInterceptorChain.proceed(InvocationInterceptorChain.java:131)",
                "org.junit.jupiter.engine.extension.TimeoutExtension.intercept(TimeoutExtension.java:156)",
                "org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.invokeTestMethod(TestMethodTestDescriptor.java:218)",
                "org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)",
                "org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.execute(TestMethodTestDescriptor.java:138)",
                "org.junit.platform.engine.support.hierarchical.NodeTestTask.lambda$executeRecursively$8(NodeTestTask.java:141)",
                "org.junit.platform.engine.support.hierarchical.Node.around(Node.java:137)",
                "org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java:139)",
                "org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:95)",
                "java.base/java.util.ArrayList.forEach(ArrayList.java:1511)",
                "org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService.invokeAll(SameThreadHierarchicalTestExecutorService.java:41)",
                "org.junit.platform.launcher.core.EngineExecutionOrchestrator.execute(EngineExecutionOrchestrator.java:147)",
                "org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invokeAllTests(JUnitPlatformProvider.java:154)",
                "org.apache.maven.surefire.booter.ForkedBooter.runSuitesInProcess(ForkedBooter.java:385)",
                "org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:507)",
                "com.example.support.HttpFixture.&lt;init&gt;(HttpFixture.java:31)",
        };

        /** A writer that counts the characters written, to stop at a target size. */
        private static final class CountingWriter extends Writer {
            private final BufferedWriter out;
            long count;

            CountingWriter(BufferedWriter out) {
                this.out = out;
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                out.write(chars, offset, length);
                count += length;
            }

            @Override
            public void write(String text) throws IOException {
                out.write(text);
                count += text.length();
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        }
    }
}
