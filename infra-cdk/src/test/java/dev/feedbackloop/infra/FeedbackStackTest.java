package dev.feedbackloop.infra;

import static dev.feedbackloop.infra.SynthesizedStacks.arnOf;
import static dev.feedbackloop.infra.SynthesizedStacks.logicalId;
import static dev.feedbackloop.infra.SynthesizedStacks.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awscdk.assertions.Match.absent;
import static software.amazon.awscdk.assertions.Match.arrayWith;
import static software.amazon.awscdk.assertions.Match.objectLike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the stack deploys, one concern per test; permissions are in {@link PermissionsTest}. */
class FeedbackStackTest {

    private static FeedbackStack prod;
    private static FeedbackStack dev;
    private static Template prodTemplate;
    private static Template devTemplate;

    @BeforeAll
    static void synthesize() {
        SynthesizedStacks stacks = SynthesizedStacks.get();
        prod = stacks.prod;
        dev = stacks.dev;
        prodTemplate = stacks.prodTemplate;
        devTemplate = stacks.devTemplate;
    }

    // --- DynamoDB table ---

    // Keys, indexes, time to live and billing: ContractTest, against the contract the application tests too.

    @Test
    void tableIsOnDemandEncryptedAndRecoverableToAPointInTime() {
        prodTemplate.hasResourceProperties("AWS::DynamoDB::Table", objectLike(Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", objectLike(Map.of("PointInTimeRecoveryEnabled", true)),
                "SSESpecification", Map.of("SSEEnabled", true))));
    }

    @Test
    void prodKeepsItsDataWhenTheStackIsDeleted() {
        prodTemplate.hasResource("AWS::DynamoDB::Table", objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", objectLike(Map.of("DeletionProtectionEnabled", true)))));
        for (String type : List.of("AWS::S3::Bucket", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup")) {
            prodTemplate.allResources(type, objectLike(Map.of("DeletionPolicy", "Retain")));
        }
    }

    @Test
    void devStagesAreRemovedWithTheirStack() {
        devTemplate.hasResource("AWS::DynamoDB::Table", objectLike(Map.of(
                "DeletionPolicy", "Delete",
                "Properties", objectLike(Map.of("DeletionProtectionEnabled", false)))));
        devTemplate.allResources("AWS::S3::Bucket", objectLike(Map.of("DeletionPolicy", "Delete")));
    }

    // --- S3 reports bucket ---

    @Test
    void bucketsArePrivateAndEncrypted() {
        prodTemplate.resourceCountIs("AWS::S3::Bucket", 2);
        prodTemplate.allResourcesProperties("AWS::S3::Bucket", objectLike(Map.of(
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))))));
    }

    @Test
    void reportsBucketRefusesRequestsWithoutTls() {
        prodTemplate.hasResourceProperties("AWS::S3::BucketPolicy", objectLike(Map.of(
                "Bucket", ref(prod.reports().bucket()),
                "PolicyDocument", objectLike(Map.of("Statement", arrayWith(List.of(
                        objectLike(Map.of(
                                "Effect", "Deny",
                                "Action", "s3:*",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        objectLike(Map.of(
                                "Effect", "Deny",
                                "Condition", Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2)))))))))));
    }

    @Test
    void rawReportsAndTestSourcesExpireAfterTheRawRetentionAndFunctionsAreToldTheSame() {
        for (var stage : List.of(Map.entry(prodTemplate, 30), Map.entry(devTemplate, 7))) {
            int days = stage.getValue();
            stage.getKey().hasResourceProperties("AWS::S3::Bucket", objectLike(Map.of(
                    "LifecycleConfiguration", Map.of("Rules", List.of(objectLike(Map.of(
                            "Prefix", "reports/",
                            "ExpirationInDays", days,
                            "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1),
                            "Status", "Enabled")), objectLike(Map.of(
                            "Prefix", "sources/",
                            "ExpirationInDays", days,
                            "Status", "Enabled")), objectLike(Map.of(
                            "Prefix", "attachments/",
                            "ExpirationInDays", days,
                            "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1),
                            "Status", "Enabled")))))));
            assertThat(stage.getKey().findResources("AWS::Lambda::Function", objectLike(Map.of(
                    "Properties", objectLike(Map.of("Environment", Map.of("Variables", objectLike(Map.of(
                            "FEEDBACK_RAW_TTL_DAYS", Integer.toString(days)))))))))).hasSize(5);
        }
    }

    @Test
    void reportsBucketLogsAccessToTheAccessLogBucketAndIsNotVersioned() {
        prodTemplate.hasResourceProperties("AWS::S3::Bucket", objectLike(Map.of(
                "LoggingConfiguration", objectLike(Map.of(
                        "DestinationBucketName", ref(prod.reports().accessLogsBucket()))),
                "VersioningConfiguration", absent())));
    }

    // --- Lambda functions ---

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "classify", "regenerate", "rollup"})
    void everyFunctionRunsTheNativeArtifactWithTheContractConfiguration(String export) {
        prodTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Runtime", "provided.al2023",
                "Handler", "not.used.in.provided.runtime",
                "Architectures", List.of("arm64"),
                "MemorySize", 512,
                "Environment", Map.of("Variables", Map.of(
                        "QUARKUS_FUNQY_EXPORT", export,
                        "DISABLE_SIGNAL_HANDLERS", "true",
                        "FEEDBACK_TABLE_NAME", ref(prod.table().table()),
                        "FEEDBACK_REPORTS_BUCKET", ref(prod.reports().bucket()),
                        "FEEDBACK_REPORTS_PREFIX", "reports/",
                        "FEEDBACK_REGENERATE_QUEUE_URL", ref(prod.regeneration().queue()),
                        "FEEDBACK_SECRETS_PROJECT_SECRETS_ID", ref(prod.secrets().projectSecrets()),
                        "FEEDBACK_LLM_API_KEY_SECRET_ID", ref(prod.secrets().llmApiKey()),
                        "FEEDBACK_RAW_TTL_DAYS", "30",
                        "FEEDBACK_INGEST_MAX_BODY_BYTES", "6291456")))));
    }

    @Test
    void theModelSettingsReachEveryFunction() {
        prodTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Environment", Map.of("Variables", Map.of("FEEDBACK_LLM_PROVIDER", "none")))));
        devTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Environment", Map.of("Variables", Map.of(
                        "QUARKUS_FUNQY_EXPORT", "regenerate",
                        "FEEDBACK_LLM_PROVIDER", "bedrock",
                        "FEEDBACK_LLM_MODEL", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")))));
    }

    @Test
    void allFiveFunctionsShareOneCodeAsset() {
        Capture code = new Capture();
        prodTemplate.hasResourceProperties("AWS::Lambda::Function",
                objectLike(Map.of("Runtime", "provided.al2023", "Code", code)));
        assertThat(prodTemplate.findResources("AWS::Lambda::Function", objectLike(Map.of(
                "Properties", objectLike(Map.of("Code", code.asObject())))))).hasSize(5);
    }

    @Test
    void architectureAndMemoryComeFromTheSettings() {
        assertThat(devTemplate.findResources("AWS::Lambda::Function", objectLike(Map.of(
                "Properties", objectLike(Map.of(
                        "Runtime", "provided.al2023",
                        "Architectures", List.of("x86_64"),
                        "MemorySize", 1024)))))).hasSize(5);
    }

    @Test
    void eachFunctionLogsToItsOwnLogGroupWithTheConfiguredRetention() {
        for (FeedbackFunction function : functions(prod)) {
            prodTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                    "LoggingConfig", Map.of("LogGroup", ref(function.logGroup())))));
        }
        prodTemplate.resourceCountIs("AWS::Logs::LogGroup", 5);
        prodTemplate.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        devTemplate.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 14));
    }

    @Test
    void ingestAndReadAreReachableByFunctionUrlsWithoutIamAuthBecauseRequestsAreSigned() {
        prodTemplate.resourceCountIs("AWS::Lambda::Url", 2);
        prodTemplate.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "NONE",
                "TargetFunctionArn", arnOf(prod.read().function())));
        prodTemplate.hasOutput("ReadUrl", objectLike(Map.of(
                "Value", Map.of("Fn::GetAtt", List.of(logicalId(prod.readUrl()), "FunctionUrl")))));
        prodTemplate.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "NONE",
                "TargetFunctionArn", arnOf(prod.ingest().function())));
        prodTemplate.hasOutput("IngestUrl", objectLike(Map.of(
                "Value", Map.of("Fn::GetAtt", List.of(logicalId(prod.ingestUrl()), "FunctionUrl")))));
    }

    @Test
    void reportsAndSourceHashesCreatedInvokeClassify() {
        prodTemplate.hasResourceProperties("Custom::S3BucketNotifications", objectLike(Map.of(
                "BucketName", ref(prod.reports().bucket()),
                "NotificationConfiguration", Map.of("LambdaFunctionConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(
                                Map.of("Name", "prefix", "Value", "reports/")))),
                        "LambdaFunctionArn", arnOf(prod.classify().function())), Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(
                                Map.of("Name", "suffix", "Value", ".hashes.json"),
                                Map.of("Name", "prefix", "Value", "sources/")))),
                        "LambdaFunctionArn", arnOf(prod.classify().function())))))));
        prodTemplate.hasResourceProperties("AWS::Lambda::Permission", objectLike(Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "s3.amazonaws.com",
                "FunctionName", arnOf(prod.classify().function()),
                "SourceArn", arnOf(prod.reports().bucket()))));
    }

    @Test
    void classifyInvocationsThatFailEveryRetryLandInADeadLetterQueue() {
        prodTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Environment", Map.of("Variables", objectLike(Map.of("QUARKUS_FUNQY_EXPORT", "classify"))),
                "DeadLetterConfig", Map.of("TargetArn", arnOf(prod.classifyFailures().queue())))));
    }

    // --- SQS regeneration queue ---

    @Test
    void regenerateConsumesTheQueueReportingPartialBatchFailures() {
        prodTemplate.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        prodTemplate.hasResourceProperties("AWS::Lambda::EventSourceMapping", objectLike(Map.of(
                "EventSourceArn", arnOf(prod.regeneration().queue()),
                "FunctionName", ref(prod.regenerate().function()),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", RegenerationQueue.BATCH_SIZE)));
    }

    @Test
    void regenerationMessagesStayHiddenLongerThanRegenerateCanRun() {
        Capture visibility = new Capture();
        Capture timeout = new Capture();
        prodTemplate.hasResourceProperties("AWS::SQS::Queue", objectLike(Map.of(
                "RedrivePolicy", Match.anyValue(), "VisibilityTimeout", visibility)));
        prodTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Environment", Map.of("Variables", objectLike(Map.of("QUARKUS_FUNQY_EXPORT", "regenerate"))),
                "Timeout", timeout)));
        assertThat(visibility.asNumber().intValue()).isGreaterThan(timeout.asNumber().intValue());
    }

    @Test
    void regenerationsThatFailRepeatedlyMoveToTheDeadLetterQueue() {
        prodTemplate.hasResourceProperties("AWS::SQS::Queue", objectLike(Map.of(
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", arnOf(prod.regeneration().deadLetters().queue()),
                        "maxReceiveCount", RegenerationQueue.MAX_RECEIVE_COUNT))));
    }

    @Test
    void everyQueueIsEncryptedAndRefusesRequestsWithoutTls() {
        prodTemplate.resourceCountIs("AWS::SQS::Queue", 3);
        prodTemplate.allResourcesProperties("AWS::SQS::Queue", objectLike(Map.of("SqsManagedSseEnabled", true)));
        prodTemplate.resourcePropertiesCountIs("AWS::SQS::QueuePolicy", objectLike(Map.of(
                "PolicyDocument", objectLike(Map.of("Statement", arrayWith(List.of(objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))), 3);
    }

    // --- Alarms ---

    @Test
    void deadLetterQueuesAlarmAsSoonAsOneMessageIsWaiting() {
        for (FailureQueue deadLetters : List.of(prod.regeneration().deadLetters(), prod.classifyFailures())) {
            prodTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", objectLike(Map.of(
                    "Namespace", "AWS/SQS",
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of(
                            "Fn::GetAtt", List.of(logicalId(deadLetters.queue()), "QueueName")))),
                    "ComparisonOperator", "GreaterThanThreshold",
                    "Threshold", 0,
                    "AlarmActions", List.of(ref(prod.alarms().topic())))));
        }
    }

    @Test
    void everyFunctionAlarmsOnItsFirstError() {
        for (FeedbackFunction function : functions(prod)) {
            prodTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", objectLike(Map.of(
                    "Namespace", "AWS/Lambda",
                    "MetricName", "Errors",
                    "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(function.function()))),
                    "Statistic", "Sum",
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "Threshold", 1,
                    "AlarmActions", List.of(ref(prod.alarms().topic())))));
        }
    }

    @Test
    void alarmTopicIsEncryptedByARotatedKeyCloudWatchMayUseAndMailsTheConfiguredAddress() {
        prodTemplate.hasResourceProperties("AWS::SNS::Topic", objectLike(Map.of(
                "KmsMasterKeyId", arnOf(prod.alarms().key()))));
        prodTemplate.hasResourceProperties("AWS::KMS::Key", objectLike(Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", objectLike(Map.of("Statement", arrayWith(List.of(objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))))));
        prodTemplate.hasResourceProperties("AWS::SNS::Subscription", objectLike(Map.of(
                "Protocol", "email", "Endpoint", SynthesizedStacks.ALARM_EMAIL)));
        devTemplate.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    // --- Schedule ---

    @Test
    void rollupRunsOnTheContractsScheduleInEveryStage() {
        for (var stage : List.of(Map.entry(prod, "cron(30 2 * * ? *)"), Map.entry(dev, "cron(30 2 * * ? *)"))) {
            Template template = stage.getKey() == prod ? prodTemplate : devTemplate;
            template.hasResourceProperties("AWS::Events::Rule", objectLike(Map.of(
                    "ScheduleExpression", stage.getValue(),
                    "State", "ENABLED",
                    "Targets", List.of(objectLike(Map.of("Arn", arnOf(stage.getKey().rollup().function())))))));
        }
        prodTemplate.hasResourceProperties("AWS::Lambda::Permission", objectLike(Map.of(
                "Principal", "events.amazonaws.com",
                "FunctionName", arnOf(prod.rollup().function()),
                "SourceArn", arnOf(prod.rollupSchedule()))));
    }

    // --- Secrets ---

    @Test
    void projectSecretsStartAsAnEmptyMapSoNoProjectIsAcceptedUntilConfigured() {
        prodTemplate.resourceCountIs("AWS::SecretsManager::Secret", 5);
        prodTemplate.hasResourceProperties("AWS::SecretsManager::Secret", objectLike(Map.of("SecretString", "{}")));
        prodTemplate.hasOutput("ProjectSecretsArn", objectLike(Map.of("Value", ref(prod.secrets().projectSecrets()))));
        prodTemplate.hasOutput("LlmApiKeySecretArn", objectLike(Map.of("Value", ref(prod.secrets().llmApiKey()))));
        prodTemplate.hasOutput("DigestSettingsArn", objectLike(Map.of("Value",
                ref(prod.secrets().digestSettings()))));
    }

    @Test
    void theGitHubTokenAndTheReadSecretAreCreated_theReadSecretReadyToUse() {
        prodTemplate.hasOutput("GitHubTokenSecretArn", objectLike(Map.of("Value", ref(prod.secrets().githubToken()))));
        prodTemplate.hasOutput("ReadSecretArn", objectLike(Map.of("Value", ref(prod.secrets().readSecret()))));
        // the read secret is usable at once: 64 generated letters and digits
        prodTemplate.hasResourceProperties("AWS::SecretsManager::Secret", objectLike(Map.of(
                "GenerateSecretString", objectLike(Map.of("PasswordLength", 64, "ExcludePunctuation", true)))));
        // every function is told where both are (contract "environment", checked for each function by ContractTest);
        // IAM decides who may read them (PermissionsTest)
    }

    @Test
    void secretsImportedByName_areNotCreated_andFunctionsAreToldTheirNames() {
        devTemplate.resourceCountIs("AWS::SecretsManager::Secret", 2); // the project secrets and digest settings
        devTemplate.hasResourceProperties("AWS::Lambda::Function", objectLike(Map.of(
                "Environment", Map.of("Variables", objectLike(Map.of(
                        "FEEDBACK_GITHUB_TOKEN_SECRET_ID", SynthesizedStacks.GITHUB_TOKEN_NAME,
                        "FEEDBACK_LLM_API_KEY_SECRET_ID", SynthesizedStacks.LLM_API_KEY_NAME,
                        "FEEDBACK_READ_TOKEN_SECRET_ID", SynthesizedStacks.READ_SECRET_NAME))))));
        devTemplate.hasOutput("GitHubTokenSecretArn", objectLike(Map.of("Value",
                SynthesizedStacks.GITHUB_TOKEN_NAME)));
        devTemplate.hasOutput("ReadSecretArn", objectLike(Map.of("Value", SynthesizedStacks.READ_SECRET_NAME)));
        devTemplate.hasOutput("LlmApiKeySecretArn", objectLike(Map.of("Value", SynthesizedStacks.LLM_API_KEY_NAME)));
    }

    // --- Settings ---

    @Test
    void missingFunctionArtifactFailsWithBuildInstructions() {
        DeploymentSettings settings = DeploymentSettings.fromContext(Map.<String, Object>of(
                "functionZip", Path.of("target", "no-such-dir", "function.zip").toString())::get);
        assertThatThrownBy(() -> new FeedbackStack(new App(), "Missing", StackProps.builder().build(), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-dir/function.zip does not exist")
                .hasMessageContaining("./mvnw package -Dnative");
    }

    @Test
    void aFunctionArtifactWithoutBootstrapIsRejectedAsNotNative(@TempDir Path dir) throws IOException {
        Path jvmZip = dir.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jvmZip))) {
            out.putNextEntry(new ZipEntry("lib/app.jar")); // the shape of a JVM build's zip
            out.closeEntry();
        }
        DeploymentSettings settings = DeploymentSettings.fromContext(Map.<String, Object>of(
                "functionZip", jvmZip.toString())::get);
        assertThatThrownBy(() -> new FeedbackStack(new App(), "Jvm", StackProps.builder().build(), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no 'bootstrap'")
                .hasMessageContaining("-Dnative");
    }

    static List<FeedbackFunction> functions(FeedbackStack stack) {
        return List.of(stack.ingest(), stack.classify(), stack.regenerate(), stack.rollup(), stack.read());
    }
}
