package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.StoredRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Buffers up to 25 result items and writes them with one BatchWriteItem. Two results of the same test in one batch
 * would make DynamoDB refuse the batch (duplicate keys), so the later replaces the earlier, as it would across
 * batches.
 */
final class DynamoResultWriter implements ResultWriter {

    private final BatchWriter batches;
    private final StoredRun run;
    private final long expiresAt;
    private final Map<String, WriteRequest> pending = new LinkedHashMap<>();
    private long written;

    DynamoResultWriter(BatchWriter batches, StoredRun run, long expiresAt) {
        this.batches = batches;
        this.run = run;
        this.expiresAt = expiresAt;
    }

    @Override
    public void add(ResultRecord result) {
        Map<String, AttributeValue> item = ItemSize.check("PutResults", ResultItems.toItem(run, result, expiresAt));
        pending.put(Items.describe(item), WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
                .build());
        written++;
        if (pending.size() == BatchWriter.MAX_BATCH) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ArrayList<WriteRequest> batch = new ArrayList<>(pending.values());
        pending.clear();
        batches.write("PutResults", batch);
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        flush();
    }
}
