package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.FixAnalysisStore;
import dev.feedbackloop.regenerate.LoadDrainStores;
import dev.feedbackloop.regenerate.RegenerationIntake;
import dev.feedbackloop.regenerate.RegenerationService;
import dev.feedbackloop.regenerate.Regenerator;
import dev.feedbackloop.regenerate.ShippedSources;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code regenerate} Lambda: a batch of regeneration requests from SQS, each recorded as a pending
 * recommendation by {@link RegenerationIntake} and then worked on by the {@link RegenerationService} (a model's fix
 * checked by the guard, or the playbook without a model); malformed, unrecorded and deferred messages are reported
 * as batch item failures, so the queue redelivers them. On AWS the failing test's source is the one CI shipped with
 * the run's report ({@code feedback upload}, {@code POST /sources}), read from the reports bucket
 * ({@link ShippedSources}); a run that shipped none gets a root cause but no code fix.
 */
@Singleton
public class RegenerateFunction {

    /**
     * The function's timeout (infra-cdk {@code FeedbackStack.REGENERATE_TIMEOUT}): Funqy does not hand over the
     * invocation's remaining time, so the deadline no model call may run past is counted from the batch's start.
     */
    static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(2);

    private final RegenerationIntake intake;
    private final RegenerationService regeneration;
    private final Optional<Duration> timeout;
    private final Clock clock;

    @Inject
    public RegenerateFunction(LoopWiring wiring, LlmWiring llm, Clock clock) {
        this(wiring, llm, new ShippedSources(wiring.sources()), Optional.of(FUNCTION_TIMEOUT), clock);
    }

    /**
     * With test sources (the command line's checkout) and a time limit per batch (none on the command line).
     */
    public RegenerateFunction(LoopWiring wiring, LlmWiring llm, TestSources sources, Optional<Duration> timeout,
                              Clock clock) {
        this(wiring.regenerationIntake(), wiring, llm, sources, timeout, clock, wiring.runs(), wiring.scenarios(),
                wiring.fixAnalyses());
    }

    /**
     * For one drain of the queue a history load filled, on the command line: the function as {@link
     * #RegenerateFunction(LoopWiring, LlmWiring, TestSources, Optional, Clock)} makes it, reading each run and scenario
     * once and not claiming a finished analysis again ({@link LoadDrainStores}), and recording a batch's requests
     * together ({@link RegenerationIntake#recordingTogether}): what it stores is the same. Make a new one for each
     * drain; never on Lambda.
     */
    public static RegenerateFunction forOneLoadDrain(LoopWiring wiring, LlmWiring llm, TestSources sources,
                                                     Clock clock) {
        return new RegenerateFunction(wiring.regenerationIntake().recordingTogether(), wiring, llm, sources,
                Optional.empty(), clock, LoadDrainStores.runs(wiring.runs()), LoadDrainStores.scenarios(wiring.scenarios()),
                LoadDrainStores.analyses(wiring.fixAnalyses()));
    }

    private RegenerateFunction(RegenerationIntake intake, LoopWiring wiring, LlmWiring llm, TestSources sources,
                               Optional<Duration> timeout, Clock clock, RunStore runs, ScenarioStore scenarios,
                               FixAnalysisStore analyses) {
        this.intake = intake;
        // page snapshots always come from what was shipped with the run (upload, or the local loop's ingest)
        this.regeneration = new RegenerationService(runs, scenarios,
                TestSources.withPageSnapshots(sources, new ShippedSources(wiring.sources())),
                new Regenerator(analyses, llm.modelChoice(), clock, Regenerator.DEFAULT_CLAIM_LEASE),
                Redactor.standard(), wiring.recommendations(), wiring.triage(), wiring.health(),
                llm.settings().policy(), clock);
        this.timeout = timeout;
        this.clock = clock;
    }

    @Funq("regenerate")
    public SqsBatchResponse regenerate(SqsEvent event) {
        List<RegenerationIntake.QueuedMessage> messages = event == null || event.records == null ? List.of()
                : event.records.stream()
                .map(m -> new RegenerationIntake.QueuedMessage(m.messageId == null ? "" : m.messageId, m.body))
                .toList();
        SqsBatchResponse response = new SqsBatchResponse();
        intake.accept(messages, Optional.of(regeneration), timeout.map(clock.instant()::plus))
                .failed().forEach(id -> response.batchItemFailures.add(new SqsBatchResponse.ItemFailure(id)));
        return response;
    }
}
