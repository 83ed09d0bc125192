package dev.feedbackloop.infra;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the reason it is acceptable here (the reason lands in the template). */
final class Nag {

    private Nag() {
    }

    /** Suppresses {@code rule} on {@code construct} and everything under it. */
    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Suppresses {@code rule} for one finding only, e.g. {@code Resource::<BucketArn>/reports/*} of IAM5. */
    static void suppress(IConstruct construct, String rule, String reason, String finding) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(List.of(finding)).build()),
                true);
    }

    /** How cdk-nag writes {@code Fn::GetAtt [resource, Arn]} in a finding. */
    static String arnReference(CfnResource resource) {
        return "<" + Stack.of(resource).resolve(resource.getLogicalId()) + ".Arn>";
    }
}
