package dev.feedbackloop.adapter.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/** What the classify function did with each record of a notification (logged by Lambda; read by tests). */
@RegisterForReflection
public class ClassifyResult {

    public List<Report> reports = new ArrayList<>();

    /** One record's outcome. */
    @RegisterForReflection
    public static class Report {
        public String key;
        public String status;
        public String runId;
        public long tests;
        public long failing;
        public int scenarios;
        public int scenariosCreated;
        public int regenerationsPublished;
        public String message;
    }
}
