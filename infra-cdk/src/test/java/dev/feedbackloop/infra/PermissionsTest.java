package dev.feedbackloop.infra;

import static dev.feedbackloop.infra.SynthesizedStacks.arnOf;
import static dev.feedbackloop.infra.SynthesizedStacks.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awscdk.assertions.Match.absent;
import static software.amazon.awscdk.assertions.Match.objectLike;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;

/** Least privilege: each function's role allows exactly what its stage needs. */
class PermissionsTest {

    private static FeedbackStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = SynthesizedStacks.get().prod;
        template = SynthesizedStacks.get().prodTemplate;
    }

    private static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    private static final Set<String> READ_SECRET = Set.of(
            "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue");
    private static final Set<String> TABLE_READ_WRITE = Set.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    static Stream<Arguments> everyFunctionsPermissions() {
        return Stream.of(
                // reports into S3; people's decisions (POST /triage, /implemented) read and put recommendation items
                Arguments.of(Named.of("ingest", (Fn) FeedbackStack::ingest), union(LOGS, READ_SECRET, Set.of(
                        "s3:PutObject", "s3:GetObject", "s3:ListBucket",
                        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"))),
                // ListBucket with the shipped sources' GetObject: a run that shipped none answers 404, not 403
                Arguments.of(Named.of("classify", (Fn) FeedbackStack::classify), union(LOGS, TABLE_READ_WRITE, Set.of(
                        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                        "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))),
                Arguments.of(Named.of("regenerate", (Fn) FeedbackStack::regenerate), union(LOGS, TABLE_READ_WRITE,
                        READ_SECRET, Set.of("s3:GetObject", "s3:ListBucket",
                                "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                                "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))),
                // the nightly report (put, and get for its pre-signed link) and the digest settings
                Arguments.of(Named.of("rollup", (Fn) FeedbackStack::rollup), union(LOGS, TABLE_READ_WRITE, READ_SECRET,
                        Set.of("s3:PutObject", "s3:GetObject"))),
                Arguments.of(Named.of("read", (Fn) FeedbackStack::read), union(LOGS, READ_SECRET, Set.of(
                        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"))));
    }

    @ParameterizedTest
    @MethodSource("everyFunctionsPermissions")
    void eachFunctionMayDoExactlyWhatItsStageNeeds(Fn function, Set<String> expectedActions) {
        assertThat(actionsOf(statementsOf(function.of(stack).role())))
                .containsExactlyInAnyOrderElementsOf(expectedActions);
    }

    @Test
    void readWritesNothingAnywhere() {
        assertThat(actionsOf(statementsOf(stack.read().role()))).allMatch(action -> action.startsWith("logs:")
                || Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query").contains(action)
                || READ_SECRET.contains(action));
        assertThat(actionsOf(statementsOf(stack.read().role()))).noneMatch(action -> action.startsWith("s3:")
                || action.startsWith("sqs:"));
    }

    @Test
    void ingestMayReadAndPutItemsForDecisions_butNeverUpdateDeleteOrBatchWrite() {
        assertThat(actionsOf(statementsOf(stack.ingest().role()))).filteredOn(action -> action.startsWith("dynamodb:"))
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem")
                .doesNotContain("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    }

    @Test
    void ingestMayListOnlyTheReportsBucket_soAMissingReportIsNotFoundRatherThanForbidden() {
        assertThat(statementsOf(stack.ingest().role()))
                .contains(statement("s3:ListBucket", arnOf(stack.reports().bucket())));
    }

    @Test
    void reportObjectsAreWrittenAndReadOnlyUnderTheReportsPrefix() {
        Map<String, Object> reportObjects = Map.of("Fn::Join", List.of("", List.of(
                arnOf(stack.reports().bucket()), "/reports/*")));
        Map<String, Object> sourceObjects = Map.of("Fn::Join", List.of("", List.of(
                arnOf(stack.reports().bucket()), "/sources/*")));
        assertThat(statementsOf(stack.ingest().role()))
                .contains(statement(List.of("s3:GetObject", "s3:PutObject"), List.of(attachmentObjects(), reportObjects,
                        sourceObjects)));
        assertThat(statementsOf(stack.classify().role()))
                .contains(statement(List.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject"), reportObjects));
    }

    @Test
    void testSourcesAreWrittenByIngestAndReadByRegenerateAndClassify_onlyUnderTheSourcesPrefix() {
        Map<String, Object> sourceObjects = Map.of("Fn::Join", List.of("", List.of(
                arnOf(stack.reports().bucket()), "/sources/*")));
        Map<String, Object> reportObjects = Map.of("Fn::Join", List.of("", List.of(
                arnOf(stack.reports().bucket()), "/reports/*")));
        assertThat(statementsOf(stack.ingest().role())).as("one statement for the three prefixes")
                .contains(statement(List.of("s3:GetObject", "s3:PutObject"), List.of(attachmentObjects(), reportObjects,
                        sourceObjects)));
        assertThat(statementsOf(stack.regenerate().role()))
                .contains(statement("s3:GetObject", sourceObjects))
                .contains(statement("s3:ListBucket", arnOf(stack.reports().bucket())));
        // classify reads the shipped sources' hashes (implemented fixes), and never writes there
        assertThat(statementsOf(stack.classify().role()))
                .contains(statement("s3:GetObject", sourceObjects))
                .doesNotContain(statement(List.of("s3:GetObject", "s3:PutObject"), List.of(sourceObjects)));
    }

    private static Map<String, Object> attachmentObjects() {
        return Map.of("Fn::Join", List.of("", List.of(arnOf(stack.reports().bucket()), "/attachments/*")));
    }

    @Test
    void attachmentsArePutOnlyByIngest_whoseRoleSignsTheUploadUrls_andNoOtherFunctionTouchesThem() {
        assertThat(resourcesOf(statementsOf(stack.ingest().role()))).anySatisfy(resource ->
                assertThat(resource.toString()).contains("/attachments/*"));
        for (var other : List.of(stack.classify(), stack.regenerate(), stack.rollup(), stack.read())) {
            assertThat(resourcesOf(statementsOf(other.role()))).noneSatisfy(resource ->
                    assertThat(resource.toString()).contains("/attachments/*"));
        }
    }

    @Test
    void onlyRollupReadsTheGitHubToken_andOnlyReadTheReadSecret() {
        Map<String, Object> github = ref(stack.secrets().githubToken());
        Map<String, Object> read = ref(stack.secrets().readSecret());
        assertThat(resourcesOf(statementsOf(stack.rollup().role()))).contains(github).doesNotContain(read);
        assertThat(resourcesOf(statementsOf(stack.read().role()))).contains(read).doesNotContain(github);
        for (FeedbackFunction other : List.of(stack.ingest(), stack.classify(), stack.regenerate())) {
            assertThat(resourcesOf(statementsOf(other.role()))).doesNotContain(github, read);
        }
    }

    @Test
    void onlyIngestAndReadReadTheProjectSecretsAndOnlyRegenerateTheLlmKey() {
        Map<String, Object> projectSecrets = ref(stack.secrets().projectSecrets());
        Map<String, Object> llmKey = ref(stack.secrets().llmApiKey());
        assertThat(resourcesOf(statementsOf(stack.ingest().role()))).contains(projectSecrets).doesNotContain(llmKey);
        assertThat(resourcesOf(statementsOf(stack.read().role()))).contains(projectSecrets).doesNotContain(llmKey);
        assertThat(resourcesOf(statementsOf(stack.regenerate().role())))
                .contains(llmKey).doesNotContain(projectSecrets);
        for (FeedbackFunction other : List.of(stack.classify(), stack.rollup())) {
            assertThat(resourcesOf(statementsOf(other.role()))).doesNotContain(projectSecrets, llmKey);
        }
    }

    @Test
    void onlyTheRollupReadsTheDigestSettings_andWritesOnlyUnderDashboards() {
        Map<String, Object> digest = ref(stack.secrets().digestSettings());
        assertThat(resourcesOf(statementsOf(stack.rollup().role()))).contains(digest);
        for (FeedbackFunction other : List.of(stack.ingest(), stack.classify(), stack.regenerate())) {
            assertThat(resourcesOf(statementsOf(other.role()))).doesNotContain(digest);
        }
        assertThat(statementsOf(stack.rollup().role()).stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("s3:")).map(Object::toString).toList())
                .singleElement().satisfies(s -> assertThat(s).contains("/" + ReportsBucket.DASHBOARDS_PREFIX + "*")
                        .doesNotContain("/reports/"));
    }

    @Test
    void tableGrantsNameTheTwoIndexesRatherThanAWildcard() {
        Map<String, Object> table = arnOf(stack.table().table());
        List<Object> indexes = List.of(
                Map.of("Fn::Join", List.of("", List.of(table, "/index/GSI1"))),
                Map.of("Fn::Join", List.of("", List.of(table, "/index/GSI2"))));
        for (FeedbackFunction function : List.of(stack.classify(), stack.regenerate(), stack.rollup(), stack.read())) {
            assertThat(statementsOf(function.role())).contains(statement("dynamodb:Query", indexes));
        }
    }

    @Test
    void functionsWriteLogsOnlyToTheirOwnLogGroup() {
        for (FeedbackFunction function : FeedbackStackTest.functions(stack)) {
            assertThat(statementsOf(function.role())).contains(
                    statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), arnOf(function.logGroup())));
        }
    }

    @Test
    void functionRolesHaveNoManagedPolicies() {
        for (FeedbackFunction function : FeedbackStackTest.functions(stack)) {
            assertThat(template.findResources("AWS::IAM::Role", objectLike(Map.of(
                    "Properties", objectLike(Map.of("ManagedPolicyArns", absent())))))).containsKey(
                    SynthesizedStacks.logicalId(function.role()));
        }
    }

    @Test
    void withBedrock_onlyRegenerateMayInvokeModels_andWithoutAProviderNoFunctionMay() {
        SynthesizedStacks stacks = SynthesizedStacks.get();
        Map<String, Object> bedrockGrant = statementsOf(stacks.devTemplate, stacks.dev.regenerate().role()).stream()
                .filter(s -> "bedrock:InvokeModel".equals(s.get("Action"))).findFirst().orElseThrow();
        assertThat(bedrockGrant.toString()).contains(":bedrock:*::foundation-model/*", ":inference-profile/*");
        for (FeedbackFunction other : List.of(stacks.dev.ingest(), stacks.dev.classify(), stacks.dev.rollup())) {
            assertThat(actionsOf(statementsOf(stacks.devTemplate, other.role())))
                    .noneMatch(action -> action.startsWith("bedrock:"));
        }
        for (FeedbackFunction function : FeedbackStackTest.functions(stack)) {
            assertThat(actionsOf(statementsOf(function.role()))).noneMatch(action -> action.startsWith("bedrock:"));
        }
    }

    @Test
    void secretsImportedByName_areReadByTheSameFunctions_andNoOther() {
        SynthesizedStacks stacks = SynthesizedStacks.get();
        Map<String, FeedbackFunction> readers = Map.of(SynthesizedStacks.GITHUB_TOKEN_NAME, stacks.dev.rollup(),
                SynthesizedStacks.LLM_API_KEY_NAME, stacks.dev.regenerate(),
                SynthesizedStacks.READ_SECRET_NAME, stacks.dev.read());
        for (var secret : readers.entrySet()) {
            // fromSecretNameV2: the name and the six characters Secrets Manager appends to its ARNs
            String arn = ":secret:" + secret.getKey() + "-??????";
            for (FeedbackFunction function : FeedbackStackTest.functions(stacks.dev)) {
                List<Map<String, Object>> statements = statementsOf(stacks.devTemplate, function.role());
                boolean reads = statements.stream().anyMatch(s -> s.toString().contains(arn)
                        && listOf(s.get("Action")).containsAll(READ_SECRET));
                assertThat(reads).as("%s reads %s", function.function().getNode().getId(), secret.getKey())
                        .isEqualTo(function == secret.getValue());
            }
        }
    }

    /** A method reference picking one function of the stack, so cases print as the function's name. */
    @FunctionalInterface
    interface Fn {
        FeedbackFunction of(FeedbackStack stack);
    }

    /** The statements of the policy CDK attaches to {@code role} (its default policy). */
    private static List<Map<String, Object>> statementsOf(IRole role) {
        return statementsOf(template, role);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(Template template, IRole role) {
        Capture statements = new Capture();
        template.hasResourceProperties("AWS::IAM::Policy", objectLike(Map.of(
                "Roles", List.of(ref(role)),
                "PolicyDocument", objectLike(Map.of("Statement", statements)))));
        return statements.asArray().stream().map(statement -> (Map<String, Object>) statement).toList();
    }

    private static Set<String> actionsOf(List<Map<String, Object>> statements) {
        Set<String> actions = new TreeSet<>();
        statements.forEach(statement -> listOf(statement.get("Action")).forEach(a -> actions.add((String) a)));
        return actions;
    }

    private static List<Object> resourcesOf(List<Map<String, Object>> statements) {
        return statements.stream()
                .flatMap(statement -> listOf(statement.get("Resource")).stream())
                .map(Object.class::cast)
                .toList();
    }

    /** IAM allows a single action or resource in place of a list; CDK writes a single one that way. */
    private static List<?> listOf(Object actionOrResource) {
        return actionOrResource instanceof List<?> list ? list : List.of(actionOrResource);
    }

    private static Map<String, Object> statement(Object action, Object resource) {
        return Map.of("Action", action, "Effect", "Allow", "Resource", resource);
    }

    @SafeVarargs
    private static Set<String> union(Collection<String>... parts) {
        Set<String> all = new TreeSet<>();
        for (Collection<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
