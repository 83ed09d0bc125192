package dev.feedbackloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.services.logs.RetentionDays;

class DeploymentSettingsTest {

    @Test
    void absentContextGivesTheDocumentedDefaults() {
        DeploymentSettings settings = DeploymentSettings.fromContext(key -> null);

        assertThat(settings.stage()).isEqualTo("dev");
        assertThat(settings.stackName()).isEqualTo("FeedbackLoop-dev");
        assertThat(settings.architecture()).isEqualTo(FunctionArchitecture.ARM_64);
        assertThat(settings.memorySizeMb()).isEqualTo(512);
        assertThat(settings.rollupSchedule()).isEqualTo("cron(30 2 * * ? *)");
        assertThat(settings.logRetentionDays()).isEqualTo(30);
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(settings.rawReportRetentionDays()).isEqualTo(30);
        assertThat(settings.functionZip()).isEqualTo(Path.of("../target/function.zip"));
        assertThat(settings.retainData()).isFalse();
        assertThat(settings.alarmEmail()).isEmpty();
        assertThat(settings.reportsPrefix()).isEqualTo("reports/");
        assertThat(settings.ingestMaxBodyBytes()).isEqualTo(6 * 1024 * 1024);
        assertThat(settings.llm()).isEqualTo(LlmDeployment.none());
        assertThat(settings.importedSecrets()).as("every secret created").isEqualTo(ImportedSecrets.NONE);
    }

    @Test
    void secretNamesImportThoseSecrets() {
        DeploymentSettings settings = DeploymentSettings.fromContext(Map.<String, Object>of(
                "githubTokenSecretName", "team/github-token", "readSecretName", "team/read")::get);

        assertThat(settings.importedSecrets()).isEqualTo(new ImportedSecrets(Optional.of("team/github-token"),
                Optional.empty(), Optional.of("team/read")));
    }

    @Test
    void theModelBecomesTheFunctionsLlmVariables() {
        DeploymentSettings settings = DeploymentSettings.fromContext(Map.<String, Object>of("llmProvider", "openai",
                "llmModel", "gpt-4.1", "llmBaseUrl", "https://shop.openai.azure.com", "llmDailyBudgetUsd", "20")::get);

        assertThat(settings.llm().environment()).containsExactly(Map.entry("FEEDBACK_LLM_PROVIDER", "openai"),
                Map.entry("FEEDBACK_LLM_MODEL", "gpt-4.1"),
                Map.entry("FEEDBACK_LLM_BASE_URL", "https://shop.openai.azure.com"),
                Map.entry("FEEDBACK_LLM_DAILY_BUDGET_USD", "20"));
        assertThat(settings.llm().isBedrock()).isFalse();
    }

    @Test
    void prodKeepsItsDataUnlessToldOtherwise() {
        assertThat(DeploymentSettings.fromContext(Map.of("stage", "prod")::get).retainData()).isTrue();
        assertThat(DeploymentSettings.fromContext(Map.of("stage", "prod", "retainData", "false")::get).retainData())
                .isFalse();
        assertThat(DeploymentSettings.fromContext(Map.of("stage", "staging", "retainData", "true")::get)
                .retainData()).isTrue();
    }

    @Test
    void valuesFromCdkJsonMayBeJsonNumbersAndBooleans() {
        DeploymentSettings settings = DeploymentSettings.fromContext(Map.<String, Object>of(
                "memorySize", 1024, "logRetentionDays", 14.0, "retainData", true, "architecture", "X86_64")::get);

        assertThat(settings.memorySizeMb()).isEqualTo(1024);
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.TWO_WEEKS);
        assertThat(settings.retainData()).isTrue();
        assertThat(settings.architecture()).isEqualTo(FunctionArchitecture.X86_64);
    }

    @Test
    void alarmEmailIsOptional() {
        assertThat(DeploymentSettings.fromContext(Map.of("alarmEmail", "team@example.org")::get).alarmEmail())
                .isEqualTo(Optional.of("team@example.org"));
        assertThat(DeploymentSettings.fromContext(Map.of("alarmEmail", " ")::get).alarmEmail()).isEmpty();
    }

    static Stream<Arguments> badContext() {
        return Stream.of(
                bad("upper-case stage", "stage", "Prod", "stage 'Prod'"),
                bad("unknown architecture", "architecture", "sparc", "architecture 'sparc' is not one of arm64"),
                bad("memory below Lambda's minimum", "memorySize", "64", "memorySize 64 MiB"),
                bad("memory that is not a number", "memorySize", "lots", "'memorySize' must be an integer, got 'lots'"),
                bad("a schedule beside the contract's", "rollupSchedule", "cron(0 3 * * ? *)",
                        "rollupSchedule 'cron(0 3 * * ? *)' is not a context key"),
                bad("retention CloudWatch does not offer", "logRetentionDays", "10", "logRetentionDays 10 is not one of"),
                bad("no raw retention", "rawReportRetentionDays", "0", "rawReportRetentionDays 0"),
                bad("not an e-mail address", "alarmEmail", "oncall", "alarmEmail 'oncall'"),
                bad("retain flag that is not a boolean", "retainData", "yes", "'retainData' must be true or false"),
                bad("body above Lambda's limit", "ingestMaxBodyBytes", "7000000", "ingestMaxBodyBytes 7000000"),
                bad("an unknown model provider", "llmProvider", "gemini", "llmProvider 'gemini' must be one of"),
                bad("a provider without a model", "llmProvider", "anthropic",
                        "llmModel is required with llmProvider=anthropic"),
                bad("a budget that is not an amount", "llmDailyBudgetUsd", "$5", "llmDailyBudgetUsd '$5'"),
                bad("an ARN for a secret name", "githubTokenSecretName",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gh", "'githubTokenSecretName' must be"
                                + " a secret name"));
    }

    @ParameterizedTest
    @MethodSource("badContext")
    void badContextFailsNamingTheKeyAndValue(Map<String, Object> context, String expectedMessage) {
        assertThatThrownBy(() -> DeploymentSettings.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expectedMessage);
    }

    private static Arguments bad(String name, String key, String value, String expectedMessage) {
        return Arguments.of(Named.of(name, Map.of(key, value)), expectedMessage);
    }
}
