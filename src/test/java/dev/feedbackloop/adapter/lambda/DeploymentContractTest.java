package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import io.quarkus.funqy.Funq;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The application's side of {@code contract/deployment-contract.json}, which the CDK stack tests its template against
 * too (infra-cdk {@code ContractTest}): the table the code creates, the environment variables it reads, the functions
 * it exports. Plain JUnit: no application start.
 */
class DeploymentContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        contract = JSON.readTree(Path.of("contract", "deployment-contract.json").toFile());
    }

    @Test
    void theTableTheCodeCreatesIsTheContractsTable() {
        CreateTableRequest request = FeedbackTable.createTableRequest("any");
        ObjectNode table = JSON.createObjectNode();
        table.put("BillingMode", request.billingModeAsString());
        table.set("KeySchema", keySchema(request.keySchema()));
        ArrayNode attributes = table.putArray("AttributeDefinitions");
        request.attributeDefinitions().forEach(a -> attributes.addObject().put("AttributeName", a.attributeName())
                .put("AttributeType", a.attributeTypeAsString()));
        ArrayNode indexes = table.putArray("GlobalSecondaryIndexes");
        request.globalSecondaryIndexes().forEach(i -> {
            ObjectNode index = indexes.addObject().put("IndexName", i.indexName());
            index.set("KeySchema", keySchema(i.keySchema()));
            index.putObject("Projection").put("ProjectionType", i.projection().projectionTypeAsString());
        });
        // createIfMissing turns time to live on for this attribute right after creating the table
        table.putObject("TimeToLiveSpecification").put("AttributeName", FeedbackTable.EXPIRES_AT).put("Enabled", true);

        assertThat(table).isEqualTo(contract.path("table"));
    }

    /**
     * Every variable the stack sets reaches {@link FeedbackConfig} (a distinct value in each shows up in the mapping),
     * and the variables alone satisfy every property the mapping requires.
     */
    @Test
    void everyVariableOfTheContractIsReadByTheConfigMapping_andTheyAreAllItNeeds() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> valueOf = new LinkedHashMap<>();
        int sample = 90_001; // numbers: valid for the string, int and long properties alike
        for (var variable : variables()) {
            environment.put(variable.getKey(), Integer.toString(sample));
            valueOf.put(variable.getKey(), Integer.toString(sample++));
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(FeedbackConfig.class)
                .withSources(new EnvConfigSource(environment, 300)).build();

        Set<String> mapped = new HashSet<>();
        collectValues(config.getConfigMapping(FeedbackConfig.class), FeedbackConfig.class, mapped);

        assertThat(valueOf).allSatisfy((variable, value) -> assertThat(mapped).as(variable).contains(value));
        variables().forEach(variable -> assertThat(config.getValue(
                variable.getValue().asText(), String.class)).as(variable.getKey())
                .isEqualTo(valueOf.get(variable.getKey())));
    }

    @Test
    void theFunctionsTheStackExportsAreTheFunqNames() {
        Set<String> funqs = new TreeSet<>();
        for (Class<?> function : List.of(IngestFunction.class, ClassifyFunction.class, RegenerateFunction.class,
                RollupFunction.class, ReadFunction.class)) {
            Stream.of(function.getDeclaredMethods()).map(m -> m.getAnnotation(Funq.class)).filter(f -> f != null)
                    .forEach(f -> funqs.add(f.value()));
        }
        List<String> exported = new ArrayList<>();
        contract.path("functions").forEach(f -> exported.add(f.asText()));

        assertThat(funqs).containsExactlyInAnyOrderElementsOf(exported);
        assertThat(contract.path("functionExportVariable").asText()).isEqualTo("QUARKUS_FUNQY_EXPORT");
    }

    /** The variables the stack always sets and those a stage's settings may add. */
    private static List<Map.Entry<String, JsonNode>> variables() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>(contract.path("environment").properties());
        all.addAll(contract.path("optionalEnvironment").properties());
        assertThat(all).as("contract variables").hasSizeGreaterThan(contract.path("environment").size());
        return all;
    }

    private static ArrayNode keySchema(List<KeySchemaElement> keys) {
        ArrayNode schema = JSON.createArrayNode();
        keys.forEach(k -> schema.addObject().put("AttributeName", k.attributeName()).put("KeyType", k.keyTypeAsString()));
        return schema;
    }

    /** Every leaf value of a config mapping (groups followed, optionals and maps opened), as text. */
    private static void collectValues(Object mapping, Class<?> type, Set<String> values) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            Object value = method.invoke(mapping);
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            if (value == null) {
                continue;
            }
            if (method.getReturnType().isInterface() && method.getReturnType().getDeclaringClass() == FeedbackConfig.class) {
                collectValues(value, method.getReturnType(), values);
            } else if (value instanceof Map<?, ?> map) {
                map.values().forEach(v -> values.add(String.valueOf(v)));
            } else if (value instanceof Collection<?> items) {
                items.forEach(v -> values.add(String.valueOf(v)));
            } else {
                values.add(String.valueOf(value));
            }
        }
    }
}
