package dev.feedbackloop.bench;

import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.cli.HistoryManifest;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.store.SpendLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long {@code feedback ingest --manifest} takes to load a history into a persistent store, and what it asked of
 * DynamoDB: calls, seconds waited and items written, by operation. It loads the manifest as the command does
 * ({@link HistoryManifest#read}, then {@link LocalLoop#deliverAll}) into a fresh data directory; {@code --per-report}
 * delivers the reports one by one instead (regeneration queue drained after each, as plain {@code ingest} does), and
 * {@code --batch-writes ITEM_BATCHES} writes results with BatchWriteItem as on AWS, to measure what each change is
 * worth. Besides the totals by DynamoDB operation it prints the requests by store method (which stage asked for what),
 * split at the classify of the last report: before it, the reports' ingest and classify; after it, the tests' held
 * health written once, the completion markers and the regeneration drain. Run:
 *
 * <pre>
 *   ./bench.sh history.HistorySimulator --out /tmp/sim --runs 100 --tests 150
 *   ./bench.sh ManifestLoadBenchmark --manifest /tmp/sim/manifest.jsonl [--per-report] [--batch-writes ITEM_BATCHES]
 * </pre>
 *
 * To measure the JVM {@code feedback ingest --manifest} runs in, give the launcher's options (see {@code feedback}):
 * {@code JAVA_OPTS="-XX:+UseSerialGC -XX:MaxInlineLevel=4 -XX:InlineSmallCode=600 -XX:FreqInlineSize=120"}; without
 * them the JVM's defaults (G1, C2 inlining deeply) spend more CPU compiling than loading.
 *
 * The figures depend on the disk (DynamoDB Local commits each write request to SQLite) and on the machine's load:
 * note {@code uptime} beside them; the process's CPU time while loading, also printed, varies less with the load.
 * Library logging is set as the {@code feedback} launcher sets it (see {@link #quietLibraryLogging}).
 */
public final class ManifestLoadBenchmark {

    private ManifestLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        quietLibraryLogging();
        Path manifest = null;
        String project = "shop";
        boolean perReport = false;
        BatchWrites batchWrites = BatchWrites.TRANSACTIONS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--manifest" -> manifest = Path.of(args[++i]);
                case "--project" -> project = args[++i];
                case "--per-report" -> perReport = true;
                case "--batch-writes" -> batchWrites = BatchWrites.valueOf(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--manifest FILE"
                        + " [--project P] [--per-report] [--batch-writes TRANSACTIONS|ITEM_BATCHES])");
            }
        }
        if (manifest == null) {
            throw new IllegalArgumentException("--manifest FILE.jsonl is required (make one with"
                    + " ./bench.sh history.HistorySimulator --out DIR)");
        }
        Clock clock = Clock.systemUTC();
        List<HistoryManifest.Entry> entries;
        try {
            entries = HistoryManifest.read(manifest, Map.of("project", project), clock.instant());
        } catch (HistoryManifest.Invalid e) {
            throw new IllegalArgumentException(manifest + ": " + e.problems(), e);
        }
        Path data = Files.createTempDirectory("manifest-load-bench");
        DynamoTraffic traffic = new DynamoTraffic();
        LlmWiring llm = LlmWiring.create(LlmSettings.none(), new LlmWiring.Collaborators(ApiKeySource.none(),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), clock));
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long started = System.nanoTime();
        try (LocalLoop loop = LocalLoop.start(Optional.of(data), clock, llm, TestSources.NONE, List.of(traffic),
                batchWrites)) {
            long loading = System.nanoTime();
            long cpuBefore = processCpuNanos(os);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long threadCpuBefore = threads.getCurrentThreadCpuTime();
            long[] classified = {0};
            int taken = 0;
            if (perReport) {
                for (HistoryManifest.Entry entry : entries) {
                    taken += loop.deliver(entry.file(), entry.metadata()).regenerationsTaken();
                }
            } else {
                int[] count = {0};
                taken = loop.deliverAll(entries.stream().map(e -> new LocalLoop.Shipment(e.file(), e.metadata()))
                        .toList(), delivery -> {
                            if (++count[0] == entries.size()) { // the last report is classified; health not written
                                classified[0] = System.nanoTime();
                                traffic.mark();
                            }
                        }).regenerationsTaken();
            }
            long loaded = System.nanoTime();
            long cpu = processCpuNanos(os) - cpuBefore;
            long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuBefore;
            double seconds = (loaded - loading) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d reports %s, results in %s%n", manifest, entries.size(),
                    perReport ? "one by one (drain after each)" : "in one pass (deliverAll, one drain)", batchWrites);
            System.out.printf(Locale.ROOT, "engines started in %.1f s; loaded in %.1f s (%.2f s a report);"
                            + " %d regeneration requests taken%n", (loading - started) / 1e9, seconds,
                    seconds / entries.size(), taken);
            System.out.printf(Locale.ROOT, "CPU while loading: %.1f s (this process: loading, engines, JIT and GC),"
                    + " of which the loading thread %.1f s%n", cpu / 1e9, threadCpu / 1e9);
            System.out.printf(Locale.ROOT, "DynamoDB: %d calls, %.1f s waited, %d items written (%.0f a report)%n",
                    traffic.calls(), traffic.seconds(), traffic.itemsWritten(),
                    traffic.itemsWritten() / (double) entries.size());
            System.out.print(traffic.table());
            if (!perReport) {
                System.out.printf(Locale.ROOT, "ingest and classify of the reports: %.1f s; then the held health,"
                        + " the completion markers and the regeneration drain: %.1f s%n",
                        (classified[0] - loading) / 1e9, (loaded - classified[0]) / 1e9);
            }
            System.out.println("by store method (the mark: after the classify of the last report, before the held"
                    + " health is written and the queue drained):");
            System.out.print(traffic.callerTable());
        }
        System.exit(0); // the in-process engines keep non-daemon threads alive
    }

    /**
     * Library logging as the {@code feedback} launcher sets it: SLF4J's no-op provider, JUL through JBoss LogManager.
     * Without it the class path's JBoss SLF4J provider answers that trace is enabled, and the AWS SDK then builds
     * every trace message it would log (the whole request of each transaction, as text) and drops it: about a tenth
     * of the loading thread's CPU, which the command itself never spends.
     */
    private static void quietLibraryLogging() {
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }

    /** CPU time of the whole process so far, where the JVM can tell (HotSpot can); else 0. */
    private static long processCpuNanos(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : 0;
    }
}
