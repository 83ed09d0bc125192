package dev.feedbackloop.bench;

import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.upload.FailingTestSources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What shipping the hashes of every test file a report names costs {@code feedback upload}: a checkout of N test files
 * (each about {@code bytes} bytes of TypeScript, 1 in 50 failing) and a JUnit report naming them all, collected
 * ({@link FailingTestSources#collect}: read under the source root, redacted, hashed; the failing ones kept whole) and
 * written as one {@code POST /sources} body. Prints the thread's CPU time (best of three, after a warm-up), the number
 * of hashes and sources, and the body's size. {@code ./bench.sh SourceHashesBenchmark [files] [bytes]}, defaults 2,000
 * files (the cap) of 3,000 bytes.
 */
public final class SourceHashesBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SourceHashesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : SourceBundle.MAX_HASHES;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        Path dir = Files.createTempDirectory("source-hashes-bench");
        Path report = checkout(dir, files, bytes);
        SourceRoot root = new SourceRoot(dir.resolve("checkout"), Redactor.standard());
        FailingTestSources.collect(report, Reports.standard(), root); // warm-up
        long best = Long.MAX_VALUE;
        FailingTestSources.Collected collected = null;
        for (int i = 0; i < 3; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            collected = FailingTestSources.collect(report, Reports.standard(), root);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        byte[] body = SourceBundle.write(collected.sources(), List.of(), collected.hashes());
        System.out.printf(Locale.ROOT, "%d test files of ~%d bytes: %d hashes, %d sources whole, body %.1f KiB,"
                + " collect %.0f ms CPU (%.2f ms a file)%n", files, bytes, collected.hashes().size(),
                collected.sources().size(), body.length / 1024.0, best / 1e6, best / 1e6 / files);
    }

    /** N spec files under {@code dir/checkout/e2e}, and a JUnit report naming each once (every 50th failing). */
    private static Path checkout(Path dir, int files, int bytes) throws IOException {
        Path e2e = Files.createDirectories(dir.resolve("checkout/e2e"));
        StringBuilder report = new StringBuilder("<testsuite name=\"e2e\" tests=\"" + files + "\">\n");
        String line = "  await page.getByRole('button', { name: 'Continue' }).click(); // step\n";
        for (int i = 0; i < files; i++) {
            StringBuilder source = new StringBuilder("import { test } from '@playwright/test';\ntest('case " + i
                    + "', async ({ page }) => {\n");
            while (source.length() < bytes) {
                source.append(line);
            }
            Files.writeString(e2e.resolve("case" + i + ".spec.ts"), source.append("});\n"));
            report.append("  <testcase classname=\"e2e.case").append(i).append("\" name=\"case ").append(i)
                    .append("\" file=\"e2e/case").append(i).append(".spec.ts\">")
                    .append(i % 50 == 0 ? "<failure message=\"timeout\">Error</failure>" : "")
                    .append("</testcase>\n");
        }
        return Files.writeString(dir.resolve("junit.xml"), report.append("</testsuite>\n"));
    }
}
