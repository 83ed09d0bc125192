package dev.feedbackloop.adapter.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parts of an EventBridge scheduled event the rollup function reads. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScheduledEvent {

    @JsonProperty("detail-type")
    public String detailType;

    /** When the schedule fired, ISO-8601 UTC ({@code 2026-03-02T02:30:00Z}). */
    public String time;
}
