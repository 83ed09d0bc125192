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
 * Buffers result items and writes them with one request as soon as the next would not fit it (25 items in a
 * BatchWriteItem; 100 items or 3.5 MB in a transaction, see {@link BatchWrites}). Two results of the same test in one
 * request would make DynamoDB refuse it (duplicate keys), so the later replaces the earlier, as it would across
 * requests.
 */
final class DynamoResultWriter implements ResultWriter {

    private final BatchWriter batches;
    private final StoredRun run;
    private final long expiresAt;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;
    private long written;

    private record Pending(WriteRequest request, long bytes) {
    }

    DynamoResultWriter(BatchWriter batches, StoredRun run, long expiresAt) {
        this.batches = batches;
        this.run = run;
        this.expiresAt = expiresAt;
    }

    @Override
    public void add(ResultRecord result) {
        Map<String, AttributeValue> item = ItemSize.check("PutResults", ResultItems.toItem(run, result, expiresAt));
        long bytes = ItemSize.of(item);
        String key = Items.describe(item);
        Pending replaced = pending.get(key);
        long without = pendingBytes - (replaced == null ? 0 : replaced.bytes());
        int count = pending.size() + (replaced == null ? 1 : 0);
        if (!batches.fits(count, without + bytes)) {
            flush();
        }
        Pending earlier = pending.put(key, new Pending(WriteRequest.builder().putRequest(PutRequest.builder()
                .item(item).build()).build(), bytes));
        pendingBytes += bytes - (earlier == null ? 0 : earlier.bytes());
        written++;
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ArrayList<WriteRequest> batch = new ArrayList<>(pending.size());
        pending.values().forEach(p -> batch.add(p.request()));
        pending.clear();
        pendingBytes = 0;
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
