package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.regenerate.RegenerationIntake;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The {@code regenerate} Lambda: a batch of regeneration requests from SQS, each recorded as a pending
 * recommendation by {@link RegenerationIntake}; malformed or unrecorded messages are reported as batch item failures.
 * Generating the fix itself (the LLM call) arrives with its own issue.
 */
@Singleton
public class RegenerateFunction {

    private final RegenerationIntake intake;

    public RegenerateFunction(LoopWiring wiring) {
        this.intake = wiring.regenerationIntake();
    }

    @Funq("regenerate")
    public SqsBatchResponse regenerate(SqsEvent event) {
        List<RegenerationIntake.QueuedMessage> messages = event == null || event.records == null ? List.of()
                : event.records.stream()
                .map(m -> new RegenerationIntake.QueuedMessage(m.messageId == null ? "" : m.messageId, m.body))
                .toList();
        SqsBatchResponse response = new SqsBatchResponse();
        intake.accept(messages).failed()
                .forEach(id -> response.batchItemFailures.add(new SqsBatchResponse.ItemFailure(id)));
        return response;
    }
}
