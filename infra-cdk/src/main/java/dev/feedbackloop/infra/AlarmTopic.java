package dev.feedbackloop.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic every alarm notifies; subscribe e-mail, chat or paging to it. Encrypted with its own KMS key
 * because CloudWatch cannot publish to a topic under the AWS-managed SNS key (its key policy cannot be changed).
 */
public final class AlarmTopic extends Construct {

    private static final ServicePrincipal CLOUDWATCH = new ServicePrincipal("cloudwatch.amazonaws.com");

    private final Key key;
    private final Topic topic;

    public AlarmTopic(Construct scope, String id, Optional<String> email, boolean retain) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .description("Encrypts the Feedback Loop alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        key.addToResourcePolicy(fromThisAccountsAlarms()
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        topic = Topic.Builder.create(this, "Default")
                .displayName("Feedback Loop alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // The topic policy replaces SNS's default one, which is what lets CloudWatch publish otherwise.
        topic.addToResourcePolicy(fromThisAccountsAlarms()
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .build());
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    }

    public ITopic topic() {
        return topic;
    }

    public IKey key() {
        return key;
    }

    public IAlarmAction action() {
        return new SnsAction(topic);
    }

    private static PolicyStatement.Builder fromThisAccountsAlarms() {
        return PolicyStatement.Builder.create()
                .principals(List.of(CLOUDWATCH))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)));
    }
}
