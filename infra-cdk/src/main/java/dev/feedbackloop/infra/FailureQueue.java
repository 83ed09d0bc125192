package dev.feedbackloop.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A dead-letter queue: encrypted, TLS-only, keeping messages the longest SQS allows, with an alarm as soon as one
 * message is in it. A message here is work that failed every retry and waits for a person (and a redrive).
 */
public final class FailureQueue extends Construct {

    /** The longest SQS retention: time to notice, fix and redrive. */
    public static final Duration RETENTION = Duration.days(14);

    private final Queue queue;
    private final Alarm alarm;

    public FailureQueue(Construct scope, String id, String whatFailed, IAlarmAction alarmAction) {
        super(scope, id);
        queue = Queue.Builder.create(this, "Default")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .build();
        alarm = Alarm.Builder.create(this, "NotEmpty")
                .alarmDescription(whatFailed + " failed every retry and is waiting in a dead-letter queue.")
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(5)).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(alarmAction);
    }

    public IQueue queue() {
        return queue;
    }

    public IAlarm alarm() {
        return alarm;
    }
}
