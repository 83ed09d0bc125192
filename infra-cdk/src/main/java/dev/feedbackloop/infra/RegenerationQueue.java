package dev.feedbackloop.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Fixable failures waiting for a regenerated test: classify sends, regenerate consumes. A message that fails
 * {@link #MAX_RECEIVE_COUNT} times moves to the dead-letter queue, which alarms.
 */
public final class RegenerationQueue extends Construct {

    /** Retries of one message; LLM rate limits and timeouts are transient, a poisoned message is not. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Messages per invocation; each is one LLM call of seconds, and failures are reported per message. */
    public static final int BATCH_SIZE = 5;
    /** Concurrent regenerate invocations at most, to stay inside the LLM provider's rate limits. */
    public static final int MAX_CONCURRENCY = 5;
    /**
     * AWS advises a visibility timeout of six times the function timeout for SQS event sources, so a message is
     * not handed out again while retries of a throttled invocation are still under way.
     */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    private final Queue queue;
    private final FailureQueue deadLetters;

    public RegenerationQueue(Construct scope, String id, Duration consumerTimeout, IAlarmAction alarmAction) {
        super(scope, id);
        deadLetters = new FailureQueue(this, "DeadLetters", "A regeneration request", alarmAction);
        queue = Queue.Builder.create(this, "Default")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(consumerTimeout.toSeconds().longValue() * VISIBILITY_TIMEOUT_FACTOR))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters.queue()).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }

    public IQueue queue() {
        return queue;
    }

    public FailureQueue deadLetters() {
        return deadLetters;
    }

    public String queueUrl() {
        return queue.getQueueUrl();
    }

    public void grantSend(IGrantable grantee) {
        queue.grantSendMessages(grantee);
    }

    /**
     * Makes {@code function} the consumer. With {@code ReportBatchItemFailures} the function returns the ids of
     * the messages that failed, so one bad message does not send its whole batch back to the queue.
     */
    public void consumeWith(IFunction function) {
        function.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(BATCH_SIZE)
                .maxConcurrency(MAX_CONCURRENCY)
                .reportBatchItemFailures(true)
                .build());
    }
}
