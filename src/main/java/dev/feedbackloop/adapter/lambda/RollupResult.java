package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.publish.NightlyPublishing;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What the rollup function computed and published (logged by Lambda; read by tests). */
@RegisterForReflection
public class RollupResult {

    /** The UTC day rolled up. */
    public String day;
    public int projects;
    public long runs;
    public long tests;
    /** Each project's report and digest. */
    public List<Published> published = List.of();

    /** One project's report (where it is kept and its pre-signed link) and what became of its digest. */
    @RegisterForReflection
    public static class Published {
        public String project;
        /** {@code s3://bucket/dashboards/<project>/<day>.html}. */
        public String report;
        /** The pre-signed GET link. */
        public String link;
        public String linkExpiresAt;
        /** {@code SENT}, {@code ALREADY_SENT}, {@code NOT_CONFIGURED} or {@code FAILED}. */
        public String digest;
        /** Why the digest failed, if it did (never the webhook). */
        public String problem;

        static Published of(NightlyPublishing.Published from) {
            Published p = new Published();
            p.project = from.project();
            p.report = from.report().location();
            p.link = from.report().link();
            p.linkExpiresAt = from.report().expiresAt().map(Object::toString).orElse(null);
            p.digest = from.digest().name();
            p.problem = from.problem().orElse(null);
            return p;
        }
    }
}
