package dev.feedbackloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Template;

/**
 * The stack's side of {@code ../contract/deployment-contract.json}, which the application tests its code against too
 * ({@code DeploymentContractTest}): the table's keys, indexes, time to live and billing, the environment variables
 * every function gets (and the optional ones a stage's settings may add), and the functions exported. A name changed on one side only fails one of the two tests.
 */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode contract;
    private static JsonNode template;
    private static JsonNode devTemplate;

    @BeforeAll
    static void synthesize() throws IOException {
        contract = JSON.readTree(Path.of("..", "contract", "deployment-contract.json").toFile());
        Template prod = SynthesizedStacks.get().prodTemplate;
        template = JSON.valueToTree(prod.toJSON());
        devTemplate = JSON.valueToTree(SynthesizedStacks.get().devTemplate.toJSON());
    }

    @Test
    void theTableIsTheContractsTable() {
        List<JsonNode> tables = resources("AWS::DynamoDB::Table");
        assertThat(tables).hasSize(1);
        JsonNode properties = tables.get(0).path("Properties");

        contract.path("table").fields().forEachRemaining(field -> assertThat(properties.path(field.getKey()))
                .as(field.getKey()).isEqualTo(field.getValue()));
    }

    @Test
    void everyFunctionGetsTheContractsVariables_andNoOtherOnes() {
        assertFunctionsGet(template);
    }

    /** The dev stage configures a model, so its functions also get some of the optional variables. */
    @Test
    void aStageWithAModel_setsOnlyVariablesTheContractNames() {
        assertFunctionsGet(devTemplate);
    }

    private static void assertFunctionsGet(JsonNode stack) {
        Set<String> required = new TreeSet<>();
        contract.path("environment").fieldNames().forEachRemaining(required::add);
        Set<String> allowed = new TreeSet<>(required);
        contract.path("optionalEnvironment").fieldNames().forEachRemaining(allowed::add);
        List<JsonNode> functions = feedbackFunctions(stack);
        assertThat(functions).hasSize(contract.path("functions").size());

        for (JsonNode function : functions) {
            Set<String> feedback = new TreeSet<>();
            function.path("Properties").path("Environment").path("Variables").fieldNames()
                    .forEachRemaining(name -> {
                        if (name.startsWith("FEEDBACK_")) {
                            feedback.add(name);
                        }
                    });
            assertThat(feedback).as("FEEDBACK_* variables of %s", function.path("Properties").path("Environment"))
                    .containsAll(required);
            assertThat(allowed).as("variables the contract names").containsAll(feedback);
        }
    }

    @Test
    void theStackExportsTheContractsFunctions() {
        String variable = contract.path("functionExportVariable").asText();
        List<String> exported = new ArrayList<>();
        feedbackFunctions().forEach(f -> exported.add(f.path("Properties").path("Environment")
                .path("Variables").path(variable).asText()));
        List<String> functions = new ArrayList<>();
        contract.path("functions").forEach(f -> functions.add(f.asText()));

        assertThat(exported).containsExactlyInAnyOrderElementsOf(functions);
    }

    /** The functions running the application: on the custom runtime, unlike the handlers aws-cdk-lib adds itself. */
    private static List<JsonNode> feedbackFunctions() {
        return feedbackFunctions(template);
    }

    private static List<JsonNode> feedbackFunctions(JsonNode stack) {
        return resources(stack, "AWS::Lambda::Function").stream()
                .filter(f -> f.path("Properties").path("Runtime").asText().startsWith("provided."))
                .toList();
    }

    private static List<JsonNode> resources(String type) {
        return resources(template, type);
    }

    private static List<JsonNode> resources(JsonNode stack, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : iterable(stack.path("Resources").fields())) {
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.add(resource.getValue());
            }
        }
        return found;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
