package dev.feedbackloop.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * What a DynamoDB client asked of the table, by operation: calls, the wall time they took (as the caller waited for
 * them, retries included), items written (a batch or a transaction counts each of its writes; a condition check
 * writes nothing) and items asked for by key. Register it on the client; thread-safe.
 */
public final class DynamoTraffic implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("dynamo-traffic-started");

    private static final ExecutionAttribute<String> CALLER = new ExecutionAttribute<>("dynamo-traffic-caller");
    private static final StackWalker STACK = StackWalker.getInstance();
    /** Our classes that only carry a store's requests: the caller is the store method above them. */
    private static final java.util.Set<String> CARRIERS = java.util.Set.of("Table", "BatchWriter", "BatchReader",
            "Queries", "Cursors", "ItemSize", "Items", "TransactionBatches");

    private final Map<String, Tally> operations = new ConcurrentHashMap<>();
    private final Map<String, Tally> callers = new ConcurrentHashMap<>();
    private volatile Map<String, long[]> marked = Map.of();

    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder written = new LongAdder();
        final LongAdder keysRead = new LongAdder();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        Tally tally = tally(attributes);
        tally.calls.increment();
        SdkRequest request = context.request();
        tally.written.add(written(request));
        String caller = caller();
        attributes.putAttribute(CALLER, caller);
        Tally byCaller = callers.computeIfAbsent(caller, c -> new Tally());
        byCaller.calls.increment();
        byCaller.written.add(written(request));
        if (request instanceof BatchGetItemRequest batch) {
            tally.keysRead.add(batch.requestItems().values().stream().mapToLong(k -> keys(k)).sum());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finished(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finished(attributes);
    }

    private void finished(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            long nanos = System.nanoTime() - started;
            tally(attributes).nanos.add(nanos);
            String caller = attributes.getAttribute(CALLER);
            if (caller != null) {
                callers.get(caller).nanos.add(nanos);
            }
        }
    }

    private Tally tally(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operations.computeIfAbsent(operation == null ? "unknown" : operation, o -> new Tally());
    }

    /** The store method that made the request: the first frame of our DynamoDB adapter that is not a carrier. */
    private static String caller() {
        return STACK.walk(frames -> frames.filter(f -> f.getClassName().startsWith("dev.feedbackloop.adapter.dynamodb.")
                        && !CARRIERS.contains(f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                        .replaceAll("\\$.*", "")))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1).replaceAll("\\$.*", "")
                        + "." + f.getMethodName().replaceAll("^lambda\\$(\\w+)\\$\\d+$", "$1"))
                .orElse("other"));
    }

    /** Remembers the counts by caller so far: {@link #callerTable} shows what came after, and what came before. */
    void mark() {
        Map<String, long[]> now = new TreeMap<>();
        callers.forEach((caller, t) -> now.put(caller, new long[] {t.calls.sum(), t.nanos.sum(), t.written.sum()}));
        marked = now;
    }

    /**
     * One line a store method, the slowest first: calls, seconds, items written, before the {@link #mark} and after
     * it.
     */
    String callerTable() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-44s %21s | %21s%n", "",
                "before the mark", "after the mark"));
        text.append(String.format(Locale.ROOT, "  %-44s %6s %7s %7s | %6s %7s %7s%n", "store method", "calls",
                "seconds", "written", "calls", "seconds", "written"));
        callers.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().nanos.sum(), a.getValue().nanos.sum()))
                .forEach(e -> {
                    long[] before = marked.getOrDefault(e.getKey(), new long[3]);
                    Tally t = e.getValue();
                    text.append(String.format(Locale.ROOT, "  %-44s %6d %7.1f %7d | %6d %7.1f %7d%n", e.getKey(),
                            before[0], before[1] / 1e9, before[2], t.calls.sum() - before[0],
                            (t.nanos.sum() - before[1]) / 1e9, t.written.sum() - before[2]));
                });
        return text.toString();
    }

    private static long keys(KeysAndAttributes keys) {
        return keys.keys().size();
    }

    private static long written(SdkRequest request) {
        return switch (request.getClass().getSimpleName()) {
            case "PutItemRequest", "UpdateItemRequest", "DeleteItemRequest" -> 1;
            case "BatchWriteItemRequest" -> ((BatchWriteItemRequest) request).requestItems().values().stream()
                    .mapToLong(java.util.List::size).sum();
            case "TransactWriteItemsRequest" -> ((TransactWriteItemsRequest) request).transactItems().stream()
                    .filter(DynamoTraffic::writes).count();
            default -> 0;
        };
    }

    private static boolean writes(TransactWriteItem item) {
        return item.put() != null || item.update() != null || item.delete() != null;
    }

    /** Calls made so far by one store method ({@code DynamoRunStore.findRun}), as {@link #callerTable} names it. */
    public long callsBy(String storeMethod) {
        Tally tally = callers.get(storeMethod);
        return tally == null ? 0 : tally.calls.sum();
    }

    /** All calls so far. */
    long calls() {
        return operations.values().stream().mapToLong(t -> t.calls.sum()).sum();
    }

    /** Items written so far. */
    long itemsWritten() {
        return operations.values().stream().mapToLong(t -> t.written.sum()).sum();
    }

    /** Seconds callers waited for DynamoDB so far. */
    double seconds() {
        return operations.values().stream().mapToLong(t -> t.nanos.sum()).sum() / 1e9;
    }

    /** One line an operation, the slowest first: calls, seconds, items written, keys read. */
    String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-20s %8s %9s %9s %9s%n", "operation",
                "calls", "seconds", "written", "keys read"));
        Map<String, Tally> sorted = new TreeMap<>(operations);
        sorted.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().nanos.sum(), a.getValue().nanos.sum()))
                .forEach(e -> text.append(String.format(Locale.ROOT, "  %-20s %8d %9.1f %9d %9d%n", e.getKey(),
                        e.getValue().calls.sum(), e.getValue().nanos.sum() / 1e9, e.getValue().written.sum(),
                        e.getValue().keysRead.sum())));
        return text.toString();
    }
}
