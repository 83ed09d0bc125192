package dev.feedbackloop.adapter.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Turns some of a real client's exchanges with the real engine into the failures DynamoDB produces under load or on
 * a bad network, so tests can provoke them deterministically:
 * <ul>
 *   <li>unprocessed batch items: half of a BatchWriteItem's items are taken out of the request before it is sent
 *       (so they are really not written) and handed back as {@code UnprocessedItems};</li>
 *   <li>throttling: the engine's answer is replaced by a 400 {@code ProvisionedThroughputExceededException} (the
 *       request was still executed: a worst case for idempotency);</li>
 *   <li>a lost response: the request executes, then the caller gets a client error;</li>
 *   <li>a failed send: the caller gets a client error and the request never reaches the engine.</li>
 * </ul>
 * Counters say how many calls each rule still affects.
 */
final class FaultInjector implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<WriteRequest>> WITHHELD = new ExecutionAttribute<>("withheld");
    private static final ExecutionAttribute<Boolean> THROTTLED = new ExecutionAttribute<>("throttled");

    private final AtomicInteger unprocessedBatches = new AtomicInteger();
    private volatile boolean processNothing;
    private final Map<String, AtomicInteger> throttles = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final Map<String, Integer> loseResponseOfCall = new HashMap<>();
    private final Map<String, Integer> failSendOfCall = new HashMap<>();

    /** The next {@code batches} BatchWriteItem calls return half their items unprocessed. */
    synchronized FaultInjector unprocessedItems(int batches) {
        unprocessedBatches.set(batches);
        return this;
    }

    /**
     * Every BatchWriteItem from now on reports all its items unprocessed (only the first is sent, and reported
     * unprocessed too: the request cannot be empty, and a repeated put does no harm).
     */
    synchronized FaultInjector processNothing() {
        processNothing = true;
        return this;
    }

    /** The next {@code attempts} HTTP attempts of {@code operation} are answered with throttling. */
    synchronized FaultInjector throttle(String operation, int attempts) {
        throttles.put(operation, new AtomicInteger(attempts));
        return this;
    }

    /** Call number {@code n} (1-based, from now) of {@code operation} executes but its response is lost. */
    synchronized FaultInjector loseResponse(String operation, int n) {
        loseResponseOfCall.put(operation, calls(operation).get() + n);
        return this;
    }

    /** Call number {@code n} (1-based, from now) of {@code operation} fails before it is sent. */
    synchronized FaultInjector failSend(String operation, int n) {
        failSendOfCall.put(operation, calls(operation).get() + n);
        return this;
    }

    /** Stops injecting anything. */
    synchronized void clear() {
        unprocessedBatches.set(0);
        processNothing = false;
        throttles.clear();
        loseResponseOfCall.clear();
        failSendOfCall.clear();
    }

    @Override
    public synchronized SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        int call = calls(operation).incrementAndGet();
        if (failSendOfCall.getOrDefault(operation, -1) == call) {
            throw SdkClientException.create("injected: " + operation + " call " + call + " could not be sent");
        }
        if (context.request() instanceof BatchWriteItemRequest batch
                && (processNothing || unprocessedBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
            return withhold(batch, attributes, processNothing);
        }
        return context.request();
    }

    private static SdkRequest withhold(BatchWriteItemRequest batch, ExecutionAttributes attributes, boolean all) {
        Map.Entry<String, List<WriteRequest>> table = batch.requestItems().entrySet().iterator().next();
        List<WriteRequest> items = table.getValue();
        int keep = all ? 1 : Math.max(1, items.size() / 2);
        attributes.putAttribute(WITHHELD, new ArrayList<>(items.subList(all ? 0 : keep, items.size())));
        return batch.toBuilder().requestItems(Map.of(table.getKey(), items.subList(0, keep))).build();
    }

    @Override
    public synchronized SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        AtomicInteger remaining = throttles.get(operation(attributes));
        if (remaining == null || remaining.get() <= 0) {
            attributes.putAttribute(THROTTLED, false);
            return context.httpResponse();
        }
        remaining.decrementAndGet();
        attributes.putAttribute(THROTTLED, true);
        // The replaced body no longer matches the engine's CRC32 header, which the SDK would check.
        return context.httpResponse().toBuilder().statusCode(400).removeHeader("x-amz-crc32")
                .putHeader("x-amzn-ErrorType", "ProvisionedThroughputExceededException").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(THROTTLED))) {
            return context.responseBody();
        }
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                + "\"message\":\"injected: the level of configured provisioned throughput was exceeded\"}";
        return Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        if (loseResponseOfCall.getOrDefault(operation, -1) == calls(operation).get()) {
            throw SdkClientException.create("injected: the response to " + operation + " call "
                    + calls(operation).get() + " was lost after it executed");
        }
        List<WriteRequest> withheld = attributes.getAttribute(WITHHELD);
        if (withheld != null && context.response() instanceof BatchWriteItemResponse response) {
            String table = context.request() instanceof BatchWriteItemRequest r
                    ? r.requestItems().keySet().iterator().next() : "";
            List<WriteRequest> unprocessed = new ArrayList<>(withheld);
            if (response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()) {
                unprocessed.addAll(response.unprocessedItems().getOrDefault(table, List.of()));
            }
            return response.toBuilder().unprocessedItems(Map.of(table, unprocessed)).build();
        }
        return context.response();
    }

    private AtomicInteger calls(String operation) {
        return calls.computeIfAbsent(operation, o -> new AtomicInteger());
    }

    private static String operation(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation == null ? "unknown" : operation;
    }
}
