package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoreThrottledException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The table as the adapters use it: client, name, settings, and the one place where SDK calls are retried when
 * throttled and their exceptions translated into the project's own.
 */
final class Table {

    private static final Set<String> THROTTLING_CODES = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded", "Throttling");

    final DynamoDbClient client;
    final String name;
    final DynamoSettings settings;

    Table(DynamoDbClient client, DynamoSettings settings) {
        this.client = client;
        this.name = settings.tableName();
        this.settings = settings;
    }

    /**
     * Runs one request, retrying with backoff while it is throttled (after the SDK's own retries gave up).
     *
     * @param operation what is attempted, for errors
     * @param key       the item or key prefix concerned, for errors
     * @throws StoreThrottledException when still throttled after the bounded retries
     * @throws StoreException          for any other failure, naming the operation and key
     */
    <T> T call(String operation, String key, Supplier<T> request) {
        Backoff backoff = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (SdkException e) {
                if (!isThrottling(e)) {
                    throw translate(operation, key, e);
                }
                if (attempt >= backoff.maxAttempts()) {
                    throw new StoreThrottledException(operation, key, attempt, e);
                }
                backoff.pause(attempt);
            }
        }
    }

    /**
     * Runs one conditional request as {@link #call} does; false when its condition failed, which the caller reads as
     * an answer (the item exists, is claimed, has moved on), not as an error.
     */
    boolean callIf(String operation, String key, Supplier<?> request) {
        try {
            call(operation, key, request);
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Runs one TransactWriteItems of {@code actions} as {@link #call} does. A cancelled transaction (a condition
     * failed, or a concurrent write conflicted) is an answer the caller reads, not an error: it is returned, and
     * {@link #conditionFailed} and {@link #reasons} say why.
     *
     * @return empty when the transaction committed
     */
    Optional<TransactionCanceledException> transact(String operation, String key, List<TransactWriteItem> actions) {
        return call(operation, key, () -> {
            try {
                client.transactWriteItems(b -> b.transactItems(actions));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                return Optional.of(e);
            }
        });
    }

    /** Whether the action at {@code index} of a cancelled transaction failed its condition. */
    static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** Why a transaction was cancelled, action by action, for errors. */
    static String reasons(TransactionCanceledException e) {
        return "transaction cancelled: " + (e.hasCancellationReasons()
                ? e.cancellationReasons().stream().map(r -> r.code() + (r.message() == null ? "" : " (" + r.message()
                + ")")).toList() : e.getMessage());
    }

    /** Puts {@code item} unless an item with its key exists; false when one did (it is left as it was). */
    boolean putIfAbsent(String operation, Map<String, AttributeValue> item) {
        return callIf(operation, Items.describe(item), () -> client.putItem(b -> b.tableName(name).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))));
    }

    /** Expiry for raw data written now: epoch seconds. */
    long rawExpiry(Instant now) {
        return now.plus(settings.rawTtl()).getEpochSecond();
    }

    static boolean isThrottling(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException()
                    || (service.awsErrorDetails() != null
                    && THROTTLING_CODES.contains(service.awsErrorDetails().errorCode()));
        }
        return false;
    }

    StoreException translate(String operation, String key, SdkException e) {
        if (e instanceof ResourceNotFoundException) {
            return new StoreException(operation, key, "table '" + name
                    + "' or index not found (check feedback.table-name)", e);
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return new StoreException(operation, key, service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage(), e);
        }
        if (e instanceof SdkClientException) {
            return new StoreException(operation, key, "DynamoDB unreachable: " + e.getMessage(), e);
        }
        return new StoreException(operation, key, e.getMessage(), e);
    }
}
