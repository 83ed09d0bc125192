package dev.feedbackloop.adapter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients pointed at the embedded engines: a fixed region, static local credentials and the URL-connection
 * HTTP client (the one the Lambda artifact uses too).
 *
 * <p>The HTTP client waits as long as an engine takes. Its defaults (2 s to connect, 30 s to read) guard against a
 * remote service that stopped answering; an engine in this process answers unless the machine is starved, and then a
 * large request (a 400 KB item, a 12 MB object) on a loaded machine ran into the 30 s read timeout, failing a test
 * for the machine's load rather than for the code.
 */
public final class LocalClients {

    /** Region every local client and engine uses. */
    public static final Region REGION = Region.US_EAST_1;
    /** Access key the local engines accept; DynamoDB Local 2.x allows letters and digits only. */
    public static final String ACCESS_KEY = "feedbacklocal";
    /** Secret key the local engines accept. */
    public static final String SECRET_KEY = "feedback-local-secret";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    /** How long a local request may take before it is given up: only a hung engine takes this long. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private LocalClients() {
    }

    /** A DynamoDB client for {@code endpoint}, with the given interceptors (request counting, fault injection). */
    public static DynamoDbClient dynamoDb(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return dynamoDbBuilder(endpoint).overrideConfiguration(overrides(interceptors)).build();
    }

    /** A DynamoDB client builder for {@code endpoint}, to configure further (retries, interceptors). */
    public static DynamoDbClientBuilder dynamoDbBuilder(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient());
    }

    /**
     * An S3 client for {@code endpoint}, path-style, on a connection of its own per request. s3proxy closes a
     * connection idle for 30 s, also one whose response still waits, whole, in the socket for a reader that holds the
     * stream (a slow parse on a loaded machine); the JDK then pools it as fresh, and the next PUT on it fails with
     * "Unexpected end of file from server", which the SDK does not retry (its 100-continue handling throws an
     * UncheckedIOException). A connection that is never pooled cannot be found closed.
     *
     * <p>It also sends no {@code Expect: 100-continue}: s3proxy answers "100 Continue" before it checks a request,
     * then answers an error and closes the connection without reading the body, so the JDK client fails writing the
     * body ("Error writing request body to server") and the SDK's URL-connection client drops the answer. Without it
     * the body goes with the request; a rejection s3proxy sends before reading it can still close the connection
     * under a body still being written (then the SDK tries again), but a request it accepts is never cut short.
     */
    public static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create(LocalClients::unpooledConnection))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutExpectContinue()))
                .forcePathStyle(true)
                // s3proxy does not verify the CRC trailers newer SDKs add by default; send them only when required.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** An S3 pre-signer for {@code endpoint}, path-style, signing with the local credentials. */
    public static S3Presigner s3Presigner(URI endpoint) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** An SQS client for {@code endpoint}. */
    public static SqsClient sqs(URI endpoint) {
        return sqs(endpoint, List.of());
    }

    /** An SQS client for {@code endpoint}, with the given interceptors (request counting). */
    public static SqsClient sqs(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(httpClient())
                .overrideConfiguration(overrides(interceptors))
                .build();
    }

    private static HttpURLConnection unpooledConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            // a factory of one's own sets the timeouts the builder would
            connection.setConnectTimeout((int) PATIENCE.toMillis());
            connection.setReadTimeout((int) PATIENCE.toMillis());
            // the server closes the connection after its answer, and the JDK does not keep it
            connection.setRequestProperty("Connection", "close");
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(PATIENCE).socketTimeout(PATIENCE).build();
    }

    private static ClientOverrideConfiguration overrides(List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder();
        interceptors.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }

    /** Drops the {@code Expect: 100-continue} the S3 client adds to uploads (see {@link #s3(URI)}). */
    private static final class WithoutExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                ExecutionAttributes executionAttributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }
}
