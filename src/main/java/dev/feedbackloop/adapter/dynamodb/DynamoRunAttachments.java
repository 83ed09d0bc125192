package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.RunAttachments;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredAttachment;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RunAttachments} on the one table: one item per reference in the run's partition ({@code RUN#...} /
 * {@code ATT#<sha256 of test, attempt, name, content>}), holding the reference's fields. Written with a condition
 * that it is absent, so a reference written again writes nothing; a run's references are one Query of its
 * partition, which the read function may make without any access to the contents' bucket.
 */
public final class DynamoRunAttachments implements RunAttachments {

    static final String TYPE = "type";
    static final String ATTACHMENT_TYPE = "ATTACHMENT";
    static final String TEST = "test";
    static final String TEST_NAME = "testName";
    static final String ATTEMPT = "attempt";
    static final String NAME = "name";
    static final String CONTENT_TYPE = "contentType";
    static final String BYTES = "bytes";
    static final String SHA256 = "sha256";
    /** Longest test name kept: a reader shows it, the test id identifies it. */
    private static final int MAX_TEST_NAME = 2_000;

    private final Table table;
    private final Queries queries;

    public DynamoRunAttachments(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
        this.queries = new Queries(table);
    }

    @Override
    public void reference(RunKey run, List<StoredAttachment> attachments) {
        String pk = Keys.runPk(run);
        for (StoredAttachment a : attachments) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(Items.key(pk,
                    Keys.attachmentSk(a.test(), a.attempt(), a.name(), a.sha256())));
            item.put(TYPE, s(ATTACHMENT_TYPE));
            item.put(TEST, s(a.test().value()));
            item.put(TEST_NAME, s(Items.cap(a.testName(), MAX_TEST_NAME)));
            item.put(ATTEMPT, n(a.attempt()));
            item.put(NAME, s(a.name()));
            item.put(CONTENT_TYPE, s(a.contentType()));
            item.put(BYTES, n(a.bytes()));
            item.put(SHA256, s(a.sha256()));
            table.callIf("PutAttachmentReference", pk, () -> table.client.putItem(b -> b.tableName(table.name)
                    .item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK))));
        }
    }

    @Override
    public List<StoredAttachment> find(RunKey run) {
        return queries.all("RunAttachments", Keys.runPk(run), Keys.ATTACHMENT_PREFIX, List.of()).stream()
                .map(DynamoRunAttachments::read)
                .sorted(Comparator.comparing((StoredAttachment a) -> a.test().value())
                        .thenComparingInt(StoredAttachment::attempt).thenComparing(StoredAttachment::name)
                        .thenComparing(StoredAttachment::sha256))
                .toList();
    }

    private static StoredAttachment read(Map<String, AttributeValue> item) {
        try {
            return new StoredAttachment(new TestId(Items.str(item, TEST)), Items.str(item, TEST_NAME),
                    (int) Items.num(item, ATTEMPT), Items.str(item, NAME), Items.str(item, CONTENT_TYPE),
                    Items.num(item, BYTES), Items.str(item, SHA256));
        } catch (IllegalArgumentException e) {
            throw new StoreException("RunAttachments", Items.describe(item), "not an attachment reference: "
                    + e.getMessage(), e);
        }
    }
}
