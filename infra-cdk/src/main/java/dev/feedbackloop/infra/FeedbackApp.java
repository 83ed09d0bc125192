package dev.feedbackloop.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code cdk synth|deploy [-c stage=prod] [-c key=value ...]}, keys in {@link DeploymentSettings}. */
public final class FeedbackApp {

    private FeedbackApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext);
        new FeedbackStack(app, settings.stackName(), StackProps.builder()
                .description("Feedback Loop (" + settings.stage() + "): classifies failing CI tests")
                .env(environmentOfTheCli())
                .build(), settings);
        // Security findings fail `cdk synth`; each accepted one is suppressed with its reason next to its cause.
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }

    /**
     * The account and region of the CLI's credentials when it has some; an environment-agnostic stack otherwise,
     * so `cdk synth` needs no AWS account.
     */
    private static Environment environmentOfTheCli() {
        return Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
    }
}
