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
final class DynamoTraffic implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("dynamo-traffic-started");

    private final Map<String, Tally> operations = new ConcurrentHashMap<>();

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
            tally(attributes).nanos.add(System.nanoTime() - started);
        }
    }

    private Tally tally(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operations.computeIfAbsent(operation == null ? "unknown" : operation, o -> new Tally());
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
