package dev.feedbackloop.adapter.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's partial batch response for SQS ({@code ReportBatchItemFailures}): only the listed messages return to the
 * queue.
 */
@RegisterForReflection
public class SqsBatchResponse {

    public List<ItemFailure> batchItemFailures = new ArrayList<>();

    /** One message to redeliver. */
    @RegisterForReflection
    public static class ItemFailure {
        public String itemIdentifier;

        public ItemFailure() {
        }

        public ItemFailure(String itemIdentifier) {
            this.itemIdentifier = itemIdentifier;
        }
    }
}
