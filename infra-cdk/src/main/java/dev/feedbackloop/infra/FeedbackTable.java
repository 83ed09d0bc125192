package dev.feedbackloop.infra;

import java.util.List;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The one DynamoDB table of the contract: {@code PK}/{@code SK}, indexes {@code GSI1} and {@code GSI2} projecting
 * all attributes, TTL on {@code expiresAt} (epoch seconds), on-demand, point-in-time recovery, encrypted.
 *
 * <p>Grants name the table and the two indexes, never {@code index/*}, and leave out {@code Scan} and
 * {@code DescribeTable}: every access path of the functions is a key or index query.
 */
public final class FeedbackTable extends Construct {

    public static final String PARTITION_KEY = "PK";
    public static final String SORT_KEY = "SK";
    public static final List<String> INDEX_NAMES = List.of("GSI1", "GSI2");
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** What ingest needs to record a delivery idempotently (conditional put/update, read back); no delete. */
    /** Item reads and writes of the stages, transactions included (they are authorised per contained action). */
    static final List<String> READ_WRITE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    /** Item reads only: what the read API needs (it gets and queries; it never writes). */
    static final List<String> READ_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

    /**
     * What people's decisions need (the ingest function's {@code POST /triage} and {@code /implemented}): find a
     * recommendation, list a project's by status, and write it and its decision record (puts, transactions of puts,
     * each conditioned); no update, delete or batch write. The same suffice for a run's attachment references
     * ({@code POST /attachments}: a conditioned put per reference, a Query of the run's partition).
     */
    static final List<String> DECISION_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");

    private final Table table;

    public FeedbackTable(Construct scope, String id, boolean retain) {
        super(scope, id);
        table = Table.Builder.create(this, "Default")
                .partitionKey(stringAttribute(PARTITION_KEY))
                .sortKey(stringAttribute(SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(retain)
                .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        INDEX_NAMES.forEach(index -> table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(index)
                .partitionKey(stringAttribute(index + "PK"))
                .sortKey(stringAttribute(index + "SK"))
                .projectionType(ProjectionType.ALL)
                .build()));
    }

    public ITable table() {
        return table;
    }

    public String tableName() {
        return table.getTableName();
    }

    /** Item reads and writes on the table, and queries on its two indexes. */
    public void grantReadWriteItems(IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(READ_WRITE_ACTIONS).resourceArns(List.of(table.getTableArn())).build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(List.of("dynamodb:Query"))
                .resourceArns(INDEX_NAMES.stream().map(index -> table.getTableArn() + "/index/" + index).toList())
                .build());
    }

    /** What recording people's decisions needs ({@link #DECISION_ACTIONS}), and queries on the two indexes. */
    public void grantRecordDecisions(IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(DECISION_ACTIONS).resourceArns(List.of(table.getTableArn())).build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(List.of("dynamodb:Query"))
                .resourceArns(INDEX_NAMES.stream().map(index -> table.getTableArn() + "/index/" + index).toList())
                .build());
    }

    /** Item reads on the table, and queries on its two indexes; no write of any kind. */
    public void grantReadItems(IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(READ_ACTIONS).resourceArns(List.of(table.getTableArn())).build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee).actions(List.of("dynamodb:Query"))
                .resourceArns(INDEX_NAMES.stream().map(index -> table.getTableArn() + "/index/" + index).toList())
                .build());
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
