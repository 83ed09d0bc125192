package dev.feedbackloop.regenerate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * A {@link FixModel} answering from a script, for the service's unit tests; the same flow runs against the real
 * provider adapters over a local HTTP server in {@code RegenerationOverHttpTest}.
 */
final class ScriptedFixModel implements FixModel {

    final List<FixModelRequest> asked = new ArrayList<>();
    private final Deque<Supplier<FixModelReply>> script = new ArrayDeque<>();

    ScriptedFixModel answering(String answerJson) {
        script.add(() -> new FixModelReply(FixAnswerSchema.standard().read(answerJson), "anthropic",
                "claude-sonnet-4-5", "end_turn", new TokenUsage(1200, 300, 0, 0), Duration.ofMillis(40),
                BigDecimal.ZERO, "{\"raw\":true}", Optional.of("req_1"), 1));
        return this;
    }

    ScriptedFixModel failing(FixModelFault fault) {
        script.add(() -> {
            throw new FixModelException(fault, "anthropic", "anthropic: " + fault, OptionalInt.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(new TokenUsage(1200, 10, 0, 0)), Optional.empty(),
                    1, null);
        });
        return this;
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    public FixModelReply ask(FixModelRequest request) {
        asked.add(request);
        if (script.isEmpty()) {
            throw new AssertionError("asked more often than scripted: " + asked.size() + " times");
        }
        return script.poll().get();
    }
}
