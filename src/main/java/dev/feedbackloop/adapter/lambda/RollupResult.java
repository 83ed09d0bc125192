package dev.feedbackloop.adapter.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the rollup function computed (logged by Lambda; read by tests). */
@RegisterForReflection
public class RollupResult {

    /** The UTC day rolled up. */
    public String day;
    public int projects;
    public long runs;
    public long tests;
}
