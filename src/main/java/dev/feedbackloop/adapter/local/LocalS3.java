package dev.feedbackloop.adapter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 endpoint (s3proxy) inside this JVM on a free loopback port, checking SigV4 signatures against
 * {@link LocalClients#ACCESS_KEY}. Objects live in memory, or as files under a directory.
 */
public final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Duration startup;

    private LocalS3(S3Proxy proxy, URI endpoint, Duration startup) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.startup = startup;
    }

    /** A transient store: everything is gone when it closes. */
    public static LocalS3 inMemory() {
        return start(new TransientNio2BlobStore(), Optional.empty());
    }

    /** A store keeping buckets as directories under {@code directory} (created if missing). */
    public static LocalS3 persistent(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create s3proxy directory " + directory, e);
        }
        return start(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()), Optional.of(directory));
    }

    private static LocalS3 start(BlobStore store, Optional<Path> directory) {
        long begin = System.nanoTime();
        // Port 0: the system picks a free port as it binds, so no other process can take it in between.
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("still " + proxy.getState() + " after 30 s");
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new LocalEngineException("s3proxy failed to start on 127.0.0.1"
                    + directory.map(d -> " with data under " + d).orElse(" in memory"), e);
        }
        return new LocalS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()),
                Duration.ofNanos(System.nanoTime() - begin));
    }

    /** Where SDK clients reach it (path-style addressing). */
    public URI endpoint() {
        return endpoint;
    }

    /** How long it took to start. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new LocalEngineException("s3proxy at " + endpoint + " failed to stop", e);
        }
    }
}
