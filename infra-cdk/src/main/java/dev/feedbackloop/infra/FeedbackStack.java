package dev.feedbackloop.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.constructs.Construct;

/**
 * Feedback Loop on AWS: five Lambda functions of one native artifact around one table, one report bucket, one
 * regeneration queue and two secrets. Each function gets only the permissions its stage needs.
 */
public final class FeedbackStack extends Stack {

    static final Duration INGEST_TIMEOUT = Duration.seconds(30);
    /** Streams reports of hundreds of MB from S3. */
    static final Duration CLASSIFY_TIMEOUT = Duration.minutes(5);
    /** A few LLM calls of tens of seconds each. */
    static final Duration REGENERATE_TIMEOUT = Duration.minutes(2);
    static final Duration ROLLUP_TIMEOUT = Duration.minutes(5);
    /** A page of queries, as a person waits for it. */
    static final Duration READ_TIMEOUT = Duration.seconds(30);

    private final DeploymentSettings settings;
    private final AlarmTopic alarms;
    private final FeedbackTable table;
    private final ReportsBucket reports;
    private final RegenerationQueue regeneration;
    private final FeedbackSecrets secrets;
    private final Code functionCode;
    private final FeedbackFunction ingest;
    private final FunctionUrl ingestUrl;
    private final FeedbackFunction classify;
    private final FailureQueue classifyFailures;
    private final FeedbackFunction regenerate;
    private final FeedbackFunction rollup;
    private final Rule rollupSchedule;
    private final FeedbackFunction read;
    private final FunctionUrl readUrl;

    /**
     * @throws IllegalArgumentException when the function artifact {@code settings.functionZip()} does not exist
     */
    public FeedbackStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        this.settings = settings;
        this.alarms = createAlarmTopic();
        this.table = createTable();
        this.reports = createReportsBucket();
        this.regeneration = createRegenerationQueue();
        this.secrets = createSecrets();
        this.functionCode = createFunctionCode();
        this.ingest = createIngest();
        this.ingestUrl = createIngestUrl();
        this.classifyFailures = createClassifyFailures();
        this.classify = createClassify();
        this.regenerate = createRegenerate();
        this.rollup = createRollup();
        this.rollupSchedule = createRollupSchedule();
        this.read = createRead();
        this.readUrl = createReadUrl();
        createTags();
        createOutputs();
    }

    private AlarmTopic createAlarmTopic() {
        return new AlarmTopic(this, "Alarms", settings.alarmEmail(), settings.retainData());
    }

    private FeedbackTable createTable() {
        return new FeedbackTable(this, "FeedbackTable", settings.retainData());
    }

    private ReportsBucket createReportsBucket() {
        return new ReportsBucket(this, "Reports", settings);
    }

    private RegenerationQueue createRegenerationQueue() {
        return new RegenerationQueue(this, "Regeneration", REGENERATE_TIMEOUT, alarms.action());
    }

    private FeedbackSecrets createSecrets() {
        return new FeedbackSecrets(this, "Secrets", settings.retainData(), settings.importedSecrets());
    }

    private Code createFunctionCode() {
        Path zip = settings.functionZip().toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("function artifact " + zip + " does not exist: build it with "
                    + "'./mvnw package -Dnative' at the repository root, or pass -c functionZip=PATH");
        }
        if (!hasBootstrap(zip)) {
            throw new IllegalArgumentException("function artifact " + zip + " has no 'bootstrap' at its root, so it "
                    + "is not a native build for provided.al2023 (a JVM build writes a function.zip too): build it "
                    + "with './mvnw package -Dnative'");
        }
        return Code.fromAsset(zip.toString());
    }

    /** Whether the zip holds the executable Lambda's custom runtime starts. */
    private static boolean hasBootstrap(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry("bootstrap") != null;
        } catch (IOException e) {
            throw new IllegalArgumentException("function artifact " + zip + " is not a readable zip: "
                    + e.getMessage(), e);
        }
    }

    private FeedbackFunction createIngest() {
        FeedbackFunction function = function("Ingest", new FeedbackFunction.Spec("ingest",
                "Verifies a signed CI report upload and stores the raw report; records signed triage decisions",
                INGEST_TIMEOUT, Optional.empty()));
        // Reports need no table access (a report's run and content hash are its key, so S3 alone tells a duplicate
        // delivery); people's decisions (POST /triage, /implemented) read and put recommendation items, and a run's
        // attachment references (POST /attachments) are put and queried in its partition: nothing more.
        table.grantRecordDecisions(function.role());
        reports.grantStoreReports(function.role());
        reports.grantStoreSources(function.role());
        reports.grantStoreAttachments(function.role());
        secrets.grantReadProjectSecrets(function.role());
        return function;
    }

    private FunctionUrl createIngestUrl() {
        // No IAM auth: CI systems outside AWS call it, and ingest checks each request's HMAC signature itself.
        return ingest.function().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build());
    }

    /**
     * The read API, a function of its own rather than GET routes on ingest: ingest reads and writes only what people's
     * decisions need and this one never writes anything, so neither role grows to hold both; and a burst of dashboard or CI reads cannot take
     * the concurrency uploads need.
     */
    private FeedbackFunction createRead() {
        FeedbackFunction function = function("Read", new FeedbackFunction.Spec("read",
                "Answers signed reads of a project's scenarios, runs, test health, quarantine list and metrics",
                READ_TIMEOUT, Optional.empty()));
        table.grantReadItems(function.role());
        secrets.grantReadProjectSecrets(function.role()); // to check each read's signature
        secrets.grantReadReadSecret(function.role()); // to check each read token
        return function;
    }

    private FunctionUrl createReadUrl() {
        // No IAM auth, as for ingest: CI outside AWS calls it, and each read is checked against the project's secret.
        return read.function().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE).build());
    }

    private FailureQueue createClassifyFailures() {
        return new FailureQueue(this, "ClassifyFailures", "Classification of a stored report", alarms.action());
    }

    private FeedbackFunction createClassify() {
        FeedbackFunction function = function("Classify", new FeedbackFunction.Spec("classify",
                "Parses and classifies a stored report, queues fixable failures for regeneration", CLASSIFY_TIMEOUT,
                Optional.of(classifyFailures.queue())));
        reports.grantRedactReports(function.role());
        // Reads the source hashes shipped with a run, which show that an accepted fix was implemented.
        reports.grantReadSources(function.role());
        table.grantReadWriteItems(function.role());
        regeneration.grantSend(function.role());
        reports.notifyOnNewReports(function.function());
        return function;
    }

    private FeedbackFunction createRegenerate() {
        FeedbackFunction function = function("Regenerate", new FeedbackFunction.Spec("regenerate",
                "Asks the LLM for a corrected test for a fixable failure", REGENERATE_TIMEOUT, Optional.empty()));
        table.grantReadWriteItems(function.role());
        reports.grantReadSources(function.role());
        secrets.grantReadLlmApiKey(function.role());
        regeneration.consumeWith(function.function());
        if (settings.llm().isBedrock()) {
            grantInvokeBedrockModels(function.role());
        }
        return function;
    }

    /**
     * Converse needs {@code bedrock:InvokeModel} on the model: a foundation model, or an inference profile and the
     * foundation models it routes to, in whichever regions the profile spans.
     */
    private void grantInvokeBedrockModels(IRole role) {
        String foundationModels = "arn:" + getPartition() + ":bedrock:*::foundation-model/*";
        String profiles = "arn:" + getPartition() + ":bedrock:*:" + getAccount() + ":inference-profile/*";
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:InvokeModel"))
                .resources(List.of(foundationModels, profiles))
                .build());
        String reason = "The model is configuration (llmModel) and a cross-region inference profile routes to the "
                + "same foundation model in several regions; the grant is one action, invoking models.";
        Nag.suppress(role, "AwsSolutions-IAM5", reason, "Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/*");
        Nag.suppress(role, "AwsSolutions-IAM5", reason,
                "Resource::arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:inference-profile/*");
    }

    private FeedbackFunction createRollup() {
        FeedbackFunction function = function("Rollup", new FeedbackFunction.Spec("rollup",
                "Computes the daily quality metrics and flakiness verdicts", ROLLUP_TIMEOUT, Optional.empty()));
        table.grantReadWriteItems(function.role());
        reports.grantPublishDashboards(function.role());
        secrets.grantReadDigestSettings(function.role());
        secrets.grantReadGitHubToken(function.role());
        return function;
    }

    private Rule createRollupSchedule() {
        return Rule.Builder.create(this, "RollupSchedule")
                .description("Runs the Feedback Loop rollup")
                .schedule(Schedule.expression(settings.rollupSchedule()))
                .targets(List.of(LambdaFunction.Builder.create(rollup.function()).retryAttempts(2).build()))
                .build();
    }

    private void createTags() {
        Tags.of(this).add("project", "feedback-loop");
        Tags.of(this).add("stage", settings.stage());
    }

    private void createOutputs() {
        output("IngestUrl", ingestUrl.getUrl(), "POST signed CI reports here (./feedback upload --url), and"
                + " decisions (./feedback triage --url)");
        output("ReadUrl", readUrl.getUrl(), "GET signed reads here (./feedback quarantine --url, docs/read-api.md)");
        output("ReportsBucketName", reports.bucketName(), "Raw reports under " + settings.reportsPrefix());
        output("TableName", table.tableName(), "The Feedback Loop table");
        output("ProjectSecretsArn", secrets.projectSecrets().getSecretArn(), "Set the per-project HMAC map here");
        output("LlmApiKeySecretArn", secrets.id(secrets.llmApiKey()), "Set the LLM provider API key here (the"
                + " secret's name when imported: -c llmApiKeySecretName)");
        output("DigestSettingsArn", secrets.digestSettings().getSecretArn(), "Set each project's Slack webhook (and"
                + " owners file) here");
        output("GitHubTokenSecretArn", secrets.id(secrets.githubToken()), "Put the GitHub token for the nightly"
                + " issue sync here (the secret's name when imported: -c githubTokenSecretName)");
        output("ReadSecretArn", secrets.id(secrets.readSecret()), "The read API's secret: each project's read"
                + " token derives from it (docs/read-api.md; the secret's name when imported: -c readSecretName)");
        output("AlarmTopicArn", alarms.topic().getTopicArn(), "Subscribe to be told about failures");
    }

    private FeedbackFunction function(String id, FeedbackFunction.Spec spec) {
        return new FeedbackFunction(this, id, spec, functionCode, settings, contractEnvironment(), alarms.action());
    }

    /**
     * The whole runtime configuration of the contract, for every function alike: the artifact is shared, and its
     * configuration is validated at start-up whichever function is exported. Access is limited by IAM, not by
     * which ids a function is told.
     */
    private Map<String, String> contractEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FEEDBACK_TABLE_NAME", table.tableName());
        environment.put("FEEDBACK_REPORTS_BUCKET", reports.bucketName());
        environment.put("FEEDBACK_REPORTS_PREFIX", settings.reportsPrefix());
        environment.put("FEEDBACK_REGENERATE_QUEUE_URL", regeneration.queueUrl());
        environment.put("FEEDBACK_SECRETS_PROJECT_SECRETS_ID", secrets.projectSecrets().getSecretArn());
        environment.put("FEEDBACK_LLM_API_KEY_SECRET_ID", secrets.id(secrets.llmApiKey()));
        environment.put("FEEDBACK_DIGEST_SECRET_ID", secrets.digestSettings().getSecretArn());
        environment.put("FEEDBACK_GITHUB_TOKEN_SECRET_ID", secrets.id(secrets.githubToken()));
        environment.put("FEEDBACK_READ_TOKEN_SECRET_ID", secrets.id(secrets.readSecret()));
        environment.put("FEEDBACK_RAW_TTL_DAYS", Integer.toString(settings.rawReportRetentionDays()));
        environment.put("FEEDBACK_INGEST_MAX_BODY_BYTES", Integer.toString(settings.ingestMaxBodyBytes()));
        environment.putAll(settings.llm().environment());
        return environment;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public DeploymentSettings settings() {
        return settings;
    }

    public FeedbackTable table() {
        return table;
    }

    public ReportsBucket reports() {
        return reports;
    }

    public RegenerationQueue regeneration() {
        return regeneration;
    }

    public FeedbackSecrets secrets() {
        return secrets;
    }

    public AlarmTopic alarms() {
        return alarms;
    }

    public FeedbackFunction ingest() {
        return ingest;
    }

    public FunctionUrl ingestUrl() {
        return ingestUrl;
    }

    public FeedbackFunction classify() {
        return classify;
    }

    public FailureQueue classifyFailures() {
        return classifyFailures;
    }

    public FeedbackFunction regenerate() {
        return regenerate;
    }

    public FeedbackFunction rollup() {
        return rollup;
    }

    public Rule rollupSchedule() {
        return rollupSchedule;
    }

    public FeedbackFunction read() {
        return read;
    }

    public FunctionUrl readUrl() {
        return readUrl;
    }
}
