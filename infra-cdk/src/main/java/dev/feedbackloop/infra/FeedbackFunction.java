package dev.feedbackloop.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One Funqy function of the shared native artifact: its own role (no managed policies; log writes to its own log
 * group only), its log group with the configured retention, and an alarm on any error.
 */
public final class FeedbackFunction extends Construct {

    /** Quarkus' placeholder: a custom runtime runs {@code bootstrap} and ignores the handler. */
    public static final String HANDLER = "not.used.in.provided.runtime";

    /**
     * What distinguishes one function from another.
     *
     * @param exportName      the {@code @Funq} name, set as {@code QUARKUS_FUNQY_EXPORT}
     * @param description     shown in the Lambda console
     * @param timeout         the function timeout
     * @param deadLetterQueue where asynchronous invocations go after their retries fail, if anywhere
     */
    public record Spec(String exportName, String description, Duration timeout, Optional<IQueue> deadLetterQueue) {
    }

    private final Role role;
    private final LogGroup logGroup;
    private final Function function;
    private final Alarm errors;

    public FeedbackFunction(Construct scope, String id, Spec spec, Code code, DeploymentSettings settings,
                            Map<String, String> environment, IAlarmAction alarmAction) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the Feedback Loop " + spec.exportName() + " function")
                .build();
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(settings.logRetention())
                .removalPolicy(settings.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        logGroup.grantWrite(role);
        function = Function.Builder.create(this, "Default")
                .description(spec.description())
                .runtime(Runtime.PROVIDED_AL2023)
                .handler(HANDLER)
                .code(code)
                .architecture(settings.architecture().lambdaArchitecture())
                .memorySize(settings.memorySizeMb())
                .timeout(spec.timeout())
                .environment(environment(spec, environment))
                .role(role)
                .logGroup(logGroup)
                .deadLetterQueue(spec.deadLetterQueue().orElse(null))
                .build();
        errors = Alarm.Builder.create(this, "Errors")
                .alarmDescription("The Feedback Loop " + spec.exportName() + " function failed (error or timeout).")
                .metric(function.metricErrors(MetricOptions.builder()
                        .statistic("Sum").period(Duration.minutes(5)).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        errors.addAlarmAction(alarmAction);
    }

    public IFunction function() {
        return function;
    }

    public IRole role() {
        return role;
    }

    public ILogGroup logGroup() {
        return logGroup;
    }

    public IAlarm errorsAlarm() {
        return errors;
    }

    private static Map<String, String> environment(Spec spec, Map<String, String> shared) {
        Map<String, String> environment = new LinkedHashMap<>(shared);
        environment.put("QUARKUS_FUNQY_EXPORT", spec.exportName());
        // As Quarkus' own native Lambda templates set it: the executable installs no signal handlers of its own.
        environment.put("DISABLE_SIGNAL_HANDLERS", "true");
        return environment;
    }
}
