package dev.feedbackloop.adapter.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The parts of an SQS event ({@code {"Records":[{"messageId","body"}]}}) the regenerate function reads. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public class SqsEvent {

    @JsonProperty("Records")
    public List<Message> records;

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Message {
        public String messageId;
        public String body;
    }
}
