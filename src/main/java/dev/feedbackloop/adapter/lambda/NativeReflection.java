package dev.feedbackloop.adapter.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes a native image must keep reflectively that nothing else registers. Quarkus' Lambda poll loop reports a
 * failed invocation by serialising {@code FunctionError} with Jackson; without this registration the native
 * executable cannot serialise it, never reports the error, and the invocation hangs until its timeout instead of
 * failing at once (seen with Quarkus 3.32.4, Funqy with advanced event handling off).
 */
@RegisterForReflection(targets = io.quarkus.amazon.lambda.runtime.FunctionError.class)
final class NativeReflection {

    private NativeReflection() {
    }
}
