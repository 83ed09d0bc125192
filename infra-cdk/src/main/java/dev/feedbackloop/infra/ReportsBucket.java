package dev.feedbackloop.infra;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.constructs.Construct;

/**
 * The bucket of raw reports ({@code <prefix><project>/<run hash>/<sha256>}), private, encrypted, TLS-only, with
 * server access logs in a second bucket. Raw reports expire after the raw-report retention, like their table records.
 *
 * <p>Versioning stays off on purpose: keys name the run and the content hash, so an overwrite stores the same
 * bytes, or, when classify replaces an object uploaded unredacted, its redacted form, and the unredacted one must
 * not survive as a non-current version; versioning would also keep copies of reports that are meant to expire (cost,
 * and data kept longer than promised). Recovery of the derived data is the table's point-in-time recovery.
 */
public final class ReportsBucket extends Construct {

    /** The id prefix of aws-cdk-lib's singleton that writes bucket notification configurations. */
    private static final String NOTIFICATIONS_HANDLER = "BucketNotificationsHandler";

    private static final String ACCESS_LOGS_BY_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    /** Where ingest keeps the test sources CI ships with a run (the application's {@code S3SourceStore}). */
    public static final String SOURCES_PREFIX = "sources/";

    /**
     * Where the screenshots and traces CI ships with {@code feedback upload --attachments} are kept, by content hash
     * (the application's {@code S3AttachmentStore}); CI PUTs them through URLs ingest pre-signs.
     */
    public static final String ATTACHMENTS_PREFIX = "attachments/";

    private final Bucket bucket;
    private final Bucket accessLogs;
    /** Where the rollup writes each project's nightly HTML report (the application's S3PublishedReports prefix). */
    public static final String DASHBOARDS_PREFIX = "dashboards/";

    private final String prefix;

    public ReportsBucket(Construct scope, String id, DeploymentSettings settings) {
        super(scope, id);
        // Log delivery by bucket policy rather than by ACL, which BucketOwnerEnforced forbids; cdk.json sets it
        // too, but the bucket must not depend on which feature flags the app was started with.
        getNode().setContext(ACCESS_LOGS_BY_BUCKET_POLICY, true);
        this.prefix = settings.reportsPrefix();
        RemovalPolicy removal = settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        accessLogs = privateBucket("AccessLogs", removal)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(settings.logRetentionDays()))
                        .build()))
                .build();
        Nag.suppress(accessLogs, "AwsSolutions-S1",
                "This is the server access log bucket of the reports bucket; logging it would log its own log writes.");
        bucket = privateBucket("Default", removal)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("reports-bucket/")
                .versioned(false)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-raw-reports")
                        .prefix(prefix)
                        .expiration(Duration.days(settings.rawReportRetentionDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build(), LifecycleRule.builder()
                        .id("expire-test-sources")
                        .prefix(SOURCES_PREFIX)
                        .expiration(Duration.days(settings.rawReportRetentionDays()))
                        .build(), LifecycleRule.builder()
                        .id("expire-attachments")
                        .prefix(ATTACHMENTS_PREFIX)
                        .expiration(Duration.days(settings.rawReportRetentionDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .build();
    }

    public IBucket bucket() {
        return bucket;
    }

    public IBucket accessLogsBucket() {
        return accessLogs;
    }

    public String bucketName() {
        return bucket.getBucketName();
    }

    /**
     * What ingest needs to store a report once: {@code s3:PutObject} (also what its pre-signed upload URLs are signed
     * with) and {@code s3:GetObject} (HeadObject: is this content already stored?) on the reports prefix, and
     * {@code s3:ListBucket} on the bucket, without which S3 answers a HeadObject of a missing key with 403 instead of
     * 404. ListBucket cannot be narrowed to the prefix for that purpose: HeadObject carries no {@code s3:prefix}.
     */
    public void grantStoreReports(IRole role) {
        grantOnReports(role, "s3:PutObject", "s3:GetObject");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role).actions(List.of("s3:ListBucket")).resourceArns(List.of(bucket.getBucketArn()))
                .build());
    }

    /**
     * What ingest needs to keep the test sources shipped with a run ({@code POST /sources}): {@code s3:PutObject} and
     * {@code s3:GetObject} (HeadObject: is this content new?) on the sources prefix; {@code s3:ListBucket} comes with
     * {@link #grantStoreReports}.
     */
    public void grantStoreSources(IRole role) {
        grantOnPrefix(role, SOURCES_PREFIX, "s3:PutObject", "s3:GetObject");
    }

    /**
     * What ingest needs to keep the screenshots and traces shipped with a run ({@code POST /attachments}):
     * {@code s3:PutObject} on the attachments prefix, to write the run's references and to sign the PUT URLs CI
     * uploads each content through (a pre-signed URL may do only what its signer may), and {@code s3:GetObject}
     * (HeadObject: is this content held already?); {@code s3:ListBucket} comes with {@link #grantStoreReports}.
     */
    public void grantStoreAttachments(IRole role) {
        grantOnPrefix(role, ATTACHMENTS_PREFIX, "s3:PutObject", "s3:GetObject");
    }

    /**
     * What regenerate needs to show a model the failing test's source: {@code s3:GetObject} on the sources prefix,
     * and {@code s3:ListBucket}, without which a run that shipped no source answers 403 instead of 404.
     */
    public void grantReadSources(IRole role) {
        grantOnPrefix(role, SOURCES_PREFIX, "s3:GetObject");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role).actions(List.of("s3:ListBucket")).resourceArns(List.of(bucket.getBucketArn()))
                .build());
    }

    /**
     * What classify needs, on the reports prefix only: {@code s3:GetObject} to read the report it was notified
     * about, {@code s3:PutObject} to replace a report uploaded unredacted through a pre-signed URL with its redacted
     * form (versioning is off, so no older version remains), and {@code s3:DeleteObject} to remove one that cannot be
     * read or redacted rather than keep it raw.
     */
    public void grantRedactReports(IRole role) {
        grantOnReports(role, "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    }

    /**
     * What the rollup needs to publish each project's nightly report: {@code s3:PutObject} to write
     * {@value #DASHBOARDS_PREFIX}{@code <project>/<day>.html} and {@code s3:GetObject}, which the pre-signed link it
     * hands out is signed with (a link works only as far as its signer may read). Outside the reports prefix, so a
     * report written there notifies no function and expires with no raw report.
     */
    public void grantPublishDashboards(IRole role) {
        String objects = bucket.arnForObjects(DASHBOARDS_PREFIX + "*");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role).actions(List.of("s3:PutObject", "s3:GetObject")).resourceArns(List.of(objects))
                .build());
        Nag.suppress(role, "AwsSolutions-IAM5", "Nightly report keys are " + DASHBOARDS_PREFIX + "<project>/<day>.html,"
                        + " one per project and day; the wildcard is limited to that prefix of this one bucket and to"
                        + " s3:PutObject, s3:GetObject.",
                "Resource::" + Nag.arnReference((CfnBucket) bucket.getNode().getDefaultChild()) + "/"
                        + DASHBOARDS_PREFIX + "*");
    }

    /**
     * How a run's test file hashes record ends ({@code sources/<project>/hashes/<run>/<sha256>.hashes.json}, the
     * application's S3SourceStore.HASHES_SUFFIX): the only source objects classify is told of.
     */
    public static final String HASHES_SUFFIX = ".hashes.json";

    /**
     * Invokes {@code function} (asynchronously) for every object created under the reports prefix, and for every
     * run's test file hashes record under the sources prefix: hashes may arrive after their run's report, and classify
     * then observes the run again (a changed test source shows a fix was implemented).
     */
    public void notifyOnNewReports(IFunction function) {
        bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(function),
                NotificationKeyFilter.builder().prefix(prefix).build());
        bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(function),
                NotificationKeyFilter.builder().prefix(SOURCES_PREFIX).suffix(HASHES_SUFFIX).build());
        // CDK writes bucket notifications with a singleton custom resource (which avoids a bucket <-> function
        // dependency cycle); that handler is aws-cdk-lib's, so its findings are accepted here.
        Stack stack = Stack.of(this);
        stack.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith(NOTIFICATIONS_HANDLER))
                .forEach(handler -> Nag.suppress(handler, "AwsSolutions-IAM4", "aws-cdk-lib's own bucket "
                        + "notification handler runs deploy-time only and logs with the AWS Lambda basic execution "
                        + "policy; its role is defined by aws-cdk-lib, not here."));
    }

    private void grantOnReports(IRole role, String... actions) {
        grantOnPrefix(role, prefix, actions);
    }

    private void grantOnPrefix(IRole role, String keyPrefix, String... actions) {
        String objects = bucket.arnForObjects(keyPrefix + "*");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role).actions(List.of(actions)).resourceArns(List.of(objects)).build());
        Nag.suppress(role, "AwsSolutions-IAM5",
                "Object keys are <prefix><project>/<hashes>, unknown until a report or source arrives; the"
                        + " wildcard is "
                        + "limited to the " + keyPrefix + " prefix of this one bucket and to "
                        + String.join(", ", actions) + ".",
                "Resource::" + Nag.arnReference((CfnBucket) bucket.getNode().getDefaultChild()) + "/" + keyPrefix
                        + "*");
    }

    private Bucket.Builder privateBucket(String id, RemovalPolicy removal) {
        return Bucket.Builder.create(this, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .removalPolicy(removal);
    }
}
