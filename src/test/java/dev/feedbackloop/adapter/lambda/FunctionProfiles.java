package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.llm.FakeAnthropicResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * One test profile per function: each exports one function, as each Lambda does, on the local engines. Each profile
 * starts the application once (Quarkus orders test classes by profile), so a test of the application in a function's
 * setting uses that function's profile rather than one of its own.
 */
public final class FunctionProfiles {

    private FunctionProfiles() {
    }

    abstract static class Exporting implements QuarkusTestProfile {
        private final String function;

        Exporting(String function) {
            this.function = function;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", function);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoopEnginesResource.class));
        }
    }

    /** Ingest, with a small body limit so that a test can exceed it cheaply. */
    public static final class Ingest extends Exporting {
        public Ingest() {
            super("ingest");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "ingest", "feedback.ingest.max-body-bytes", "65536");
        }
    }

    public static final class Classify extends Exporting {
        public Classify() {
            super("classify");
        }
    }

    /** Regenerate, with a model provider to call: a local Messages API ({@link FakeAnthropicResource}). */
    public static final class Regenerate extends Exporting {
        public Regenerate() {
            super("regenerate");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoopEnginesResource.class),
                    new TestResourceEntry(FakeAnthropicResource.class));
        }
    }

    public static final class Rollup extends Exporting {
        public Rollup() {
            super("rollup");
        }
    }

    public static final class Read extends Exporting {
        public Read() {
            super("read");
        }
    }
}
