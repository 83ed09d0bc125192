package dev.feedbackloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What varies between deployments of Feedback Loop: one value per CDK context key (see {@link #fromContext}).
 *
 * @param stage                  deployment stage, lower-case letters, digits and dashes ({@code dev}, {@code prod});
 *                               part of the stack name
 * @param architecture           CPU architecture of the native {@code function.zip}
 * @param memorySizeMb           memory of every function in MiB (128..10240); Lambda scales CPU with it
 * @param rollupSchedule         EventBridge schedule expression of the nightly rollup, {@code cron(...)} or
 *                               {@code rate(...)}, in UTC; {@link #fromContext} takes it from the deployment
 *                               contract, where the application's long-running processes read it too
 * @param logRetentionDays       days the functions' logs and the bucket access logs are kept; one of the values
 *                               CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)
 * @param rawReportRetentionDays days raw reports stay in S3; also the functions' {@code FEEDBACK_RAW_TTL_DAYS}
 * @param functionZip            the native {@code function.zip}, absolute or relative to the CDK app directory
 * @param retainData             whether table, buckets, secrets and logs survive {@code cdk destroy} (and the
 *                               table has deletion protection); defaults to true for the {@code prod} stage
 * @param alarmEmail             address subscribed to the alarm topic, if any
 * @param reportsPrefix          S3 key prefix of raw reports, ending with {@code /}
 * @param ingestMaxBodyBytes     largest request body ingest accepts, in bytes; at most Lambda's 6 MiB limit
 * @param llm                    the model {@code regenerate} asks, if any
 * @param importedSecrets        secrets imported by name rather than created ({@link ImportedSecrets})
 */
public record DeploymentSettings(
        String stage,
        FunctionArchitecture architecture,
        int memorySizeMb,
        String rollupSchedule,
        int logRetentionDays,
        int rawReportRetentionDays,
        Path functionZip,
        boolean retainData,
        Optional<String> alarmEmail,
        String reportsPrefix,
        int ingestMaxBodyBytes,
        LlmDeployment llm,
        ImportedSecrets importedSecrets) {

    /** What the application and this app agree on, seen from the CDK app's directory. */
    public static final Path DEFAULT_CONTRACT = Path.of("..", "contract", "deployment-contract.json");
    /** The stage that keeps its data by default. */
    public static final String PRODUCTION_STAGE = "prod";
    public static final String DEFAULT_STAGE = "dev";
    public static final int DEFAULT_MEMORY_SIZE_MB = 512;
    /**
     * {@code rollupSchedule} of the deployment contract ({@code ../contract/deployment-contract.json}): one setting,
     * which {@code feedback serve} and {@code quarkus:dev} run on too (02:30 UTC every day unless changed there).
     */
    public static final String DEFAULT_ROLLUP_SCHEDULE = contractRollupSchedule(DEFAULT_CONTRACT);
    public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    /** Same as the functions' default {@code feedback.raw-ttl-days}. */
    public static final int DEFAULT_RAW_REPORT_RETENTION_DAYS = 30;
    /** Where {@code ./mvnw package -Dnative} at the repository root writes the artifact, seen from infra-cdk. */
    public static final Path DEFAULT_FUNCTION_ZIP = Path.of("..", "target", "function.zip");
    public static final String DEFAULT_REPORTS_PREFIX = "reports/";
    /** A Lambda Function URL rejects synchronous request payloads above 6 MB (6,291,456 bytes) anyway. */
    public static final int LAMBDA_MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern SCHEDULE = Pattern.compile("(cron|rate)\\(.+\\)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Map<Integer, RetentionDays> LOG_RETENTIONS = logRetentions();

    public DeploymentSettings {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(rollupSchedule, "rollupSchedule");
        Objects.requireNonNull(functionZip, "functionZip");
        Objects.requireNonNull(alarmEmail, "alarmEmail");
        Objects.requireNonNull(reportsPrefix, "reportsPrefix");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(importedSecrets, "importedSecrets");
        require(STAGE.matcher(stage).matches(),
                "stage '" + stage + "' must be 1-20 lower-case letters, digits or dashes, starting with a letter");
        require(memorySizeMb >= 128 && memorySizeMb <= 10_240,
                "memorySize " + memorySizeMb + " MiB is outside Lambda's 128..10240");
        require(SCHEDULE.matcher(rollupSchedule).matches(),
                "rollupSchedule '" + rollupSchedule + "' is not an EventBridge 'cron(...)' or 'rate(...)' expression");
        require(LOG_RETENTIONS.containsKey(logRetentionDays),
                "logRetentionDays " + logRetentionDays + " is not one of " + LOG_RETENTIONS.keySet());
        require(rawReportRetentionDays >= 1 && rawReportRetentionDays <= 3650,
                "rawReportRetentionDays " + rawReportRetentionDays + " is outside 1..3650");
        alarmEmail.ifPresent(email -> require(EMAIL.matcher(email).matches(),
                "alarmEmail '" + email + "' is not an e-mail address"));
        require(!reportsPrefix.isEmpty() && reportsPrefix.endsWith("/") && !reportsPrefix.startsWith("/"),
                "reportsPrefix '" + reportsPrefix + "' must be non-empty, end with '/' and not start with '/'");
        require(ingestMaxBodyBytes >= 1 && ingestMaxBodyBytes <= LAMBDA_MAX_REQUEST_BYTES,
                "ingestMaxBodyBytes " + ingestMaxBodyBytes + " is outside 1.." + LAMBDA_MAX_REQUEST_BYTES);
    }

    /**
     * Reads the settings from CDK context ({@code cdk.json} or {@code cdk synth -c key=value}); absent keys take
     * the defaults above. Keys: {@code stage}, {@code architecture}, {@code memorySize}, {@code rollupSchedule},
     * {@code logRetentionDays}, {@code rawReportRetentionDays}, {@code functionZip}, {@code retainData},
     * {@code alarmEmail}, {@code ingestMaxBodyBytes}, and the model's ({@link LlmDeployment}) {@code llmProvider},
     * {@code llmModel}, {@code llmBaseUrl}, {@code llmDailyBudgetUsd}, and the secrets imported by name
     * ({@link ImportedSecrets}) {@code githubTokenSecretName}, {@code llmApiKeySecretName}, {@code readSecretName}.
     *
     * @param context looks a key up, returning null when absent (e.g. {@code app.getNode()::tryGetContext})
     * @throws IllegalArgumentException naming the key and value that are wrong
     */
    public static DeploymentSettings fromContext(Function<String, Object> context) {
        ContextReader read = new ContextReader(context);
        String stage = read.text("stage").orElse(DEFAULT_STAGE);
        return new DeploymentSettings(
                stage,
                read.text("architecture").map(FunctionArchitecture::fromContextValue)
                        .orElse(FunctionArchitecture.ARM_64),
                read.integer("memorySize").orElse(DEFAULT_MEMORY_SIZE_MB),
                rollupSchedule(read),
                read.integer("logRetentionDays").orElse(DEFAULT_LOG_RETENTION_DAYS),
                read.integer("rawReportRetentionDays").orElse(DEFAULT_RAW_REPORT_RETENTION_DAYS),
                read.text("functionZip").map(Path::of).orElse(DEFAULT_FUNCTION_ZIP),
                read.bool("retainData").orElse(PRODUCTION_STAGE.equals(stage)),
                read.text("alarmEmail"),
                DEFAULT_REPORTS_PREFIX,
                read.integer("ingestMaxBodyBytes").orElse(LAMBDA_MAX_REQUEST_BYTES),
                new LlmDeployment(read.text("llmProvider").orElse("none"), read.text("llmModel"),
                        read.text("llmBaseUrl"), read.text("llmDailyBudgetUsd")),
                new ImportedSecrets(read.text("githubTokenSecretName"), read.text("llmApiKeySecretName"),
                        read.text("readSecretName")));
    }

    /**
     * The schedule is not a context key: it lives in the contract, so that the local server runs the rollup when the
     * deployed stack does. A context value is refused rather than silently splitting the two.
     */
    private static String rollupSchedule(ContextReader read) {
        read.text("rollupSchedule").ifPresent(value -> {
            throw new IllegalArgumentException("rollupSchedule '" + value + "' is not a context key: the rollup's"
                    + " schedule is one setting, rollupSchedule in contract/deployment-contract.json, which the"
                    + " application's local server reads too");
        });
        return DEFAULT_ROLLUP_SCHEDULE;
    }

    /** {@code "rollupSchedule": "..."} of the contract file (a flat string field; no JSON library on this side). */
    static String contractRollupSchedule(Path contract) {
        try {
            // A local pattern: this runs while the class's static fields are still being set.
            Matcher field = Pattern.compile("\"rollupSchedule\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(Files.readString(contract));
            if (!field.find()) {
                throw new IllegalStateException(contract + " has no \"rollupSchedule\": \"cron(...)\" field");
            }
            return field.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deployment contract " + contract.toAbsolutePath()
                    + " (the CDK app runs from infra-cdk/): " + e.getMessage(), e);
        }
    }

    /** CloudFormation stack name of this stage. */
    public String stackName() {
        return "FeedbackLoop-" + stage;
    }

    /** {@link #logRetentionDays} as the CDK constant. */
    public RetentionDays logRetention() {
        return LOG_RETENTIONS.get(logRetentionDays);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Map<Integer, RetentionDays> logRetentions() {
        Map<Integer, RetentionDays> retentions = new TreeMap<>();
        retentions.put(1, RetentionDays.ONE_DAY);
        retentions.put(3, RetentionDays.THREE_DAYS);
        retentions.put(5, RetentionDays.FIVE_DAYS);
        retentions.put(7, RetentionDays.ONE_WEEK);
        retentions.put(14, RetentionDays.TWO_WEEKS);
        retentions.put(30, RetentionDays.ONE_MONTH);
        retentions.put(60, RetentionDays.TWO_MONTHS);
        retentions.put(90, RetentionDays.THREE_MONTHS);
        retentions.put(120, RetentionDays.FOUR_MONTHS);
        retentions.put(150, RetentionDays.FIVE_MONTHS);
        retentions.put(180, RetentionDays.SIX_MONTHS);
        retentions.put(365, RetentionDays.ONE_YEAR);
        retentions.put(400, RetentionDays.THIRTEEN_MONTHS);
        retentions.put(545, RetentionDays.EIGHTEEN_MONTHS);
        retentions.put(731, RetentionDays.TWO_YEARS);
        retentions.put(1096, RetentionDays.THREE_YEARS);
        retentions.put(1827, RetentionDays.FIVE_YEARS);
        retentions.put(2192, RetentionDays.SIX_YEARS);
        retentions.put(2557, RetentionDays.SEVEN_YEARS);
        retentions.put(2922, RetentionDays.EIGHT_YEARS);
        retentions.put(3288, RetentionDays.NINE_YEARS);
        retentions.put(3653, RetentionDays.TEN_YEARS);
        return Collections.unmodifiableMap(retentions);
    }

    /** Context values arrive as strings from {@code -c key=value} and as JSON types from {@code cdk.json}. */
    private record ContextReader(Function<String, Object> context) {

        Optional<String> text(String key) {
            return Optional.ofNullable(context.apply(key)).map(Object::toString).map(String::trim)
                    .filter(value -> !value.isEmpty());
        }

        Optional<Integer> integer(String key) {
            Object raw = context.apply(key);
            if (raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return Optional.of(number.intValue());
            }
            return text(key).map(value -> {
                try {
                    return Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("context '" + key + "' must be an integer, got '" + value + "'");
                }
            });
        }

        Optional<Boolean> bool(String key) {
            return text(key).map(value -> switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(
                        "context '" + key + "' must be true or false, got '" + value + "'");
            });
        }
    }
}
