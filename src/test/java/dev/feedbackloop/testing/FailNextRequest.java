package dev.feedbackloop.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes a real client's next request of one kind fail before it is sent, as a dropped connection would: the engine
 * never sees it. Armed per test; each arming fails one request (or as many as asked).
 */
public final class FailNextRequest implements ExecutionInterceptor {

    private volatile String operation;
    private volatile Predicate<String> matching = r -> true;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    /** The next {@code times} requests of {@code operation} whose text contains {@code marker} fail. */
    public void arm(String operation, String marker, int times) {
        this.operation = operation;
        this.matching = request -> request.contains(marker);
        remaining.set(times);
    }

    /** How many requests were failed so far. */
    public int failed() {
        return failed.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (name != null && name.equals(operation) && matching.test(context.request().toString())
                && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            throw SdkClientException.create("injected: " + name + " could not be sent");
        }
        return context.request();
    }
}
