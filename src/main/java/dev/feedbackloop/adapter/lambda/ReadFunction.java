package dev.feedbackloop.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadAccess;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadRequest;
import dev.feedbackloop.view.ReadResponse;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code read} Lambda: a Function URL GET in, {@link ReadApi}'s answer out. A function of its own beside ingest,
 * so that each keeps the least it needs: this one reads the table (and the project secrets, to check signed reads)
 * and writes nothing; ingest writes raw reports and reads no table. Reads are signed with the project's upload secret
 * ({@link ReadAccess}); there are no read tokens on AWS yet.
 */
@Singleton
public class ReadFunction {

    private static final Logger LOG = Logger.getLogger(ReadFunction.class);

    private final ReadApi api;

    public ReadFunction(LoopWiring wiring, Clock clock) {
        ProjectReads reads = wiring.projectReads(clock);
        this.api = new ReadApi(reads, new ReadAccess(Optional.empty(), wiring.projectSecrets(), clock));
    }

    @Funq("read")
    public APIGatewayV2HTTPResponse read(APIGatewayV2HTTPEvent event) {
        ReadResponse response;
        try {
            response = api.handle(new ReadRequest(method(event), Optional.ofNullable(event.getRawPath()).orElse("/"),
                    event.getRawQueryString(), Optional.ofNullable(event.getHeaders()).orElse(Map.of())));
        } catch (RuntimeException e) { // the store failed: logged here, a problem without the stack to the caller
            LOG.errorf(e, "read %s failed", event.getRawPath());
            response = ReadResponse.internalError();
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("Content-Type", response.contentType(), "Cache-Control", "no-store",
                        "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"))
                .withBody(method(event).equals("HEAD") ? "" : response.body())
                .build();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("GET");
    }
}
