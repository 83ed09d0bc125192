package dev.feedbackloop.adapter.dynamodb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes that each take one request of their own, sent several to a TransactWriteItems where the settings write in
 * transactions (the embedded DynamoDB Local, where a request is a commit: {@link BatchWrites#TRANSACTIONS}): up to 100
 * actions and 3.5 MB a transaction, never two actions on one item. A transaction commits all its writes or none; one
 * that is cancelled (a condition failed, a write conflicted) leaves each of its writes to its own request, which
 * answers and fails exactly as it does alone. So what is stored, answered and thrown is what writing each in turn
 * gives. Elsewhere (AWS, where a transactional write costs two write units) each write is its own request, as before.
 */
final class TransactionBatches {

    /** TransactWriteItems takes at most 100 actions. */
    private static final int MAX_ACTIONS = 100;

    /**
     * One write.
     *
     * @param actions its actions in a transaction
     * @param items   the keys of the items they touch (a transaction touches an item once)
     * @param bytes   the size of what it writes
     * @param alone   the write as its own request: whether it wrote (false: its condition said it was done before)
     */
    record Write(List<TransactWriteItem> actions, Set<String> items, long bytes, BooleanSupplier alone) {
        Write {
            actions = List.copyOf(actions);
            items = Set.copyOf(items);
            if (actions.isEmpty() || actions.size() > MAX_ACTIONS) {
                throw new IllegalArgumentException("a write takes 1-" + MAX_ACTIONS + " actions, got "
                        + actions.size());
            }
        }
    }

    private final Table table;

    TransactionBatches(Table table) {
        this.table = table;
    }

    /**
     * Writes them all, in order of transactions.
     *
     * @return how many wrote (their own request answered true, or their transaction committed)
     */
    int writeAll(String operation, List<Write> writes) {
        return (int) write(operation, writes).stream().filter(Boolean::booleanValue).count();
    }

    /**
     * Writes them all, in order of transactions.
     *
     * @return for each write, in order, whether it wrote (its own request answered true, or its transaction
     *         committed)
     */
    List<Boolean> write(String operation, List<Write> writes) {
        if (table.settings.batchWrites() != BatchWrites.TRANSACTIONS) {
            return alone(writes);
        }
        List<Boolean> wrote = new ArrayList<>(writes.size());
        List<Write> chunk = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        int actions = 0;
        long bytes = 0;
        for (Write write : writes) {
            boolean overlaps = write.items().stream().anyMatch(touched::contains);
            if (!chunk.isEmpty() && (overlaps || actions + write.actions().size() > MAX_ACTIONS
                    || bytes + write.bytes() > BatchWrites.MAX_TRANSACTION_BYTES)) {
                wrote.addAll(together(operation, chunk));
                chunk = new ArrayList<>();
                touched.clear();
                actions = 0;
                bytes = 0;
            }
            chunk.add(write);
            touched.addAll(write.items());
            actions += write.actions().size();
            bytes += write.bytes();
        }
        wrote.addAll(together(operation, chunk));
        return wrote;
    }

    private List<Boolean> together(String operation, List<Write> chunk) {
        if (chunk.size() < 2) {
            return alone(chunk);
        }
        List<TransactWriteItem> actions = chunk.stream().flatMap(w -> w.actions().stream()).toList();
        Optional<TransactionCanceledException> cancelled = table.transact(operation,
                chunk.get(0).items().iterator().next(), actions);
        return cancelled.isEmpty() ? Collections.nCopies(chunk.size(), true) : alone(chunk);
    }

    private static List<Boolean> alone(List<Write> writes) {
        List<Boolean> wrote = new ArrayList<>(writes.size());
        for (Write write : writes) {
            wrote.add(write.alone().getAsBoolean());
        }
        return wrote;
    }
}
