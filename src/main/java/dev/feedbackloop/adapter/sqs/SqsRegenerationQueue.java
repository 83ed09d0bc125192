package dev.feedbackloop.adapter.sqs;

import dev.feedbackloop.regenerate.RegenerationRequestJson;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.RegenerationQueue;
import dev.feedbackloop.store.RegenerationQueueException;
import dev.feedbackloop.store.RegenerationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link RegenerationQueue} on SQS: SendMessageBatch of up to 10 messages, one per scenario. The body is a JSON
 * object (mapped by hand with Jackson's tree model, no reflection, so it works in a native image); the deduplication
 * key travels in the body and as the {@code dedupKey} message attribute, and on a FIFO queue also as the
 * deduplication id (the scenario is the message group, so one scenario's requests stay in order). Entries SQS
 * failed on its side are resent with backoff; entries it rejected as malformed fail at once.
 */
public final class SqsRegenerationQueue implements RegenerationQueue {

    /** Most entries SendMessageBatch takes. */
    static final int MAX_BATCH = 10;
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration BASE_DELAY = Duration.ofMillis(50);

    private final SqsClient sqs;
    private final String queueUrl;
    private final boolean fifo;

    /** @param queueUrl {@code feedback.regenerate.queue-url} */
    public SqsRegenerationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("a regeneration queue URL is required (feedback.regenerate.queue-url)");
        }
        this.queueUrl = queueUrl;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    @Override
    public int publish(List<RegenerationRequest> requests) {
        Map<ScenarioKey, RegenerationRequest> perScenario = new LinkedHashMap<>();
        requests.forEach(r -> perScenario.putIfAbsent(r.scenario(), r));
        List<RegenerationRequest> unique = new ArrayList<>(perScenario.values());
        for (int from = 0; from < unique.size(); from += MAX_BATCH) {
            send(unique.subList(from, Math.min(unique.size(), from + MAX_BATCH)));
        }
        return unique.size();
    }

    private void send(List<RegenerationRequest> batch) {
        Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(Integer.toString(i), entry(Integer.toString(i), batch.get(i)));
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = List.copyOf(pending.values());
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                throw new RegenerationQueueException("cannot publish " + entries.size()
                        + " regeneration requests to " + queueUrl + ": " + e.getMessage(), e);
            }
            response.successful().forEach(ok -> pending.remove(ok.id()));
            List<BatchResultErrorEntry> failed = response.failed();
            List<BatchResultErrorEntry> rejected = failed.stream().filter(BatchResultErrorEntry::senderFault).toList();
            if (!rejected.isEmpty() || (!pending.isEmpty() && attempt >= MAX_ATTEMPTS)) {
                throw new RegenerationQueueException(describe(failed, batch), null);
            }
            if (!pending.isEmpty()) {
                pause(attempt);
            }
        }
    }

    private SendMessageBatchRequestEntry entry(String id, RegenerationRequest request) {
        String dedupKey = request.deduplicationKey();
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(RegenerationRequestJson.write(request))
                .messageAttributes(Map.of(
                        "dedupKey", attribute(dedupKey),
                        "project", attribute(request.scenario().project()),
                        "fingerprint", attribute(request.scenario().fingerprint().value())));
        if (fifo) {
            entry.messageDeduplicationId(dedupKey).messageGroupId(request.scenario().project() + "."
                    + request.scenario().fingerprint().value());
        }
        return entry.build();
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static String describe(List<BatchResultErrorEntry> failed, List<RegenerationRequest> batch) {
        StringBuilder text = new StringBuilder("regeneration requests not published:");
        for (BatchResultErrorEntry entry : failed) {
            RegenerationRequest request = batch.get(Integer.parseInt(entry.id()));
            text.append(' ').append(request.scenario()).append(" (").append(entry.code()).append(": ")
                    .append(entry.message()).append(entry.senderFault() ? ", rejected" : ", retries exhausted")
                    .append(')');
        }
        return text.toString();
    }

    private static void pause(int attempt) {
        long bound = BASE_DELAY.toMillis() << (attempt - 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegenerationQueueException("interrupted while retrying regeneration requests", e);
        }
    }
}
