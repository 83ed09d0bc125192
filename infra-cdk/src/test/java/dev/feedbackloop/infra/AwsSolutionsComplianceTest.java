package dev.feedbackloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag's AwsSolutions pack finds nothing that is not suppressed with a reason. */
class AwsSolutionsComplianceTest {

    private static final Object AWS_SOLUTIONS = Match.stringLikeRegexp("AwsSolutions-.*");

    @Test
    void bothStagesHaveNoUnsuppressedAwsSolutionsErrors() {
        for (Stack stack : stages()) {
            assertThat(describe(Annotations.fromStack(stack).findError("*", AWS_SOLUTIONS)))
                    .as("AwsSolutions errors in %s", stack.getStackName()).isEmpty();
        }
    }

    @Test
    void bothStagesHaveNoUnsuppressedAwsSolutionsWarnings() {
        for (Stack stack : stages()) {
            assertThat(describe(Annotations.fromStack(stack).findWarning("*", AWS_SOLUTIONS)))
                    .as("AwsSolutions warnings in %s", stack.getStackName()).isEmpty();
        }
    }

    /** Guards the two tests above against passing because the checks never ran. */
    @Test
    void theChecksDoReportANonCompliantResource() {
        App app = new App();
        Stack stack = new Stack(app, "NonCompliant");
        new Bucket(stack, "PlainBucket");
        Aspects.of(app).add(new AwsSolutionsChecks());
        assertThat(describe(Annotations.fromStack(stack).findError("*", AWS_SOLUTIONS)))
                .anyMatch(message -> message.contains("AwsSolutions-S10"));
    }

    private static List<Stack> stages() {
        SynthesizedStacks stacks = SynthesizedStacks.get();
        return List.of(stacks.prod, stacks.dev);
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream().map(message -> message.getId() + ": " + message.getEntry().getData()).toList();
    }
}
