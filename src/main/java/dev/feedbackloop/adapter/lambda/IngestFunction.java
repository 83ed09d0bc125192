package dev.feedbackloop.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.IngestService;
import dev.feedbackloop.triage.TriageApi;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ingest} Lambda: a Function URL call in, {@link IngestService}'s answer out, or {@link TriageApi}'s for
 * people's decisions ({@code POST /triage}, {@code POST /implemented}).
 */
@Singleton
public class IngestFunction {

    private final IngestService ingest;
    private final TriageApi triage;
    private final Clock clock;

    public IngestFunction(LoopWiring wiring, Clock clock) {
        this.ingest = wiring.ingest();
        this.triage = wiring.triageApi();
        this.clock = clock;
    }

    @Funq("ingest")
    public APIGatewayV2HTTPResponse ingest(APIGatewayV2HTTPEvent event) {
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return response(new IngestResponse(400, "{\"error\":\"bad_request\",\"message\":"
                    + "\"isBase64Encoded is set but the body is not base64\"}"));
        }
        IngestRequest request = new IngestRequest(method(event), event.getRawPath(), orEmpty(event.getHeaders()),
                orEmpty(event.getQueryStringParameters()), body, clock.instant());
        // People's decisions share the Function URL and its signing; the read function stays read-only.
        return response(TriageApi.handles(request.path()) ? triage.handle(request) : ingest.handle(request));
    }

    private static APIGatewayV2HTTPResponse response(IngestResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("Content-Type", IngestResponse.CONTENT_TYPE))
                .withBody(response.body())
                .build();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("POST");
    }

    /** Function URLs deliver binary bodies (gzip) base64-encoded; the signature covers the decoded bytes. */
    private static byte[] body(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
