package dev.feedbackloop.adapter.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The parts of an S3 event notification ({@code {"Records":[{"eventName","s3":{"bucket":{"name"},
 * "object":{"key","eTag","size"}}}]}}) the classify function reads. Object keys arrive URL-encoded.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public class S3Notification {

    @JsonProperty("Records")
    public List<Record> records;

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Record {
        public String eventSource;
        public String eventName;
        public S3 s3;
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class S3 {
        public Bucket bucket;
        public S3Object object;
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Bucket {
        public String name;
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class S3Object {
        public String key;
        public String eTag;
        public Long size;
    }
}
