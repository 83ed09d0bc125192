package dev.feedbackloop.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.secrets.SecretsManagerApiKey;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadAccess;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadRequest;
import dev.feedbackloop.view.ReadResponse;
import dev.feedbackloop.view.ReadTokens;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code read} Lambda: a Function URL GET in, {@link ReadApi}'s answer out. A function of its own beside ingest,
 * so that each keeps the least it needs: this one reads the table (and the project secrets, to check signed reads)
 * and writes nothing; ingest writes raw reports (and people's decisions). Reads are signed with the project's upload
 * secret, or carry the project's read token when the deployment's read secret is configured
 * ({@code feedback.read.token-secret-id}, read through Secrets Manager and cached 5 minutes; {@link ReadAccess}).
 * While that secret cannot be read, or is shorter than 32 bytes, reads must be signed (and the cause is logged).
 */
@Singleton
public class ReadFunction {

    private static final Logger LOG = Logger.getLogger(ReadFunction.class);

    private final ProjectReads reads;
    private final ProjectSecrets secrets;
    private final Clock clock;
    private final ReadApi signedOnly;
    private final Optional<ApiKeySource> readSecret;

    @Inject
    public ReadFunction(LoopWiring wiring, Clock clock, FeedbackConfig config) {
        this(wiring, clock, config.read().tokenSecretId().filter(id -> !id.isBlank()).map(id ->
                new SecretsManagerApiKey(() -> LoopProducers.configure(SecretsManagerClient.builder(), config,
                        config.aws().secretsManagerEndpoint()).build(), id, Duration.ofMinutes(5), clock)));
    }

    /** @param readSecret the deployment's read secret, whose derived tokens grant reads; empty: signed reads only */
    ReadFunction(LoopWiring wiring, Clock clock, Optional<ApiKeySource> readSecret) {
        this.reads = wiring.projectReads(clock);
        this.secrets = wiring.projectSecrets();
        this.clock = clock;
        this.signedOnly = new ReadApi(reads, new ReadAccess(Optional.empty(), secrets, clock));
        this.readSecret = readSecret;
    }

    /** The API with the read tokens of the current read secret, or signed reads only while it is not at hand. */
    private ReadApi api() {
        if (readSecret.isEmpty()) {
            return signedOnly;
        }
        try {
            Optional<byte[]> secret = readSecret.get().key().map(k -> k.getBytes(StandardCharsets.UTF_8));
            if (secret.isEmpty() || secret.get().length < ReadTokens.MIN_SECRET_BYTES) {
                LOG.warnf("the read secret %s is empty or shorter than %d bytes: read tokens are refused, signed"
                        + " reads still work", readSecret.get(), ReadTokens.MIN_SECRET_BYTES);
                return signedOnly;
            }
            return new ReadApi(reads, new ReadAccess(Optional.of(new ReadTokens(secret.get())), secrets, clock));
        } catch (RuntimeException e) {
            LOG.warnf(e, "the read secret cannot be read: read tokens are refused, signed reads still work");
            return signedOnly;
        }
    }

    @Funq("read")
    public APIGatewayV2HTTPResponse read(APIGatewayV2HTTPEvent event) {
        ReadResponse response;
        try {
            response = api().handle(new ReadRequest(method(event), Optional.ofNullable(event.getRawPath()).orElse("/"),
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
