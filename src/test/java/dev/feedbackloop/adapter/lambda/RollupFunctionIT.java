package dev.feedbackloop.adapter.lambda;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link RollupFunctionTest} against the packaged application, not the one in the test JVM: with {@code -Dnative}, the
 * native executable, which polls the Lambda mock event server as it polls the Lambda runtime API on AWS.
 */
@QuarkusIntegrationTest
@TestProfile(FunctionProfiles.Rollup.class)
class RollupFunctionIT extends RollupFunctionTest {
}
