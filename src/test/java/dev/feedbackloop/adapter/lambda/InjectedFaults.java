package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.testing.FailNextRequest;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Registered on the application's real DynamoDB client ({@code quarkus.dynamodb.interceptors}), which instantiates
 * it by name; tests arm the shared {@link #FAULTS}.
 */
public class InjectedFaults implements ExecutionInterceptor {

    static final FailNextRequest FAULTS = new FailNextRequest();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return FAULTS.modifyRequest(context, attributes);
    }
}
