package dev.feedbackloop.adapter.local;

import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An SQS endpoint (ElasticMQ) inside this JVM on a free loopback port. Queues and messages live in memory only:
 * locally a regeneration request is consumed by the same process that published it.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final Duration startup;

    private LocalSqs(SQSRestServer server, URI endpoint, Duration startup) {
        this.server = server;
        this.endpoint = endpoint;
        this.startup = startup;
    }

    /** Starts an in-memory SQS endpoint. */
    public static LocalSqs start() {
        long begin = System.nanoTime();
        try {
            // A dynamic port (0): the system picks a free one as it binds, so no other process can take it in
            // between; without a fixed server address, the queue URLs it hands out name the port it bound.
            SQSRestServer server = SQSRestServerBuilder
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(LocalClients.REGION.id())
                    .start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new LocalSqs(server, URI.create("http://127.0.0.1:" + port),
                    Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException e) {
            throw new LocalEngineException("ElasticMQ failed to start on 127.0.0.1", e);
        }
    }

    /** Where SDK clients reach it. */
    public URI endpoint() {
        return endpoint;
    }

    /** How long it took to start. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
