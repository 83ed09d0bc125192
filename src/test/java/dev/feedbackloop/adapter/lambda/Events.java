package dev.feedbackloop.adapter.lambda;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/** The sample events of {@code events/}, and sending events to the Lambda mock event server the test starts. */
final class Events {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEST_API = "quarkus-internal.aws-lambda.test-api";

    private Events() {
    }

    /** A sample event from {@code events/}, as a mutable tree. */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("events", name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event events/" + name, e);
        }
    }

    /** Invokes the exported function with {@code event} through the mock event server. */
    static Response invoke(JsonNode event) {
        // The mock event server's address: the application's configuration under @QuarkusTest, a system property the
        // integration test extension sets when the application runs in a process of its own.
        String api = ConfigProvider.getConfig().getOptionalValue(TEST_API, String.class)
                .orElseGet(() -> System.getProperty(TEST_API));
        return given().baseUri("http://" + api).contentType("application/json").body(event.toString())
                .when().post("/_lambda_");
    }

    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
