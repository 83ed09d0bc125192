package dev.feedbackloop.adapter.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.annotations.RegisterResourceBundle;

/**
 * What a native image must keep that nothing else registers (seen with Quarkus 3.32.4, GraalVM 25):
 * <ul>
 *   <li>Quarkus' Lambda poll loop reports a failed invocation by serialising {@code FunctionError} with Jackson;
 *       without it the native executable cannot serialise it, never reports the error, and the invocation hangs
 *       until its timeout instead of failing at once (Funqy with advanced event handling off).</li>
 *   <li>The JDK's StAX parser formats every well-formedness error from the {@code XMLMessages} resource bundle of
 *       {@code java.xml}. Without the bundle, a malformed XML report throws {@code MissingResourceException}
 *       instead of the parse error: the ingest invocation failed (a 502 to the caller) instead of answering 400,
 *       and classify failed (retried, then dead-lettered) instead of rejecting the report. Found by {@code NativeParityBenchmark} on the corpus.</li>
 * </ul>
 */
@RegisterForReflection(targets = io.quarkus.amazon.lambda.runtime.FunctionError.class)
@RegisterResourceBundle(bundleName = "com.sun.org.apache.xerces.internal.impl.msg.XMLMessages",
        moduleName = "java.xml")
final class NativeReflection {

    private NativeReflection() {
    }
}
