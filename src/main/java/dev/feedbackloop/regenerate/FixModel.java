package dev.feedbackloop.regenerate;

/**
 * The port to a language model asked for a structured answer about a failing test. Implementations (adapters for
 * the Anthropic Messages API, OpenAI-compatible Chat Completions and Amazon Bedrock Converse) send the request the
 * way their provider enforces the answer's schema, make exactly one call (retries, budget and deadline are
 * {@link FixModelCaller}'s), and check the answer against the schema before returning it. They never log the request
 * content or a key.
 */
public interface FixModel {

    /** {@code anthropic}, {@code openai} or {@code bedrock}: for records and messages. */
    String provider();

    /**
     * Asks once.
     *
     * @return the valid answer, with usage, latency and the raw response; cost and attempts are filled in by the
     *         caller ({@link FixModelReply#withCost})
     * @throws FixModelException for every failure, its {@link FixModelFault} saying which and whether it is
     *                           transient; with the tokens used when the provider reported them
     */
    FixModelReply ask(FixModelRequest request);
}
