package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.testing.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The local S3 client against s3proxy: an error s3proxy answers before it reads an upload reaches the caller. */
class LocalS3ClientTest {

    private final S3Client s3 = LocalClients.s3(TestEngines.s3().endpoint());

    /**
     * s3proxy rejects a PUT into a missing bucket without reading its body. With {@code Expect: 100-continue} the
     * client learnt of it only as "Error writing request body to server", after retries (a 1 KB report took two
     * attempts, a 3 MB one never got the answer); this is how a CI run lost the real error of a failed report
     * upload. A report-sized body now gets S3's answer at the first attempt.
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 1_000})
    void aSmallUploadS3proxyRejectsUnread_failsWithS3sError_atTheFirstAttempt(int size) {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("no-such-bucket").key("report.xml"),
                RequestBody.fromBytes(new byte[size])))
                .isInstanceOf(NoSuchBucketException.class)
                .hasMessageContaining("(SDK Attempt Count: 1)");
    }

    /**
     * A larger body may still meet the connection closed under it (s3proxy answers before reading it, then closes),
     * so the SDK may try again; what reaches the caller is S3's error all the same.
     */
    @ParameterizedTest
    @ValueSource(ints = {20_000})
    void aLargerUploadS3proxyRejectsUnread_failsWithS3sError(int size) {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("no-such-bucket").key("report.xml"),
                RequestBody.fromBytes(new byte[size])))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void anUpload_isStoredWhole() {
        String bucket = TestEngines.uniqueName("local-s3-client");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] body = new byte[1_000_000];
        body[999_999] = 7;

        s3.putObject(b -> b.bucket(bucket).key("report.xml"), RequestBody.fromBytes(body));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("report.xml")).asByteArray()).isEqualTo(body);
    }
}
