package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

/**
 * The client's side of ingest's answer to {@code POST /uploads}
 * ({@code {"uploadUrl","headers","reportKey","expiresAt","accepted"}}): the PUT that stores the report under the
 * grant, and the answer that stands for the accepted report once it is stored. One reading of the answer for every
 * client (the CI uploader over HTTP and the local loop in-process), so they send exactly the headers the URL was
 * signed with.
 */
public record UploadGrantAnswer(JsonNode answer) {

    /** A PUT of {@code report} to the pre-signed URL, with every header the grant names. */
    public HttpRequest.Builder put(Path report) throws FileNotFoundException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(answer.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofFile(report));
        answer.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return put;
    }

    /** What ingest says of the report once it is stored: the same body as a direct, accepted delivery. */
    public JsonNode accepted() {
        return answer.path("accepted").isMissingNode() ? answer : answer.path("accepted");
    }
}
