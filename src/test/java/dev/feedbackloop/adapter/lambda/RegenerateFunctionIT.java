package dev.feedbackloop.adapter.lambda;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link RegenerateFunctionTest} against the packaged application, not the one in the test JVM: with {@code -Dnative}, the
 * native executable, which polls the Lambda mock event server as it polls the Lambda runtime API on AWS.
 */
@QuarkusIntegrationTest
@TestProfile(FunctionProfiles.Regenerate.class)
class RegenerateFunctionIT extends RegenerateFunctionTest {
}
