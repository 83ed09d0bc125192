package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadGrantAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePutCarriesEveryHeaderTheUrlWasSignedWith(@TempDir Path dir) throws Exception {
        Path report = Files.writeString(dir.resolve("report.xml.gz"), "gz");
        UploadGrantAnswer grant = new UploadGrantAnswer(JSON.readTree("""
                {"uploadUrl": "http://127.0.0.1:9000/reports/a.gz?X-Amz-Signature=abc",
                 "headers": {"Content-Encoding": "gzip", "x-amz-checksum-sha256": "q1w2"},
                 "accepted": {"status": "accepted", "runId": "r1"}}"""));

        HttpRequest put = grant.put(report).build();

        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.uri()).isEqualTo(URI.create("http://127.0.0.1:9000/reports/a.gz?X-Amz-Signature=abc"));
        assertThat(put.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(put.headers().firstValue("x-amz-checksum-sha256")).hasValue("q1w2");
        assertThat(put.bodyPublisher().orElseThrow().contentLength()).isEqualTo(2);
        assertThat(grant.accepted().path("runId").asText()).isEqualTo("r1");
    }

    @Test
    void anAnswerWithoutAnAcceptedPartStandsForItself() throws Exception {
        UploadGrantAnswer grant = new UploadGrantAnswer(JSON.readTree("{\"uploadUrl\": \"http://h/x\", \"runId\": \"r2\"}"));

        assertThat(grant.accepted().path("runId").asText()).isEqualTo("r2");
    }
}
